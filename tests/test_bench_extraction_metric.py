"""The extraction benchmark's metric, on hand-made texts."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from factsift.bench.extraction import load_pages, page_counts, score_pages, scores, shingles
from factsift.errors import BenchmarkError


def test_bench_extraction_shingles_of_four_word_tokens() -> None:
    assert shingles("One, two; three four five!") == {
        ("One", "two", "three", "four"): 1,
        ("two", "three", "four", "five"): 1,
    }
    assert shingles("too short") == {("too", "short"): 1}
    assert shingles("") == {}


def test_bench_extraction_page_counts_normalised() -> None:
    true = "a b c d e f"  # shingles: abcd bcde cdef
    assert page_counts(true, true) == (1.0, 0.0, 0.0)
    assert page_counts(true, "") == (0.0, 0.0, 1.0)
    tp, fp, fn = page_counts(true, "a b c d e x")  # abcd bcde right, bcdx wrong, cdef missed
    assert (tp, fp, fn) == pytest.approx((0.5, 0.25, 0.25))


def test_bench_extraction_scores_mean_over_pages() -> None:
    counts = [(1.0, 0.0, 0.0), (0.5, 0.5, 0.0), (0.0, 0.0, 1.0)]
    precision, recall, f1 = scores(counts)
    assert precision == pytest.approx(0.75)  # the empty prediction is left out of precision
    assert recall == pytest.approx((1.0 + 1.0 + 0.0) / 3)
    assert f1 == pytest.approx(2 * precision * recall / (precision + recall))


def test_bench_extraction_scores_pages_from_a_small_folder(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    body = "The harbour master said the new pier opens in May after two years of work."
    html = f"<html><body><article><h1>Pier opens</h1><p>{body}</p></article></body></html>"
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress(html.encode()))
    (tmp_path / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": body}}))
    result = score_pages(load_pages(tmp_path), bootstrap=0)
    assert result.pages == 1 and result.f1 == pytest.approx(1.0)


def test_bench_extraction_missing_data_names_folder_and_fix(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkError, match="--data"):
        load_pages(tmp_path / "absent")
