"""Quoted passages, found by their marks, and who says them.

Marks: curly double quotes, straight double quotes (an opening one follows a space, a
bracket or a dash), guillemets, and curly single quotes around three words or more (a
single ’ is too often an apostrophe). A quote never crosses a paragraph; one left open at
the end of a paragraph is kept only when the next paragraph opens a quote again, the
English convention for a quotation that runs over several paragraphs.

The speaker is the source of the attribution in the sentence where the quote opens or
closes, when its cue stands outside the quote (“...,” Col. Warren said.). A quote with no
speaker of its own continues the previous quote's speaker when it opens a sentence right
after that quote's sentences, or continues a quotation left open at a paragraph end.
Quotes under three words without a speaker (scare quotes) are not reported.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from factsift.article import Quote, Sentence, Span
from factsift.language.sentences import paragraphs, trimmed_span

_OPEN_AFTER = set(" \t\n([{—–-/")
_PAIRS = {"“": "”", "«": "»"}
MIN_WORDS = 3


@dataclass(slots=True)
class RawQuote:
    """A quotation as marked in the text: [start, end) includes the marks."""

    start: int
    end: int
    inner: Span
    closed: bool
    paragraph: int
    speaker_sentence: int | None = None
    sentences: list[int] = field(default_factory=list)  # sentences that lie inside it


class HasSource(Protocol):
    source: str | None
    source_span: Span | None
    cue_span: Span


def _scan_paragraph(text: str, start: int, end: int, index: int) -> list[RawQuote]:
    found: list[RawQuote] = []
    opened: int | None = None
    closer = ""
    for i in range(start, end):
        char = text[i]
        previous = text[i - 1] if i > start else " "
        following = text[i + 1] if i + 1 < end else " "
        if opened is not None and char == closer:
            if closer != "’" or not following.isalnum():
                quote = _quote(text, opened, i + 1, True, index)
                if closer != "’" or _words(text, quote) >= MIN_WORDS:
                    found.append(quote)
                opened = None
        elif char in _PAIRS:
            opened, closer = i, _PAIRS[char]
        elif char == '"' and opened is None and (previous in _OPEN_AFTER or i == start):
            opened, closer = i, '"'
        elif char == "‘" and opened is None and previous in _OPEN_AFTER:
            opened, closer = i, "’"
    if opened is not None and closer != "’":
        found.append(_quote(text, opened, end, False, index))
    return found


def _quote(text: str, start: int, end: int, closed: bool, paragraph: int) -> RawQuote:
    inner_end = end - 1 if closed else end
    inner = trimmed_span(text, start + 1, inner_end) or Span(start + 1, start + 1)
    return RawQuote(start=start, end=end, inner=inner, closed=closed, paragraph=paragraph)


def _words(text: str, quote: RawQuote) -> int:
    return len(text[quote.inner.start : quote.inner.end].split())


def find_quotes(text: str) -> list[RawQuote]:
    """Every quotation in ``text``, in order."""
    bounds = paragraphs(text)
    quotes: list[RawQuote] = []
    for index, (start, end) in enumerate(bounds):
        for quote in _scan_paragraph(text, start, end, index):
            if quote.inner.end <= quote.inner.start:
                continue
            if not quote.closed and not _next_paragraph_opens(text, bounds, index):
                continue  # a stray mark, not a quotation running on
            quotes.append(quote)
    return quotes


def _next_paragraph_opens(text: str, bounds: list[tuple[int, int]], index: int) -> bool:
    if index + 1 >= len(bounds):
        return False
    start = bounds[index + 1][0]
    return text[start : start + 1] in ('"', "“", "«")


class QuotedMask:
    """Answers "is this offset inside a quotation?" in O(log n)."""

    def __init__(self, quotes: Sequence[RawQuote]) -> None:
        self._starts = [q.start for q in quotes]
        self._ends = [q.end for q in quotes]

    def __contains__(self, offset: int) -> bool:
        i = bisect_right(self._starts, offset) - 1
        return i >= 0 and offset < self._ends[i]


def _sentence_index(
    sentences: Sequence[Sentence], starts: Sequence[int], offset: int
) -> int | None:
    i = bisect_right(starts, offset) - 1
    return i if i >= 0 and offset < sentences[i].span.end else None


def _inside(sentence: Sentence, quote: RawQuote) -> bool:
    """True when most of the sentence lies inside the quotation."""
    overlap = min(sentence.span.end, quote.end) - max(sentence.span.start, quote.start)
    return overlap * 2 > sentence.span.end - sentence.span.start


def assign_speakers(
    text: str,
    quotes: Sequence[RawQuote],
    sentences: Sequence[Sentence],
    found: Mapping[int, HasSource],
) -> list[Quote]:
    """Fill each quote's speaker sentence and covered sentences; return the quotes to report."""
    mask = QuotedMask(quotes)
    starts = [s.span.start for s in sentences]
    previous: RawQuote | None = None
    result: list[Quote] = []
    for quote in quotes:
        first = _sentence_index(sentences, starts, quote.inner.start)
        last = _sentence_index(sentences, starts, max(quote.inner.start, quote.end - 1))
        if first is None or last is None:
            continue
        quote.sentences = [i for i in range(first, last + 1) if _inside(sentences[i], quote)]
        for candidate in dict.fromkeys((last, first)):
            attribution = found.get(candidate)
            if (
                attribution is not None
                and attribution.source is not None
                and attribution.cue_span.start not in mask
            ):
                quote.speaker_sentence = candidate
                break
        if (
            quote.speaker_sentence is None
            and previous is not None
            and _continues(quote, previous, sentences, first)
        ):
            quote.speaker_sentence = previous.speaker_sentence
        speaker = found.get(quote.speaker_sentence) if quote.speaker_sentence is not None else None
        if speaker is not None or _words(text, quote) >= MIN_WORDS:
            result.append(
                Quote(
                    span=quote.inner,
                    text=text[quote.inner.start : quote.inner.end],
                    sentence=first,
                    speaker=speaker.source if speaker else None,
                    speaker_span=speaker.source_span if speaker else None,
                )
            )
        previous = quote
    return result


def _continues(
    quote: RawQuote, previous: RawQuote, sentences: Sequence[Sentence], first: int
) -> bool:
    """Does ``quote`` go on with ``previous``'s speaker?"""
    if previous.speaker_sentence is None:
        return False
    if not previous.closed and quote.paragraph == previous.paragraph + 1:
        return True
    opens_sentence = sentences[first].span.start >= quote.start
    before = first - 1
    return opens_sentence and (before == previous.speaker_sentence or before in previous.sentences)
