"""stderr carries factsift's own lines only: no library logging (faiss, wordllama,
onnxruntime) around a check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _python(code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )


def test_cli_stderr_faiss_after_checkworthiness_logs_nothing() -> None:
    """The check-worthiness model loads wordllama, which configures INFO logging on the root
    logger; faiss (the fact-check matcher on large stores) then logged "Loading faiss..."."""
    code = (
        "import numpy as np\n"
        "from factsift.checkworthiness.static_embed import encode_static\n"
        "encode_static(['The dam was sold for 4.2 million dollars.'])\n"
        "from factsift.factchecks.ann import VectorIndex\n"
        "vectors = np.random.default_rng(0).random((400, 8), dtype=np.float32)\n"
        "VectorIndex.build(vectors, np.arange(400, dtype=np.int64))\n"
    )
    proc = _python(code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""


def test_cli_stderr_check_of_the_example_prints_only_factsift_lines(tmp_path: Path) -> None:
    kb = tmp_path / "kb.sqlite3"
    factsift = [sys.executable, "-m", "factsift"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    corpus = [*factsift, "corpus", "import", str(EXAMPLES / "riverton-corpus.jsonl"), "--quiet"]
    imported = subprocess.run(
        [*corpus, "--kb", str(kb)], capture_output=True, text=True, env=env, check=False
    )
    assert imported.returncode == 0 and imported.stderr == "", imported.stderr
    out = tmp_path / "report.txt"
    check = [*factsift, "check", str(EXAMPLES / "riverton-dam.txt"), "--kb", str(kb)]
    proc = subprocess.run(
        [*check, "--out", str(out)], capture_output=True, text=True, env=env, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == f"Report written to {out}\n"
    assert "Riverton" in out.read_text(encoding="utf-8")
