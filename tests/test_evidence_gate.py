"""Quality gate: evidence retrieval on a Climate-FEVER dev slice (pinned minimum).

40 dev claims; the corpus holds only their 195 evidence sentences (``--pool scored``), so the
gate runs in seconds. Measured: recall@3 0.80 (gold supports/refutes sentence among the three
passages given a stance). The full benchmark (every claim's sentences pooled, 4,338 documents)
is in BENCHMARKS.md, "Evidence".
"""

from __future__ import annotations

from pathlib import Path

from factsift.bench.evidence import run

MIN_RECALL_AT_3 = 0.70


def test_evidence_gate_climate_fever_dev_slice_recall(data_dir: Path, tmp_path: Path) -> None:
    result = run(
        data_dir / "climate-fever" / "climate-fever.jsonl",
        "dev",
        limit=40,
        kb=tmp_path / "gate.sqlite3",
        pool="scored",
    )
    assert result["claims"] == 40 and result["corpus_documents"] > 150
    assert result["recall_at_k"] >= MIN_RECALL_AT_3
    # Statuses are only given from strong passages: whatever is given must mostly be right.
    if result["statuses_given"]:
        assert result["status_precision"] >= 0.5
