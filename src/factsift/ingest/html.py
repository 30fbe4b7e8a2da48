"""Main text and metadata of an HTML page, with trafilatura."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

import trafilatura

# trafilatura and htmldate log warnings about odd pages; without a handler Python would
# print them to stderr, which the CLI keeps for one-line errors.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_SPACES = re.compile(r"\s+")
# Job titles that trafilatura sometimes reports as an author ("AP Auto Writer").
_ROLES = frozenset({"writer", "staff", "correspondent", "reporter", "editor", "contributor"})


@dataclass(slots=True)
class ExtractedPage:
    """What trafilatura finds in a page; ``body`` is the main text, one paragraph a line."""

    body: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    site_name: str | None = None
    url: str | None = None
    description: str | None = None
    hostname: str | None = None
    language: str | None = None
    tags: list[str] = field(default_factory=list)


def extract_page(html: str, *, url: str | None = None) -> ExtractedPage | None:
    """Extract the main text and metadata; ``None`` when the page has no main text."""
    doc = _extract(html, url, favor_recall=False)
    if doc is None or not _text(doc, "text"):
        # Short pages fall under trafilatura's size thresholds; ask for recall once more.
        doc = _extract(html, url, favor_recall=True)
    if doc is None:
        return None
    body = _clean_body(_text(doc, "text") or "")
    if not body:
        return None
    title = _one_line(_text(doc, "title"))
    return ExtractedPage(
        body=_drop_repeated_title(body, title),
        title=title,
        authors=_split_authors(_text(doc, "author")),
        date=_text(doc, "date"),
        site_name=_one_line(_text(doc, "sitename")),
        url=_text(doc, "url"),
        description=_one_line(_text(doc, "description")),
        hostname=_text(doc, "hostname"),
        language=_text(doc, "language"),
        tags=_split_list(_text(doc, "tags")),
    )


def _extract(html: str, url: str | None, *, favor_recall: bool) -> Any:
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            favor_recall=favor_recall,
        )
    except (ValueError, TypeError, AttributeError):
        # lxml rejects some malformed documents outright; that means "nothing found".
        return None


def _text(doc: Any, name: str) -> str | None:
    value = getattr(doc, name, None)
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value if item)
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _one_line(value: str | None) -> str | None:
    if value is None:
        return None
    value = _SPACES.sub(" ", value).strip()
    return value or None


def _clean_body(body: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in body.splitlines())
    return "\n".join(line for line in lines if line)


def _drop_repeated_title(body: str, title: str | None) -> str:
    """trafilatura sometimes keeps the headline as the first paragraph; keep it once."""
    if title is None:
        return body
    first, _, rest = body.partition("\n")
    if first.strip().casefold() == title.casefold() and rest.strip():
        return rest
    return body


def _split_authors(value: str | None) -> list[str]:
    if value is None:
        return []
    names = [_one_line(part) for part in value.split(";")]
    return [name for name in names if name and not _ROLES & {word.lower() for word in name.split()}]


def _split_list(value: str | None) -> list[str]:
    if value is None:
        return []
    return [item.strip() for item in value.split(",") if item.strip()]
