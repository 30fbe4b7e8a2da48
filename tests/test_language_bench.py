"""The language benchmark's plumbing (figures themselves go to BENCHMARKS.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsift.bench.language import load_texts, run
from factsift.errors import BenchmarkError


def test_language_bench_missing_data_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkError, match="FACTSIFT_DATA"):
        load_texts(tmp_path, 5, None)


def test_language_bench_reports_consistent_figures() -> None:
    result = run(["The ferry was late, officials said.", "Mara Quill met the crew."])
    assert result.texts == 2
    assert result.stage_seconds > 0 and result.spacy_full_seconds > 0
    assert result.ratio_to_spacy > 0 and result.stage_per_second > 0
    assert result.rules_share < 1  # may dip below 0 on tiny texts: timer noise


def test_language_bench_reads_article_bodies(data_dir: Path) -> None:
    texts = load_texts(data_dir, 3, None)
    assert len(texts) == 3 and all(texts)
