"""Carrying an attribution to the sentences that follow it.

Every sentence keeps its own explicit attribution: the nearer, explicit source wins, so a
sentence inside a "The WSJ report:" block that says "according to U.S. officials" is
attributed to the officials (the report's own sourcing). A sentence with none gets, in
this order:

1. the speaker of the quotation it lies in (“... .” Col. Warren said. “More words.” ->
   the second quote is Col. Warren's; see ``quotes``);
2. the source of a lead-in block it lies in. A lead-in is a sentence that opens with
   "<source> <cue>:" ("The WSJ report:", "Reuters reported:", "According to X:").
   - When a quotation opens right after the colon, the block is that quotation.
   - When the source is a publication (news outlet or document), or the colon ends its
     paragraph, what follows is an excerpt: the block runs over the following sentences
     and paragraphs until the next lead-in, the first sentence that is not body text
     (badge, byline, author box, copyright, headline), the first short line without
     final punctuation (a name, "Related articles"), or the end of the text.
   - Otherwise (a person or an organisation: "Warren said: the U.S. ...") the block ends
     with the lead-in's paragraph.

Nothing else carries: a paraphrase after "X said ..." is not given to X, because news
writing switches back to the reporter's voice without saying so.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence

from factsift.article import Attribution, AttributionKind, Sentence
from factsift.language.attribution import Found
from factsift.language.quotes import RawQuote

SHORT_LINE_WORDS = 12
_SPACES = re.compile(r"\s*")
EXCERPTED = frozenset({AttributionKind.NEWS_OUTLET, AttributionKind.DOCUMENT})
_FINAL = tuple('.!?:;"”’)…')


def _is_bare_line(text: str, sentence: Sentence) -> bool:
    """A sentence that is a short line of its own with no final punctuation."""
    start, end = sentence.span.start, sentence.span.end
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    alone = not text[line_start:start].strip() and not text[end:line_end].strip()
    short = len(sentence.text.split()) <= SHORT_LINE_WORDS
    return alone and short and not sentence.text.endswith(_FINAL)


def lead_in_blocks(
    text: str,
    sentences: Sequence[Sentence],
    found: Mapping[int, Found],
    quotes: Sequence[RawQuote],
) -> dict[int, int]:
    """For each sentence inside a lead-in block, the index of the lead-in sentence."""
    carried: dict[int, int] = {}
    leads = sorted(i for i, f in found.items() if f.lead_in)
    starts = [s.span.start for s in sentences]
    by_start = {q.start: q for q in quotes}
    first_in: dict[int, RawQuote] = {}  # the first quotation of each paragraph
    for quote in reversed(quotes):
        first_in[quote.paragraph] = quote
    for lead in leads:
        colon = found[lead].cue_span.end
        last = _quote_after(text, colon, by_start, first_in, starts)
        line_end = text.find("\n", colon)
        line_end = len(text) if line_end < 0 else line_end
        runs_on = found[lead].kind in EXCERPTED or not text[colon:line_end].strip()
        for i in range(lead + 1, len(sentences)):
            if last is not None and i > last:
                break
            if last is None and not runs_on and sentences[i].span.start > line_end:
                break
            sentence = sentences[i]
            other = found.get(i)
            if other is not None and other.lead_in:
                break
            if sentence.part != "body" or _is_bare_line(text, sentence):
                break
            carried[i] = lead
    return carried


def _quote_after(
    text: str,
    offset: int,
    by_start: Mapping[int, RawQuote],
    first_in: Mapping[int, RawQuote],
    starts: Sequence[int],
) -> int | None:
    """The last sentence of a quotation that opens right after ``offset``, if any."""
    spaces = _SPACES.match(text, offset)
    quote = by_start.get(spaces.end() if spaces else offset)
    if quote is None:
        return None
    end = quote.end
    while not quote.closed and quote.paragraph + 1 in first_in:
        quote = first_in[quote.paragraph + 1]  # the quotation runs on into the next paragraph
        end = quote.end
    return bisect_left(starts, end) - 1


def resolve(
    sentences: Sequence[Sentence],
    found: Mapping[int, Found],
    quotes: Sequence[RawQuote],
    blocks: Mapping[int, int],
) -> list[Attribution]:
    """One attribution per attributed sentence, explicit or carried, in sentence order."""
    speakers: dict[int, int] = {}
    for quote in quotes:
        if quote.speaker_sentence is None:
            continue
        for i in quote.sentences:
            speakers.setdefault(i, quote.speaker_sentence)
    result: list[Attribution] = []
    for i in range(len(sentences)):
        explicit = found.get(i)
        if explicit is not None:
            result.append(_attribution(i, explicit, None))
            continue
        origin = speakers.get(i, blocks.get(i))
        if origin is not None and origin in found:
            result.append(_attribution(i, found[origin], origin))
    return result


def _attribution(index: int, found: Found, carried_from: int | None) -> Attribution:
    carried = carried_from is not None
    return Attribution(
        sentence=index,
        kind=found.kind,
        source=found.source,
        source_span=None if carried else found.source_span,
        cue=found.cue,
        cue_span=None if carried else found.cue_span,
        carried_from=carried_from,
        role=found.role,
        role_span=None if carried else found.role_span,
    )
