"""Lines that are page furniture, not body text: headline, byline, copyright line.

- Headline: the text of ``meta.headline_span`` or any line equal to ``meta.title``; with
  neither, the first line when it is short (at most 25 words), holds one sentence and does
  not end with a period, comma, colon or semicolon (before closing quotes), and any later
  line repeating it (pages often repeat the title).
- Byline: a line starting "By " followed by a capitalised name, at most 15 words, or a
  line naming a staff ("Quay News Staff", "The Herald Newsroom").
- Copyright: a line of at most 20 words with "©", "(c)" or "Copyright".

``sentence_parts`` then labels each sentence with the region it lies in.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from factsift.article import Metadata, Sentence, Span
from factsift.language.sentences import lines_of

HEADLINE_MAX_WORDS = 25
BYLINE = re.compile(r"^By\s+(?P<who>[A-Z][^\n]*)$")
BYLINE_MAX_WORDS = 15
STAFF_LINE = re.compile(
    r"^(?:The\s+)?[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,5}\s+(?:Staff|Newsroom|News\s+Desk)$"
)
COPYRIGHT = re.compile(r"©|\(c\)|&copy;|\bCopyright\b", re.I)
COPYRIGHT_MAX_WORDS = 20
MAX_LINE_CHARS = 300
_SENTENCE_INSIDE = re.compile(r"[a-z0-9][.!?][\"”’]?\s+[\"“‘]?[A-Z]")


@dataclass(frozen=True, slots=True)
class Region:
    span: Span
    part: str  # "headline" | "byline" | "copyright" | "badge" | "author_box"


def _line_spans(text: str) -> list[Span]:
    spans = []
    for offset, line in lines_of(text):
        stripped = line.strip()
        if stripped:
            start = offset + len(line) - len(line.lstrip())
            spans.append(Span(start, start + len(stripped)))
    return spans


def furniture(text: str, meta: Metadata) -> list[Region]:
    """Headline, byline and copyright lines of ``text``."""
    regions: list[Region] = []
    spans = _line_spans(text)
    headline = _headline_text(text, meta, spans)
    for span in spans:
        if span.end - span.start > MAX_LINE_CHARS:
            continue  # furniture lines are short; long ones are body text
        line = text[span.start : span.end]
        words = len(line.split())
        if (BYLINE.match(line) and words <= BYLINE_MAX_WORDS) or STAFF_LINE.match(line):
            regions.append(Region(span, "byline"))
        elif headline is not None and line.casefold() == headline:
            regions.append(Region(span, "headline"))
        elif COPYRIGHT.search(line) and words <= COPYRIGHT_MAX_WORDS:
            regions.append(Region(span, "copyright"))
    if meta.headline_span is not None:
        regions.append(Region(meta.headline_span, "headline"))
    return regions


def _headline_text(text: str, meta: Metadata, spans: list[Span]) -> str | None:
    if meta.title:
        return meta.title.strip().casefold()
    if meta.headline_span is not None or not spans:
        return None
    first = text[spans[0].start : spans[0].end]
    bare = first.rstrip("\"”’')]")
    if len(first.split()) > HEADLINE_MAX_WORDS or bare.endswith((".", ",", ";", ":")):
        return None
    if _SENTENCE_INSIDE.search(first):
        return None  # two sentences on one line are body text
    if len(spans) == 1:
        return None  # a one-line text is body, not a headline
    return first.casefold()


def sentence_parts(sentences: Sequence[Sentence], regions: Sequence[Region]) -> None:
    """Set ``Sentence.part`` for sentences that lie mostly inside a region."""
    starts = [s.span.start for s in sentences]
    for region in regions:
        i = max(bisect_right(starts, region.span.start) - 1, 0)
        while i < len(sentences) and sentences[i].span.start < region.span.end:
            span = sentences[i].span
            overlap = min(region.span.end, span.end) - max(region.span.start, span.start)
            if overlap * 2 > span.end - span.start:
                sentences[i].part = region.part
            i += 1
