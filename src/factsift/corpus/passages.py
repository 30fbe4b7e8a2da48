"""Split a document into passages with character offsets.

Passages are runs of paragraphs of about ``target`` words, cut at paragraph breaks and, in
long paragraphs, at sentence ends, so that MinHash signatures compare texts of similar size.
"""

from __future__ import annotations

import re

_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", re.DOTALL)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+")
_WORD = re.compile(r"\w+")

TARGET_WORDS = 80
MAX_WORDS = 160


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of the paragraphs (blocks separated by blank lines; lone lines if none)."""
    spans = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    if len(spans) <= 1 and "\n" in text.strip():
        spans = [(m.start(), m.end()) for m in re.finditer(r"\S[^\n]*", text)]
        spans = [(s, s + len(text[s:e].rstrip())) for s, e in spans]
    return spans


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence offsets inside ``text[start:end]`` by punctuation (fast, good enough here)."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < end and text[pos:end].strip():
        out.append((pos, end))
    return out


def _words(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end))


def split_passages(
    text: str, target: int = TARGET_WORDS, max_words: int = MAX_WORDS
) -> list[tuple[int, int]]:
    """Passage offsets covering the text's paragraphs, each about ``target`` words."""
    units: list[tuple[int, int, int]] = []
    for start, end in paragraphs(text):
        count = _words(text, start, end)
        if count <= max_words:
            units.append((start, end, count))
            continue
        units.extend((s, e, _words(text, s, e)) for s, e in sentences(text, start, end))
    passages: list[tuple[int, int]] = []
    cur_start, cur_end, cur_words = -1, -1, 0
    for start, end, count in units:
        if cur_start >= 0 and cur_words + count > max_words:
            passages.append((cur_start, cur_end))
            cur_start, cur_words = -1, 0
        if cur_start < 0:
            cur_start = start
        cur_end, cur_words = end, cur_words + count
        if cur_words >= target:
            passages.append((cur_start, cur_end))
            cur_start, cur_words = -1, 0
    if cur_start >= 0:
        if passages and cur_words < target // 4:
            passages[-1] = (passages[-1][0], cur_end)  # a short tail joins the last passage
        else:
            passages.append((cur_start, cur_end))
    return passages
