"""Dates as articles print them ("March 3, 2024", "3 Mar 2024", "2024-03-03") to ISO 8601.

Numeric day/month orders that could be read both ways (03/04/2024) are left alone:
a wrong date is worse than none.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
MONTH_NAMES = frozenset(_MONTHS)  # full and abbreviated English month names, lower case
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"\b{_YEAR}-(?P<mnum>\d{{1,2}})-(?P<day>\d{{1,2}})(?!\d)",
        rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",
        rf"\b{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b",
        r"\b(?P<d1>\d{1,2})[/.](?P<d2>\d{1,2})[/.]" + _YEAR + r"\b",
    )
)
_PREFIX = re.compile(
    r"^(?:(?:published|updated|posted|last updated|date|dated)\s*(?:on|at)?\s*:?\s*)",
    re.IGNORECASE,
)
# What may follow a date on a date line: a time, a time zone, an "updated" note.
_TRAILER = re.compile(
    r"^[\s,.|•·\-–—]*(?:(?:at\s+|T)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2})?)?[\s,.)]*$",
    re.IGNORECASE,
)


def parse_date(value: str) -> tuple[str, int, int] | None:
    """The first date in ``value`` as ``(iso, start, end)``, or ``None``."""
    best: tuple[str, int, int] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(value):
            iso = _to_iso(match)
            if iso is not None and (best is None or match.start() < best[1]):
                best = (iso, match.start(), match.end())
                break
    return best


def date_line(line: str) -> str | None:
    """The ISO date if ``line`` is only a date (with an optional label and time)."""
    stripped = line.strip()
    prefix = _PREFIX.match(stripped)
    rest = stripped[prefix.end() :] if prefix else stripped
    found = parse_date(rest)
    if found is None or found[1] != 0:
        return None
    iso, _, end = found
    return iso if _TRAILER.match(rest[end:]) else None


def _to_iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("d1") is not None:
        first, second = int(groups["d1"]), int(groups["d2"])
        if first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first:
            month, day = first, second
        else:
            return None  # ambiguous (or impossible) order
    else:
        day = int(groups["day"])
        month_name = groups.get("month")
        month = _MONTHS[month_name.lower()] if month_name else int(groups["mnum"])
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_DAY_OR_MONTH = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def first_iso_date(text: str | None, *, month_ok: bool = False) -> dt.date | None:
    """The first ISO date in ``text`` (a stored, already normalised date); None when there is
    none or it is not a real day.

    With ``month_ok`` a bare year-month ("2019-05") counts as the first of that month: good
    enough for a filter measured in days, wrong for deciding which of two same-month events
    came first, so callers that order dates leave it off.
    """
    pattern = _ISO_DAY_OR_MONTH if month_ok else _ISO_DAY
    match = pattern.search(text or "")
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3) or 1))
    except ValueError:
        return None
