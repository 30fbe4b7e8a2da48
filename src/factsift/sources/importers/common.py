"""What every list importer shares: parsed lists, domain keys, and loading into the store.

An importer only parses its files into a ``ParsedList``; ``load`` writes it in one
transaction, replacing the list's earlier ratings, so importing twice changes nothing and a
failure leaves the store as it was.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from factsift.domains import has_public_suffix, site_key
from factsift.errors import ImportDataError
from factsift.sources.model import (
    BadRow,
    DomainLink,
    ImportResult,
    RatingList,
    RatingRecord,
    SourceName,
)
from factsift.store.base import KnowledgeStore

Progress = Callable[[int, int], None]  # (done, total)
_DECIMALS = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(slots=True)
class ParsedList:
    """A list read from its files, ready to load."""

    info: RatingList
    ratings: list[RatingRecord] = field(default_factory=list)
    names: dict[str, list[SourceName]] = field(default_factory=dict)  # domain -> names
    links: list[DomainLink] = field(default_factory=list)
    bad_rows: list[BadRow] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> rows

    def add_name(self, domain: str, name: str | None, origin: str | None = None) -> None:
        if name and name.strip() and name.strip().lower() != domain:
            self.names.setdefault(domain, []).append(
                SourceName(name.strip(), origin or self.info.name)
            )

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def bad(self, file: Path | str, line: int, reason: str) -> None:
        self.bad_rows.append(BadRow(Path(file).name, line, reason))


def domain_key(raw: str) -> str | None:
    """The rating key of a list's domain cell, or None when it is not a public host."""
    text = raw.strip().strip("/").lower()
    if not text or " " in text or not has_public_suffix(text):
        return None
    return site_key(text)


def has_path(raw: str) -> bool:
    text = raw.strip().lower().split("://", 1)[-1].rstrip("/")
    return "/" in text


def require_file(path: Path, what: str) -> Path:
    if not path.is_file():
        raise ImportDataError(
            f"{what}: file '{path}' not found. Give the list's folder as PATH, or set "
            "FACTSIFT_DATA to the folder that holds the public data sets."
        )
    return path


def read_csv(path: Path, delimiter: str = ",") -> Iterator[tuple[int, dict[str, str]]]:
    """Rows with their line numbers (the header is line 1); any newline style. Of two
    columns with one name (OpenSources has two unnamed ones), the first wins."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            header = next(reader, None)
            if not header:
                raise ImportDataError(f"{path}: empty file or no header row.")
            names = [h.strip() for h in header]
            for cells in reader:
                if not any(c.strip() for c in cells):
                    continue
                row: dict[str, str] = {}
                for name, cell in zip(names, cells, strict=False):
                    row.setdefault(name, cell.strip())
                yield reader.line_num, row
    except UnicodeDecodeError as exc:
        raise ImportDataError(f"{path}: not UTF-8 text ({exc}). Convert it to UTF-8.") from exc
    except csv.Error as exc:
        raise ImportDataError(f"{path}: malformed CSV ({exc}).") from exc


def require_columns(path: Path, row: dict[str, str], columns: list[str]) -> None:
    missing = [c for c in columns if c not in row]
    if missing:
        raise ImportDataError(
            f"{path}: missing column(s) {', '.join(missing)}; found {', '.join(row)}. "
            "Is this the right file for this list?"
        )


def parse_score(text: str) -> float | None:
    return float(text) if _DECIMALS.match(text.strip()) else None


def load(
    store: KnowledgeStore, parsed: ParsedList, progress: Progress | None = None
) -> ImportResult:
    """Write a parsed list into the store in one transaction."""
    result = ImportResult(parsed.info.name, bad_rows=list(parsed.bad_rows))
    domains = sorted({r.domain for r in parsed.ratings} | set(parsed.names))
    total = len(domains) + len(parsed.ratings)
    step = max(1, total // 100)
    with store.transaction():
        list_id = store.upsert_rating_list(parsed.info)
        for done, domain in enumerate(domains, 1):
            names = parsed.names.get(domain, [])
            source_id = store.add_source(domain, domain, [], parsed.info.name)
            if names:
                store.set_source_name(source_id, names[0].name)
                result.names += store.add_source_names(source_id, names)
            if progress and done % step == 0:
                progress(done, total)
        result.domains = len(domains)
        result.ratings = store.replace_ratings(list_id, parsed.ratings)
        for link in parsed.links:
            for end in (link.domain, link.target):
                store.add_source(end, end, [], parsed.info.name)
            store.add_domain_link(link)
        result.links = len(parsed.links)
    if progress:
        progress(total, total)
    return result
