"""``factsift bench memory``: its plumbing and table (the figures go to BENCHMARKS.md)."""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsift.bench.memory import MB, measure, prose, run
from factsift.cli.main import cli
from factsift.errors import BenchmarkError

BODIES = [
    "The harbour board said the ferry was late on Monday. Mara Quill met the crew.",
    "Officials in Riverton say the dam will hold. “It is safe,” the engineer said.",
]


def _story(subject: str, verb: str, k: int) -> str:
    sentences = [
        f"{subject} number {i * 13 + k} {verb} {i + 2} times in year {1900 + i}." for i in range(30)
    ]
    return "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, 30, 3))


def _data(tmp_path: Path) -> Path:
    """A FakeNewsCorpus sample of two distinct stories of 150 words or more (the bench's prose)."""
    folder = tmp_path / "data" / "fakenewscorpus-sample"
    folder.mkdir(parents=True)
    stories = [_story("The ferry", "was late", 1), _story("Riverton's old dam", "leaked", 2)]
    with (folder / "news_sample.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "content"])
        writer.writerows([k, f"Story {k}", story] for k, story in enumerate(stories))
    return tmp_path / "data"


def test_bench_memory_prose_repeats_texts_up_to_the_size() -> None:
    text = prose(BODIES, 1000)
    assert len(text.encode("utf-8")) <= 1000
    assert len(text.encode("utf-8")) > 990  # a cut multi-byte character may cost a byte or two
    assert text.startswith(BODIES[0]) and BODIES[1] in text
    assert text.count(BODIES[0]) > 3


def test_bench_memory_prose_without_text_names_the_data() -> None:
    with pytest.raises(BenchmarkError, match="empty"):
        prose(["", "  "], 100)


def test_bench_memory_missing_data_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkError, match="FACTSIFT_DATA"):
        run(tmp_path, [0.01])


def test_bench_memory_reports_a_failed_or_killed_check() -> None:
    rss, _wall, code, error = measure([sys.executable, "-c", "import sys; sys.exit('no luck')"])
    assert code == 1 and error == "no luck" and rss > 0
    killer = "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"
    _rss, _wall, code, error = measure([sys.executable, "-c", killer])
    assert code == -9 and error == "killed by SIGKILL"


def test_bench_memory_cli_prints_one_row_per_size(tmp_path: Path) -> None:
    data = _data(tmp_path)
    result = CliRunner().invoke(
        cli, ["bench", "memory", "--sizes", "0.001,0.002", "--data", str(data)]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert re.split(r"\s{2,}", lines[0].strip()) == [
        "size MB", "input bytes", "peak RSS MB", "wall s", "status",
    ]  # fmt: skip
    assert len(lines) == 3
    for line, size in zip(lines[1:], (0.001, 0.002), strict=True):
        row = re.fullmatch(r"\s*([\d.]+)\s+([\d,]+)\s+([\d,]+)\s+([\d.]+)\s+ok", line)
        assert row is not None, line
        assert float(row[1]) == size and int(row[2].replace(",", "")) == round(size * MB)
        assert int(row[3].replace(",", "")) > 0


def test_bench_memory_cli_json_with_an_empty_store(tmp_path: Path) -> None:
    data = _data(tmp_path)
    store = tmp_path / "empty.sqlite3"
    result = CliRunner().invoke(
        cli,
        ["bench", "memory", "--sizes", "0.001", "--data", str(data), "--kb", str(store), "--json"],
    )
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    assert row["exit_code"] == 0 and row["error"] == "" and row["peak_rss_mb"] > 0
    assert row["input_bytes"] == round(0.001 * MB)


def test_bench_memory_cli_refuses_bad_sizes() -> None:
    result = CliRunner().invoke(cli, ["bench", "memory", "--sizes", "0.1,-1"])
    assert result.exit_code == 2 and "comma-separated" in result.output
