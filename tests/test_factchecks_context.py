"""Transcript context for debate lines (previous line and speaker), from folders and zips."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from factsift.errors import BenchmarkError
from factsift.factchecks.context import find_line, load_transcripts, with_context


def _transcripts(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "debates"
    folder.mkdir()
    (folder / "20170822_Trump_phoenix.tsv").write_text(
        "1\tTRUMP\tWe are building the wall.\t0\n2\tTRUMP\tMexico will pay for it.\t1\n",
        encoding="utf-8",
    )
    archive = tmp_path / "transcripts.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(
            "transcripts/2019_oct_03_fact-checking-medicare.tsv",
            "0220\tDonald Trump\tDemocrats would destroy the economy.\n"
            "0221\tDonald Trump\tThat's how they want to finance it.\n",
        )
        zipped.writestr("__MACOSX/transcripts/._2019_oct_03_fact-checking-medicare.tsv", "x")
    return [folder, archive]


def test_context_adds_previous_line_and_speaker(tmp_path: Path) -> None:
    lines = load_transcripts(_transcripts(tmp_path))
    assert with_context("20170822_Trump_phoenix_0002", "Mexico will pay.", lines) == (
        "We are building the wall. Mexico will pay. Trump"
    )
    # dev-test ids name the event by date only; the file name starts with it
    assert with_context("2019_oct_03_221", "That's how.", lines) == (
        "Democrats would destroy the economy. That's how. Donald Trump"
    )


def test_context_leaves_unknown_lines_unchanged(tmp_path: Path) -> None:
    lines = load_transcripts(_transcripts(tmp_path))
    assert find_line("20170822_Trump_phoenix_0009", lines) is None
    assert with_context("20990101_unknown_0001", "A line.", lines) == "A line."
    assert with_context("no-line-number", "A line.", lines) == "A line."
    # the first line has no line before it: only the speaker is added
    assert with_context("20170822_Trump_phoenix_0001", "Wall.", lines) == "Wall. Trump"


def test_context_bad_path_names_it(tmp_path: Path) -> None:
    with pytest.raises(BenchmarkError, match="missing"):
        load_transcripts([tmp_path / "missing"])
    not_zip = tmp_path / "notes.txt"
    not_zip.write_text("hello", encoding="utf-8")
    with pytest.raises(BenchmarkError, match="not a folder or a zip"):
        load_transcripts([not_zip])
