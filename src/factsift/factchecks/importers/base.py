"""What readers yield and what an import reports."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from factsift.factchecks.models import FactCheck


@dataclass(frozen=True, slots=True)
class BadRecord:
    """A record that could not be imported, and where it is."""

    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.reason}"


Item = FactCheck | BadRecord
BROKEN_LINK = "a symbolic link that loops or leads nowhere; remove it or fix its target"


def files_under(folder: Path, suffixes: frozenset[str]) -> Iterator[Path | BadRecord]:
    """Files under ``folder`` with one of ``suffixes``, in sorted order.

    Links to folders are not followed (so a link back up makes no cycle); a link that
    cannot be opened (a loop, a missing target) is a ``BadRecord``, not an error."""
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in suffixes:
            continue
        if path.is_file():
            yield path
        elif path.is_symlink() and not path.exists():
            yield BadRecord(str(path), None, BROKEN_LINK)
        # else: a folder named like a file (rglob walks into it), or a link to a folder


def json_too_deep(where: str, line: int | None) -> BadRecord:
    """json.loads ran out of recursion: no fact-check format nests that deep."""
    return BadRecord(where, line, "JSON nested too deeply to read; is this the right file?")


@dataclass(slots=True)
class ImportResult:
    """Counts of one import run."""

    source: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    vectors: int = 0  # records embedded during this import
    bad: list[BadRecord] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether the import wrote anything (the matcher's files are then stale)."""
        return bool(self.added or self.updated or self.vectors)

    def summary(self) -> str:
        text = (
            f"{self.source}: added {self.added}, updated {self.updated}, "
            f"unchanged {self.unchanged}, bad {len(self.bad)}"
        )
        return text + (f", embedded {self.vectors}" if self.vectors else "")


_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_WORD_DATE = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_DAY_FIRST = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")


def parse_date(text: str | None) -> str | None:
    """An ISO date from "25 February 2020", "July 13, 2010", "2020-02-25T..."; else None."""
    if not text:
        return None
    for pattern, order in ((_ISO, "ymd"), (_WORD_DATE, "mdy"), (_DAY_FIRST, "dmy")):
        match = pattern.search(text)
        if not match:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month = parts["m"]
        month_no = int(month) if month.isdigit() else _MONTHS.get(month[:3].lower())
        if month_no is None:
            continue
        try:
            return date(int(parts["y"]), month_no, int(parts["d"])).isoformat()
        except ValueError:
            continue
    return None


def iso_or_none(value: object) -> str | None:
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return parse_date(value) if isinstance(value, str) else None
