"""Trust labels that a page puts on itself: "Fact checked by X", "Verified", "Trusted source".

A badge is a label that stands alone: a whole line, or a whole segment of a line split at
"|", "•" or "·" (bylines often read "By A | Fact checked by B"). It is the label phrase,
optionally followed by "by" and a name of at most ten words made of capitalised words and a
few small words ("of", "the", "our", "community", "team"...), optionally ending with a date
("on March 3, 2024"). A sentence that merely mentions checking ("The claim was
fact-checked by Reuters.") is not a badge: it does not start with the label, or its "name"
runs on into ordinary lower-case words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factsift.article import Badge, Span
from factsift.language.sentences import lines_of

_LABEL = (
    r"(?:fact[- ]?checked(?:\s+and\s+(?:approved|verified))?|medically\s+reviewed|"
    r"editorially\s+reviewed|expert\s+reviewed|verified|reviewed|checked|approved|vetted|"
    r"certified|validated|audited|endorsed|authenticated|confirmed)"
)
BADGE_BY = re.compile(
    rf"^[^\w]{{0,3}}\s*(?P<label>{_LABEL}\s+by)\s*:?\s+(?P<who>[^\n]+?)\s*[.✓✔☑]*$", re.I
)
BADGE_ALONE = re.compile(
    r"^[^\w]{0,3}\s*(?P<label>fact[- ]?checked|verified(?:\s+(?:news|source|article|story))?|"
    r"100%\s+verified|trusted\s+(?:source|news|content|article)|"
    r"certified\s+(?:news|source)|approved\s+source|truth\s+verified)\s*[.!✓✔☑]*$",
    re.I,
)
_SEGMENT_SPLIT = re.compile(r"\s+[|•·]\s+")
_DATE_TAIL = re.compile(
    r"\s*(?:,|\bon\b|\bat\b|\|)\s*(?:\w+\s+)?\d{1,4}(?:[\s,/.-]+\w+){0,4}\s*$", re.I
)
_SMALL_WORDS = frozenset(
    {
        "of", "the", "and", "for", "at", "our", "de", "la", "von", "van", "du", "in", "on",
        "community", "team", "staff", "editors", "editorial", "board", "desk", "experts",
        "readers", "&", "a", "an", "us",
    }
)  # fmt: skip
MAX_NAME_WORDS = 10
MAX_BADGE_CHARS = 160
MAX_LINE_CHARS = 400


def _segments(text: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each stripped segment of each line."""
    for offset, line in lines_of(text):
        if len(line) > MAX_LINE_CHARS:
            continue  # no badge line is this long; skipping bounds the regex work
        position = 0
        pieces = _SEGMENT_SPLIT.split(line) if any(c in line for c in "|•·") else [line]
        for piece in pieces:
            at = line.find(piece, position)
            position = at + len(piece)
            stripped = piece.strip()
            if stripped:
                yield offset + at + (len(piece) - len(piece.lstrip())), stripped


def _is_name(words: list[str]) -> bool:
    if not words or len(words) > MAX_NAME_WORDS:
        return False
    for word in words:
        bare = word.strip(",.'’\"“”()")
        if not bare:
            continue
        if not (bare[0].isupper() or bare[0].isdigit() or bare.lower() in _SMALL_WORDS):
            return False
    return True


def find_badges(text: str) -> list[Badge]:
    """Every self-applied badge in ``text``, in order."""
    badges: list[Badge] = []
    for offset, segment in _segments(text):
        if len(segment) > MAX_BADGE_CHARS:
            continue  # a label is short; this also bounds the regex work on hostile input
        span = Span(offset, offset + len(segment))
        match = BADGE_BY.match(segment)
        if match is not None:
            who = _DATE_TAIL.sub("", match.group("who")).strip(" ,:;-–—")
            if _is_name(who.split()):
                badges.append(Badge(span, segment, match.group("label"), who))
            continue
        alone = BADGE_ALONE.match(segment)
        if alone is not None:
            badges.append(Badge(span, segment, alone.group("label"), None))
    return badges
