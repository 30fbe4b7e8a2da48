"""Metrics and readers of the check-worthiness benchmark (no model needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factsift.bench.datasets.checkworthiness import read, read_claimbuster, read_clef_debate
from factsift.bench.datasets.checkworthiness_corpus import DEV_DEBATES, split_debates
from factsift.bench.metrics.checkworthiness import (
    average_precision,
    best_threshold,
    f1_positive,
    mean_average_precision,
)
from factsift.errors import BenchmarkError


def test_metrics_f1_of_positive_class() -> None:
    assert f1_positive([1, 1, 0, 0], [1, 0, 1, 0]) == pytest.approx(0.5)
    assert f1_positive([1, 0], [0, 0]) == 0.0


def test_metrics_average_precision_by_rank() -> None:
    # relevant at ranks 1 and 3: (1/1 + 2/3) / 2
    assert average_precision([1, 0, 1], [0.9, 0.8, 0.7]) == pytest.approx((1 + 2 / 3) / 2)
    assert average_precision([0, 1], [0.9, 0.1]) == pytest.approx(0.5)


def test_metrics_map_skips_groups_without_positives() -> None:
    groups = ["a", "a", "b", "b"]
    value = mean_average_precision(groups, [1, 0, 0, 0], [0.1, 0.9, 0.5, 0.4])
    assert value == pytest.approx(0.5)


def test_metrics_best_threshold_separates_clean_scores() -> None:
    labels = [0] * 90 + [1] * 10
    scores = [i / 1000 for i in range(90)] + [0.9 + i / 100 for i in range(10)]
    cut = best_threshold(labels, scores)
    assert 0.089 < cut <= 0.9


def test_datasets_clef_debate_folder_groups_by_file(tmp_path: Path) -> None:
    (tmp_path / "d1.tsv").write_text("1\tA\tTaxes rose 10%.\t1\n2\tB\tThank you.\t0\n")
    (tmp_path / "d2.tsv").write_text("1\tC\tHello.\t0\n")
    rows = read_clef_debate(tmp_path)
    assert [(r.group, r.label) for r in rows] == [("d1", 1), ("d1", 0), ("d2", 0)]


def test_datasets_bad_clef_line_names_file_and_format(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("1\tA\tno label here\n")
    with pytest.raises(BenchmarkError, match=r"bad\.tsv:1.*--format claimbuster"):
        read(bad, "clef-debate")


def test_datasets_claimbuster_json_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "cb.json"
    good.write_text(json.dumps([{"sentence_id": 1, "label": 1, "text": "GDP grew."}]))
    assert read_claimbuster(good)[0].label == 1
    bad = tmp_path / "no.json"
    bad.write_text("{not json")
    with pytest.raises(BenchmarkError, match="not ClaimBuster JSON"):
        read(bad, "claimbuster")
    with pytest.raises(BenchmarkError, match="Unknown format"):
        read(good, "csv")


def test_corpus_split_by_debate_is_seeded_and_disjoint() -> None:
    names = [f"debate{i:02d}" for i in range(50)]
    train, dev = split_debates(names)
    assert len(dev) == DEV_DEBATES and not set(train) & set(dev)
    assert split_debates(list(reversed(names))) == (train, dev)
