"""Transcript context for debate lines: the line before and the speaker.

A line checked in a debate ("That's how they want to finance it.") often names its subject
only in the line before, and fact-checks name the speaker ("Donald Trump says ..."). Query
ids of CheckThat! task 2B are ``EVENT_LINE`` (``20170822_Trump_phoenix_0204``,
``2019_oct_03_221``); transcripts are TSV files ``line<TAB>speaker<TAB>text`` named after
the event (``20170822_Trump_phoenix.tsv``) or starting with it
(``2019_oct_03_fact-checking-....tsv``), in folders or zip archives.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from factsift.errors import BenchmarkError

Transcript = dict[int, tuple[str, str]]  # line number -> (speaker, text)


def load_transcripts(paths: Iterable[Path]) -> dict[str, Transcript]:
    """Transcripts by file stem, from folders (searched recursively) and zip archives."""
    found: dict[str, Transcript] = {}
    for path in paths:
        if not path.exists():
            raise BenchmarkError(f"No transcripts at '{path}'. Give a folder or a .zip.")
        for name, text in _tsv_files(path):
            stem = Path(name).name.removesuffix(".tsv")
            if not stem.startswith("."):
                found[stem] = _parse(text)
    return found


def _tsv_files(path: Path) -> Iterator[tuple[str, str]]:
    if path.is_dir():
        for file in sorted(path.rglob("*.tsv")):
            yield str(file), file.read_text(encoding="utf-8", errors="replace")
        return
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.endswith(".tsv") and "__MACOSX" not in name:
                    yield name, archive.read(name).decode("utf-8", errors="replace")
    except zipfile.BadZipFile as exc:
        raise BenchmarkError(f"'{path}' is not a folder or a zip archive ({exc}).") from exc


def _parse(text: str) -> Transcript:
    lines: Transcript = {}
    for row in csv.reader(io.StringIO(text), delimiter="\t"):
        if len(row) >= 3 and row[0].strip().isdigit():
            lines[int(row[0])] = (row[1].strip(), row[2].strip())
    return lines


def find_line(query_id: str, transcripts: dict[str, Transcript]) -> tuple[Transcript, int] | None:
    """The transcript and line number of a task 2B query id, if its transcript is known."""
    event, _, number = query_id.rpartition("_")
    if not number.isdigit() or not event:
        return None
    transcript = transcripts.get(event)
    if transcript is None:
        named = [stem for stem in transcripts if stem.startswith(f"{event}_")]
        if len(named) != 1:
            return None
        transcript = transcripts[named[0]]
    line = int(number)
    return (transcript, line) if line in transcript else None


def with_context(
    query_id: str, text: str, transcripts: dict[str, Transcript], previous: int = 1
) -> str:
    """``text`` preceded by the ``previous`` lines before it and followed by its speaker's
    name (title case); ``text`` unchanged when its transcript is not known."""
    found = find_line(query_id, transcripts)
    if found is None:
        return text
    transcript, line = found
    before = [transcript[i][1] for i in range(line - previous, line) if i in transcript]
    speaker = transcript[line][0].title()
    return " ".join([*before, text, speaker])
