"""Dates written in ISO form inside free text (article metadata, store records)."""

from __future__ import annotations

import re
from datetime import date

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_DAY_OR_MONTH = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def first_iso_date(text: str | None, *, month_ok: bool = False) -> date | None:
    """The first ISO date in ``text``; None when there is none or it is not a real day.

    With ``month_ok`` a bare year-month ("2019-05") counts as the first of that month: good
    enough for a filter measured in days, wrong for deciding which of two same-month events
    came first, so callers that order dates leave it off.
    """
    pattern = _ISO_DAY_OR_MONTH if month_ok else _ISO_DAY
    match = pattern.search(text or "")
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3) or 1))
    except ValueError:
        return None
