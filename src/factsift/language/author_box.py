"""The author box many sites put under an article.

Two shapes are recognised:

- "About NAME [N Articles]" on a line of its own, often after a line holding just the
  name, followed by a self-description on the next non-empty line. Without an article
  count the line must follow the name line, so a menu's "About Us" is not a box.
- "NAME is a writer/reporter/editor... [for PUBLICATION] ..." as one of the last three
  paragraphs; the whole paragraph is the description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factsift.article import AuthorBox, Span
from factsift.language.sentences import lines_of

_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}"
ABOUT = re.compile(
    rf"^About\s+(?:the\s+author\s*:?\s*)?(?P<name>{_NAME})"
    r"(?:\s+(?P<count>\d[\d,.]*)\s+(?:Articles|Posts|Stories|articles|posts|stories))?\s*$"
)
IS_A_WRITER = re.compile(
    rf"^(?P<name>{_NAME})\s+is\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,4}}?"
    r"(?:writer|reporter|journalist|editor|correspondent|contributor|columnist|author|"
    r"blogger|producer|freelancer)\b"
    r"(?:\s+(?:for|at|with)\s+(?P<publication>(?:[Tt]he\s+)?[A-Z][^.,;\n]{0,60}?))?"
    r"(?=\s*[.,;]|\s+(?:and|who|where|based|covering|since)\b|\s*$)"
)
TAIL_PARAGRAPHS = 3
MAX_LINE_CHARS = 200
MAX_PARAGRAPH_CHARS = 1000


@dataclass(slots=True)
class AuthorBoxMatch:
    """The box, and the publication it names if any ("a writer for The Site")."""

    box: AuthorBox
    publication: str | None = None
    publication_span: Span | None = None


def find_author_box(text: str) -> AuthorBoxMatch | None:
    """The author box in ``text``, or None."""
    lines = [(o, line) for o, line in lines_of(text) if line.strip()]
    for i, (offset, line) in enumerate(lines):
        if len(line) > MAX_LINE_CHARS:
            continue
        match = ABOUT.match(line.strip())
        if match is None:
            continue
        name = match.group("name")
        before = lines[i - 1] if i > 0 else None
        named_before = before is not None and before[1].strip() == name
        if match.group("count") is None and not named_before:
            continue
        first = _stripped_span(*before) if before is not None and named_before else None
        end = _stripped_span(offset, line)
        start = first.start if first is not None else end.start
        box = AuthorBox(Span(start, end.end), name, _count(match.group("count")))
        if i + 1 < len(lines):
            description = _stripped_span(*lines[i + 1])
            box.description = text[description.start : description.end]
            box.description_span = description
            box.span = Span(start, description.end)
        return AuthorBoxMatch(box)
    return _writer_box(text, lines[-TAIL_PARAGRAPHS:])


def _stripped_span(offset: int, line: str) -> Span:
    lead = len(line) - len(line.lstrip())
    return Span(offset + lead, offset + len(line.rstrip()))


def _count(raw: str | None) -> int | None:
    digits = re.sub(r"[^\d]", "", raw or "")
    return int(digits) if digits else None


def _writer_box(text: str, tail: list[tuple[int, str]]) -> AuthorBoxMatch | None:
    for offset, line in tail:
        stripped = line.strip()
        if len(stripped) > MAX_PARAGRAPH_CHARS:
            continue
        match = IS_A_WRITER.match(stripped)
        if match is None:
            continue
        span = _stripped_span(offset, line)
        start = span.start
        box = AuthorBox(span, match.group("name"), None, stripped, span)
        publication = match.group("publication")
        if publication is None:
            return AuthorBoxMatch(box)
        at = start + match.start("publication")
        return AuthorBoxMatch(box, publication.strip(), Span(at, at + len(publication.strip())))
    return None
