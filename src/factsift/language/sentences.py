"""Sentence boundaries that respect the layout of extracted text.

Extracted articles put headlines, badges, bylines and author boxes on lines of their own,
often with no final period; a statistical parser happily merges them into the next
sentence. ``line_starts`` says which line breaks must start a sentence:

- a blank line (paragraph break) always does;
- a single line break does, unless the next line starts in lower case (the sentence goes
  on), or the text is hard-wrapped (most lines near one width) and the line before is a
  full-width line that does not end a sentence.

Inside a line, ``may_start`` says where a sentence may begin at all: never at closing
punctuation (a comma, a closing quotation mark or bracket), and only after sentence-final
punctuation. The parser otherwise cuts title-case headlines in two (", Officials Say") and
leaves the closing quote of a quotation as a sentence of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from factsift.article import Sentence, Span

_LINE = re.compile(r"[^\n]*\n?")
_SENTENCE_END = tuple('.!?:;"”’)]…')
_FINAL = frozenset(".!?…:;")  # punctuation after which a sentence may start inside a line
_CLOSING = frozenset(",;:.!?)]}”’")  # closes what came before: never starts a sentence
_STRAIGHT_QUOTES = frozenset("\"'")  # closing when glued to the word before
_TRAILING = frozenset("\"'”’)]}")  # may follow sentence-final punctuation
_INLINE_SPACE = frozenset(" \t\r\f\v\u00a0")
_WRAP_MIN_LINES = 4
_WRAP_SHARE = 0.6  # share of lines near the widest for the text to count as hard-wrapped
_WRAP_NEAR = 0.7  # a line this close to the widest is a wrapped line


def lines_of(text: str) -> list[tuple[int, str]]:
    """(offset, line without its newline) for every line of ``text``."""
    return [(m.start(), m.group().rstrip("\n")) for m in _LINE.finditer(text) if m.group()]


def _wrap_width(lines: list[tuple[int, str]]) -> int | None:
    """The width of a hard-wrapped text, or None if the text is not hard-wrapped."""
    lengths = [len(line.rstrip()) for _, line in lines if line.strip()]
    if len(lengths) < _WRAP_MIN_LINES:
        return None
    widest = max(lengths)
    if widest > 100:
        return None
    near = sum(1 for n in lengths if n >= _WRAP_NEAR * widest)
    return widest if near >= _WRAP_SHARE * len(lengths) else None


def line_starts(text: str) -> set[int]:
    """Offsets of the first character of each line that must begin a new sentence."""
    lines = lines_of(text)
    width = _wrap_width(lines)
    starts: set[int] = set()
    previous: str | None = None  # the last non-blank line
    blank_between = False
    for offset, line in lines:
        stripped = line.strip()
        if not stripped:
            blank_between = True
            continue
        first = offset + (len(line) - len(line.lstrip()))
        if previous is not None and _breaks(previous, stripped, blank_between, width):
            starts.add(first)
        previous, blank_between = stripped, False
    return starts


def _breaks(previous: str, line: str, blank_between: bool, width: int | None) -> bool:
    if blank_between:
        return True
    if previous.endswith(_SENTENCE_END):
        return True
    if line[0].islower():
        return False
    return not (width is not None and len(previous) >= _WRAP_NEAR * width)


def may_start(text: str, offset: int) -> bool:
    """Whether a sentence may begin at ``offset`` (a character that is not white space).

    At the first character of a line the layout rules decide (True here). Inside a line a
    sentence never starts at closing punctuation, nor at a straight quote glued to the word
    before; elsewhere only after sentence-final punctuation, which closing quotation marks
    and brackets may follow (``secret." The``).
    """
    if starts_line(text, offset):
        return True
    before = offset
    while text[before - 1] in _INLINE_SPACE:
        before -= 1
    char = text[offset]
    if char in _CLOSING or (char in _STRAIGHT_QUOTES and before == offset):
        return False
    while before > 0 and text[before - 1] in _TRAILING:
        before -= 1
    return before > 0 and text[before - 1] in _FINAL


def starts_line(text: str, offset: int) -> bool:
    """True if only spaces stand between ``offset`` and the line break (or text start) before."""
    while offset > 0 and text[offset - 1] in _INLINE_SPACE:
        offset -= 1
    return offset == 0 or text[offset - 1] == "\n"


def is_punctuation(text: str) -> bool:
    """True if ``text`` holds no letter or digit (a stray quotation mark, a lone bracket)."""
    return not any(char.isalnum() for char in text)


def is_separator(text: str) -> bool:
    """True for a separator such as "____" or "* * *": punctuation that closes nothing."""
    return bool(text) and is_punctuation(text) and not any(c in _TRAILING for c in text)


def trimmed_span(text: str, start: int, end: int) -> Span | None:
    """``[start, end)`` without surrounding whitespace; None if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def build_sentences(text: str, spans: Iterable[tuple[int, int]]) -> list[Sentence]:
    """Sentences from raw (start, end) offsets into ``text``, trimmed, empty ones dropped."""
    sentences: list[Sentence] = []
    for start, end in spans:
        span = trimmed_span(text, start, end)
        if span is not None:
            sentences.append(Sentence(span=span, text=text[span.start : span.end]))
    return sentences


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blank-line separated if hard-wrapped, else each line."""
    lines = lines_of(text)
    if _wrap_width(lines) is None:
        return [(o, o + len(line)) for o, line in lines if line.strip()]
    result: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    for offset, line in lines:
        if line.strip():
            start = offset if start is None else start
            end = offset + len(line)
        elif start is not None:
            result.append((start, end))
            start = None
    if start is not None:
        result.append((start, end))
    return result
