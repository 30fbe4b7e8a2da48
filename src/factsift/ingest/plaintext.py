"""Plain text as given, with the headline, byline and date read from its layout.

Copy-pasted articles keep the page's layout as lines: a short headline first, then often a
byline ("By NAME", "NAME | date") and a date line. Only the top of the text is looked at;
badges and author boxes further down are the language layer's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factsift.article import Span
from factsift.ingest.dates import date_line, parse_date

MAX_HEADLINE_CHARS = 200
MAX_HEADLINE_WORDS = 30
TOP_LINES = 8  # non-empty lines after the headline searched for a byline and a date

_BY_PREFIX = re.compile(
    r"^(?:by|written by|words by|story by|reporting by|posted by|authors?\s*:)\s*:?\s+",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"\s+[|•·–—-]\s+|\s*\|\s*")
_NAME_SPLIT = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.(?:[A-Z]\.)*)$")
_PARTICLES = frozenset(
    {"de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "la", "le", "al", "bin"}
)
# Words that make a byline item an outlet or a role, not a person's name.
_NOT_A_NAME = frozenset(
    {
        "press", "news", "reuters", "staff", "correspondent", "reporter", "writer", "editor",
        "agency", "bureau", "desk", "times", "post", "journal", "media", "team", "afp", "ap",
        "associated", "contributor", "online", "updated", "published",
    }
)  # fmt: skip


@dataclass(slots=True)
class Layout:
    """What the top of a plain-text article says about itself."""

    title: str | None = None
    headline_span: Span | None = None
    authors: list[str] = field(default_factory=list)
    byline_span: Span | None = None
    date: str | None = None
    date_span: Span | None = None


def normalise_text(text: str) -> str:
    """Strip a byte-order mark and make every line end with ``\\n``; nothing else changes."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_layout(text: str) -> Layout:
    """Find the headline, byline and date at the top of ``text``."""
    layout = Layout()
    lines = _lines(text)
    if not lines:
        return layout
    rest = lines
    first, start = lines[0]
    if _is_headline(first):
        layout.title = first
        layout.headline_span = Span(start, start + len(first))
        rest = lines[1:]
    for line, start in rest[:TOP_LINES]:
        if layout.byline_span is None:
            found = byline(line)
            if found is not None:
                authors, date = found
                layout.authors = authors
                layout.byline_span = Span(start, start + len(line))
                if date is not None and layout.date is None:
                    layout.date = date
                    layout.date_span = layout.byline_span
                continue
        if layout.date is None:
            iso = date_line(line)
            if iso is not None:
                layout.date = iso
                layout.date_span = Span(start, start + len(line))
    return layout


def byline(line: str) -> tuple[list[str], str | None] | None:
    """Authors and date of a byline ("By A and B | March 3, 2024"), or ``None``."""
    prefix = _BY_PREFIX.match(line)
    body = line[prefix.end() :] if prefix else line
    parts = _SEPARATOR.split(body, maxsplit=1)
    names_part = parts[0]
    after = parts[1] if len(parts) > 1 else ""
    date = None
    if prefix is None:
        # Without "By", only "NAME | date" counts: a name alone could be any short line.
        date = date_line(after) if after else None
        if date is None:
            return None
    else:
        found = (parse_date(after) if after else None) or parse_date(names_part)
        date = found[0] if found else None
        names_part = _strip_trailing_date(names_part)
    authors = _names(names_part, min_tokens=1 if prefix else 2)
    if not authors:
        return None
    return authors, date


def _strip_trailing_date(part: str) -> str:
    found = parse_date(part)
    return part[: found[1]].rstrip(" ,") if found else part


def _names(part: str, *, min_tokens: int) -> list[str]:
    names = []
    for item in _NAME_SPLIT.split(part.strip().rstrip(".,")):
        item = item.strip()
        if item and _is_name(item, min_tokens):
            names.append(item)
    return names


def _is_name(item: str, min_tokens: int) -> bool:
    tokens = item.split()
    if not min_tokens <= len(tokens) <= 5:
        return False
    if any(token.lower().strip(".") in _NOT_A_NAME for token in tokens):
        return False
    return all(_NAME_TOKEN.match(token) or token in _PARTICLES for token in tokens)


def _is_headline(line: str) -> bool:
    if len(line) > MAX_HEADLINE_CHARS or len(line.split()) > MAX_HEADLINE_WORDS:
        return False
    if line.endswith((".", ":", ";", ",")) and not line.endswith("..."):
        return False
    return byline(line) is None and date_line(line) is None


def _lines(text: str) -> list[tuple[str, int]]:
    """Non-empty lines, stripped, with the offset where each stripped line starts."""
    found = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            found.append((stripped, offset + raw.index(stripped)))
        offset += len(raw) + 1
    return found
