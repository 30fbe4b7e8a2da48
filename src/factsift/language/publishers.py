"""Names in the text that may say who published the article.

Only listed here, with where they were found and their spans; the publisher stage decides.

- badge: the checker a badge names, without a trailing "Community", "Team", "Staff",
  "Editors" ("Fact checked by The People's Voice Community" -> "The People's Voice");
  a badge naming "our community" or a reader group names no one;
- byline: the outlet after the author's name ("By Jane Roe, The Daily Planet",
  "By Jane Roe for The Daily Planet") or a staff byline ("By Reuters Staff", a line
  "Quay News Staff");
- copyright: "© 2024 The Daily Planet. All rights reserved." (a notice needs the word
  "Copyright", a year or "rights reserved"; a bare "© Reuters" is a picture credit);
- author_box: "Jane Roe is a writer for The Daily Planet";
- site_name: ``meta.site_name``, with no span.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factsift.article import Badge, Metadata, PublisherCandidate, Span
from factsift.language.author_box import AuthorBoxMatch
from factsift.language.layout import BYLINE, COPYRIGHT, STAFF_LINE, Region

_SUFFIX = re.compile(
    r"(?:\s+(?:Community|Team|Staff|Editors|Editorial(?:\s+(?:Team|Board|Staff))?|Desk|"
    r"Newsroom|Fact[- ]?Check(?:ing)?(?:\s+Team)?|Fact[- ]?Checkers|Experts|Writers))+$",
    re.I,
)
_GENERIC = re.compile(
    r"^(?:our|the|us|we|my|a|an)?\s*(?:community|readers?|team|staff|editors?)?$", re.I
)
_BYLINE_SITE = re.compile(r"(?:,\s+|\s+[|–—-]\s+|\s+for\s+)(?P<site>[A-Z][^,|\n]*?)\s*$")
_ROLE_WORDS = re.compile(
    r"\b(?:reporter|editor|correspondent|writer|contributor|columnist|analyst|producer|"
    r"staff|journalist|professor|phd|md|ph\.d|updated|published)\b|\d",
    re.I,
)
_COPYRIGHT_NAME = re.compile(
    r"(?:Copyright\s*)?(?:©|\(c\)|&copy;|Copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
    r"(?:by:?\s+)?"
    r"(?P<name>[^\n|©]+?)\s*(?:[.,|]\s*|\s+)?(?:All\s+[Rr]ights\s+[Rr]eserved.*)?$",
    re.I,
)
_NOTICE = re.compile(r"\bcopyright\b|\b(?:19|20)\d\d\b|rights\s+reserved", re.I)
_TRAILING_YEAR = re.compile(r"[\s,]*\d{4}(?:\s*[-–]\s*\d{4})?\.?$")
MAX_NAME_WORDS = 8


def _strip_suffix(name: str) -> str:
    return _SUFFIX.sub("", name).strip(" ,.;:-–—")


def _candidate(text: str, start: int, name: str, where: str) -> PublisherCandidate | None:
    """A candidate for ``name`` found at offset ``start`` of ``text``."""
    cleaned = _strip_suffix(name)
    if not cleaned or _GENERIC.match(cleaned) or len(cleaned.split()) > MAX_NAME_WORDS:
        return None
    at = text.find(cleaned, start)
    span = Span(at, at + len(cleaned)) if at >= 0 else None
    return PublisherCandidate(name=cleaned, where=where, span=span)


def publisher_candidates(
    text: str,
    meta: Metadata,
    badges: Sequence[Badge],
    regions: Sequence[Region],
    author: AuthorBoxMatch | None,
) -> list[PublisherCandidate]:
    """Every publisher candidate, in text order, then ``site_name``."""
    found: list[PublisherCandidate | None] = []
    for badge in badges:
        if badge.claimed_by:
            found.append(_candidate(text, badge.span.start, badge.claimed_by, "badge"))
    for region in regions:
        line = text[region.span.start : region.span.end]
        if region.part == "byline":
            found.append(_byline(text, region.span.start, line))
        elif region.part == "copyright":
            found.append(_copyright(text, region.span.start, line))
    if author is not None and author.publication and author.publication_span is not None:
        start = author.publication_span.start
        found.append(_candidate(text, start, author.publication, "author_box"))
    result = sorted(
        (c for c in found if c is not None),
        key=lambda c: c.span.start if c.span is not None else len(text),
    )
    if meta.site_name:
        result.append(PublisherCandidate(name=meta.site_name.strip(), where="site_name"))
    return result


def _byline(text: str, start: int, line: str) -> PublisherCandidate | None:
    match = BYLINE.match(line)
    if match is None:
        return _candidate(text, start, line, "byline") if STAFF_LINE.match(line) else None
    who = match.group("who")
    site = _BYLINE_SITE.search(who)
    if site is not None and not _ROLE_WORDS.search(site.group("site")):
        return _candidate(text, start, site.group("site"), "byline")
    if _SUFFIX.search(who):  # "By Reuters Staff"
        return _candidate(text, start, who, "byline")
    return None


def _copyright(text: str, start: int, line: str) -> PublisherCandidate | None:
    at = COPYRIGHT.search(line)
    if at is None or not _NOTICE.search(line):
        return None  # "© Reuters" under a photo is a picture credit, not a notice
    match = _COPYRIGHT_NAME.search(line, at.start())
    if match is None:
        return None
    name = _TRAILING_YEAR.sub("", match.group("name")).strip(" ,.;:")
    for legal in (" Inc", " LLC", " Ltd", " Limited", " Corp"):
        name = name.removesuffix(legal).removesuffix(legal + ".").strip(" ,")
    return _candidate(text, start + at.start(), name, "copyright") if name else None
