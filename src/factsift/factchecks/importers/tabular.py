"""CSV/TSV fact-checks with a column mapping (``--map "claim=Claim,rating=Rating"``).

The mapping is FIELD=COLUMN, as in every other importer (ratings-csv, corpus import).
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from pathlib import Path

from factsift.errors import ImportDataError
from factsift.factchecks.importers.base import BadRecord, Item, iso_or_none
from factsift.factchecks.models import FactCheck
from factsift.factchecks.verdicts import normalise_verdict

FIELDS = (
    "key",
    "claim",
    "title",
    "summary",
    "claimant",
    "claim_date",
    "review_date",
    "rating",
    "publisher",
    "url",
    "language",
    "body",
)


def parse_mapping(spec: str | None) -> dict[str, str]:
    """``"field=col,field2=col2"`` to {column: field}; fields are checked against FIELDS."""
    mapping: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        name, sep, column = part.partition("=")
        if not sep or not column.strip() or name.strip() not in FIELDS:
            raise ImportDataError(
                f"Bad --map entry '{part}'. Use FIELD=COLUMN with FIELD one of: "
                f"{', '.join(FIELDS)}."
            )
        mapping[column.strip()] = name.strip()
    return mapping


def _lines(path: Path) -> Iterator[tuple[int, str | None]]:
    """Lines decoded one by one, so a bad byte spoils one record, not the file."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                yield number, None


def read_table(path: Path, mapping: dict[str, str], delimiter: str | None = None) -> Iterator[Item]:
    """Records of a CSV or TSV file; unmapped columns named like a field map to it."""
    if not path.is_file():
        raise ImportDataError(f"No such file '{path}'. Give a CSV or TSV file of fact-checks.")
    sep = delimiter or ("\t" if path.suffix.lower() in {".tsv", ".tab"} else ",")
    good: list[tuple[int, str]] = []
    bad_lines: dict[int, str] = {}
    for number, text in _lines(path):
        if text is None:
            bad_lines[number] = "not UTF-8; re-save the file as UTF-8"
        else:
            good.append((number, text))
    numbers = iter([n for n, _ in good])
    reader = csv.reader((t for _, t in good), delimiter=sep)
    header = next(reader, None)
    next(numbers, None)
    if header is None:
        raise ImportDataError(f"'{path}' is empty; expected a header row.")
    columns = {name.strip(): i for i, name in enumerate(header)}
    wanted = dict(mapping)
    for name in FIELDS:
        if name in columns and name not in wanted.values():
            wanted[name] = name
    missing = [c for c in wanted if c not in columns]
    if missing:
        raise ImportDataError(
            f"'{path}' has no column(s) {', '.join(missing)}; its header is: "
            f"{', '.join(columns)}. Fix --map."
        )
    if "claim" not in wanted.values():
        raise ImportDataError(
            f"No column of '{path}' maps to 'claim'. Add --map 'claim=YOUR_COLUMN'."
        )
    for number, reason in sorted(bad_lines.items()):
        yield BadRecord(str(path), number, reason)
    last = reader.line_num
    for row in reader:
        # A quoted field may span lines; the record starts at the first physical line.
        start = next(numbers, None)
        for _ in range(reader.line_num - last - 1):
            next(numbers, None)
        last = reader.line_num
        values = {
            field: row[columns[col]].strip()
            for col, field in wanted.items()
            if columns[col] < len(row) and row[columns[col]].strip()
        }
        if len(row) != len(header):
            yield BadRecord(str(path), start, f"{len(row)} fields, the header has {len(header)}")
            continue
        if "claim" not in values:
            yield BadRecord(str(path), start, "empty claim")
            continue
        key = values.get("key") or values.get("url")
        if not key:
            digest = hashlib.sha256(
                "\x1f".join(values.get(f, "") for f in ("claim", "publisher", "rating")).encode()
            ).hexdigest()[:24]
            key = f"sha256:{digest}"
        yield FactCheck(
            key=key,
            collection=f"csv:{path.name}",
            claim=values["claim"],
            title=values.get("title"),
            summary=values.get("summary"),
            claimant=values.get("claimant"),
            claim_date=iso_or_none(values.get("claim_date")),
            review_date=iso_or_none(values.get("review_date")),
            rating=values.get("rating"),
            verdict=normalise_verdict(values.get("rating")),
            publisher=values.get("publisher"),
            url=values.get("url"),
            language=values.get("language"),
            body=values.get("body"),
        )
