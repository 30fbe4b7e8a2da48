"""scikit-learn belongs to the benchmark wing: run time neither declares nor imports it."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from factsift.bench.datasets.baly import BalyData
from factsift.bench.extras import require_scikit_learn
from factsift.bench.sources_predictor import evaluate
from factsift.errors import BenchmarkError

ROOT = Path(__file__).resolve().parent.parent
BENCH_ONLY = ("sklearn", "scipy")


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\s=<>!~\[;]", r, maxsplit=1)[0].lower() for r in requirements}


def test_bench_extras_scikit_learn_is_not_a_runtime_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not _names(project["dependencies"]) & {"scikit-learn", "scipy"}
    assert "scikit-learn" in _names(project["optional-dependencies"]["bench"])


def test_bench_extras_check_never_imports_scikit_learn(tmp_path: Path) -> None:
    article = ROOT / "examples" / "riverton-dam.txt"
    done = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "factsift",
            "check",
            str(article),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert '"sections"' in done.stdout
    # -X importtime writes one "import time: self | cumulative | module" line per import.
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert not {m for m in imported if m.split(".")[0] in BENCH_ONLY}


def test_bench_extras_missing_scikit_learn_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "sklearn", None)  # import sklearn now fails
    with pytest.raises(BenchmarkError, match=r"pip install 'factsift\[bench\]'"):
        require_scikit_learn()
    data = BalyData(["a.com", "b.com"], ["high", "low"], [([0], [1])], ROOT)
    with pytest.raises(BenchmarkError, match="scikit-learn is needed for this benchmark"):
        evaluate(data, "name")
