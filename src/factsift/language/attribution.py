"""Explicit attributions: who a sentence says its content comes from, and the cue word.

One pass over each parsed sentence, in order. A sentence may have several cues; the main
one is kept, by rank:

0. a lead-in ("The WSJ report: ...", "Reuters reported:") or a cue verb that is the
   sentence's root (or joined to it: "declined to comment", "paused and said");
1. "according to" + its object;
2. a cue verb in a parenthetical or "as" clause ("..., officials said, ...");
3. a cue verb the parser hung on a noun ("..., the Fars news agency reported on Monday.");
4. a hearsay adverb or passive with no source ("reportedly", "it is said that") -> kind none.

Words inside quotation marks are the speaker's, so cues there are ignored; the quote itself
is given to its speaker (see ``quotes``). Pronoun subjects are resolved to the latest
fitting source in the six sentences before, else the latest fitting name (PERSON for
"he"/"she", organisation for "it") outside quotes in the three sentences before.
First-person subjects outside quotes are the author's own voice and not attributed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import deque
from dataclasses import dataclass
from typing import Any

from factsift.article import AttributionKind, Span
from factsift.language import cues
from factsift.language.quotes import QuotedMask
from factsift.language.sources import is_pronoun, phrase_kind

_LEAD_IN_CUES = (
    "reports?|reported|writes|wrote|says|said|notes|noted|adds|added|explains|explained|"
    "claims|claimed|reveals|revealed|states|stated|tells|told|announced|announces|warns|"
    "warned|quotes|quoted"
)
LEAD_IN = re.compile(
    rf"^(?P<src>[A-Z][^:\n]{{1,80}}?)\s+(?P<cue>(?:{_LEAD_IN_CUES})\s*:)(?!\d)"
    r"|^(?P<acc>[Aa]ccording to)\s+(?P<src2>[^:,\n]{2,80}?)\s*:(?!\d)"
)
LEAD_IN_MAX_WORDS = 8
CUT_DEPS = frozenset({"appos", "relcl", "advcl", "parataxis"})
CUT_PUNCT = frozenset({",", "(", "—", "–", ";", ":"})
DASHES = frozenset({"-", "–", "—"})
QUOTE_MARKS = frozenset('"“”«»‘’')
PRONOUN_WINDOW = 3  # sentences back to look for a name
SPEAKER_WINDOW = 6  # sentences back to look for a source ("..." she said. "..." she said.)
FIRST_PERSON = frozenset({"i", "we", "you"})
SOURCE_KINDS_FOR_FINDINGS = frozenset(
    {
        AttributionKind.DOCUMENT,
        AttributionKind.ORGANISATION,
        AttributionKind.NEWS_OUTLET,
        AttributionKind.ANONYMOUS,
    }
)


@dataclass(slots=True)
class Found:
    """An explicit attribution in one sentence."""

    kind: AttributionKind
    source: str | None
    source_span: Span | None
    cue: str
    cue_span: Span
    rank: int
    role: str | None = None
    role_span: Span | None = None
    lead_in: bool = False  # "The WSJ report:" attributes the text that follows


@dataclass(slots=True)
class _Mention:
    sentence: int
    label: str
    text: str
    span: Span


class AttributionFinder:
    """Finds the main explicit attribution of each sentence; call it in sentence order."""

    def __init__(self, text: str, quoted: QuotedMask) -> None:
        self.text = text
        self.quoted = quoted
        self.recent: deque[tuple[int, Found]] = deque(maxlen=8)
        self.mentions: deque[_Mention] = deque(maxlen=24)
        self.index = 0
        self.offset = 0
        self.people: frozenset[str] = frozenset()
        self._doc: Any = None
        self._ents: list[tuple[int, int, str, str]] = []  # PERSON/ORG: start, end, label, text
        self._ent_starts: list[int] = []

    def sentence(self, index: int, sent: Any, offset: int) -> Found | None:
        """The main attribution of ``sent`` (a spaCy Span whose doc starts at ``offset``)."""
        self.index, self.offset = index, offset
        if sent.doc is not self._doc:
            self._new_doc(sent.doc)
        best = self._lead_in(sent)
        if best is None:
            for candidate in self._candidates(sent):
                if best is None or candidate.rank < best.rank:
                    best = candidate
        first = bisect_left(self._ent_starts, sent.start_char)
        last = bisect_left(self._ent_starts, sent.end_char)
        for start, end, label, text in self._ents[first:last]:
            if (offset + start) not in self.quoted:  # a name quoted is not who speaks next
                self.mentions.append(_Mention(index, label, text, self._span(start, end)))
        if best is not None:
            self.recent.append((index, best))
        return best

    def _new_doc(self, doc: Any) -> None:
        """Read a chunk's entities once (``Span.ents`` rebuilds them on every call)."""
        self._doc = doc
        ents = list(doc.ents)
        self.people = frozenset(e[-1].text for e in ents if e.label_ == "PERSON")
        self._ents = []
        for ent in ents:
            label = "PERSON" if ent[-1].text in self.people else ent.label_
            if label in ("PERSON", "ORG"):
                self._ents.append((ent.start_char, ent.end_char, label, ent.text))
        self._ent_starts = [e[0] for e in self._ents]

    # -- helpers -----------------------------------------------------------------------

    def _span(self, start: int, end: int) -> Span:
        return Span(self.offset + start, self.offset + end)

    def _token_span(self, first: Any, last: Any) -> Span:
        return self._span(first.idx, last.idx + len(last.text))

    def _is_quoted(self, token: Any) -> bool:
        return (self.offset + token.idx) in self.quoted

    def _candidates(self, sent: Any) -> list[Found]:
        found: list[Found] = []
        for token in sent:
            if self._is_quoted(token):
                continue
            lower = token.lower_
            result: Found | None = None
            if lower == "according" and token.i + 1 < sent.end:
                result = self._according(token)
            elif lower in cues.HEARSAY_ADVERBS:
                span = self._token_span(token, token)
                result = Found(AttributionKind.NONE, None, None, token.text, span, rank=4)
            elif token.tag_.startswith("VB"):
                result = self._verb(token)
            if result is not None:
                found.append(result)
        return found

    # -- "The WSJ report: ..." ---------------------------------------------------------

    def _lead_in(self, sent: Any) -> Found | None:
        if self._is_quoted(sent[0]):
            return None
        match = LEAD_IN.match(sent.text)
        if match is None:
            return None
        group = "src" if match.group("src") else "src2"
        cue_group = "cue" if match.group("cue") else "acc"
        if len(match.group(group).split()) > LEAD_IN_MAX_WORDS:
            return None
        base = sent.start_char
        phrase = sent.doc.char_span(
            base + match.start(group), base + match.end(group), alignment_mode="expand"
        )
        if phrase is None:
            return None
        head = phrase.root
        if not head.tag_.startswith(("NN", "PRP")):  # "The WSJ" (both hang on "report")
            head = next((t for t in reversed(phrase) if t.tag_.startswith("NN")), head)
        cut = self._phrase(head)  # "Robertson, the U.S. commander," -> "Robertson"
        if phrase.start <= cut.start and cut.end <= phrase.end:
            start = cut.start
            while start > phrase.start and sent.doc[start - 1].dep_ in ("det", "amod", "poss"):
                start -= 1  # keep "The" of "The WSJ report:"
            phrase = sent.doc[start : cut.end]
        source = self._source(head, phrase)
        if source is None:
            return None
        kind, text, span, role, role_span = source
        cue_span = self._span(base + match.start(cue_group), base + match.end())
        cue = self.text[cue_span.start : cue_span.end]
        return Found(kind, text, span, cue, cue_span, 0, role, role_span, lead_in=True)

    # -- "according to X" --------------------------------------------------------------

    def _according(self, token: Any) -> Found | None:
        doc = token.doc
        to = doc[token.i + 1]
        if to.lower_ != "to":
            return None
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if objects:
            head = objects[0]
            phrase = self._phrase(head)
        else:
            end = to.i + 1
            while end < token.sent.end and not doc[end].is_punct:
                end += 1
            if end == to.i + 1:
                return None
            phrase = doc[to.i + 1 : end]
            head = phrase.root
        source = self._source(head, phrase)
        if source is None:
            return None
        kind, text, span, role, role_span = source
        cue_span = self._token_span(token, to)
        cue = self.text[cue_span.start : cue_span.end]
        return Found(kind, text, span, cue, cue_span, 1, role, role_span)

    # -- cue verbs ---------------------------------------------------------------------

    def _verb(self, verb: Any) -> Found | None:
        base = cues.verb_base(verb.text)
        if base is None or verb.dep_ in ("amod", "compound", "relcl", "csubj", "pcomp"):
            return None
        rank = self._rank(verb)
        if rank is None:
            return None
        if verb.tag_ == "VB" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            return None  # an imperative: "tell me one thing"
        children = {c.dep_: c for c in verb.children}
        if "auxpass" in children or "nsubjpass" in children:
            return self._passive(verb, base, children, rank)
        if base not in cues.STRONG and not self._reports_content(verb, base, children):
            return None
        subject, governor = self._subject(verb)
        if subject is None:
            return None
        if subject.lower_ in FIRST_PERSON or subject.dep_ == "expl":
            return None
        phrase = self._phrase(subject)
        source = self._source(subject, phrase)
        if source is None:
            return None
        kind = source[0]
        if base in cues.FINDING_VERBS and kind not in SOURCE_KINDS_FOR_FINDINGS:
            return None
        needs_clause = base in cues.FINDING_VERBS and kind is not AttributionKind.DOCUMENT
        if needs_clause and "ccomp" not in children:
            return None
        cue_span = self._cue_span(verb, governor)
        cue = self.text[cue_span.start : cue_span.end]
        return Found(kind, source[1], source[2], cue, cue_span, rank, source[3], source[4])

    def _rank(self, verb: Any) -> int | None:
        dep, head = verb.dep_, verb.head
        if dep == "ROOT":
            return 0
        if dep == "conj" and head.dep_ == "ROOT":
            return 0
        if dep == "xcomp" and head.dep_ == "ROOT" and cues.is_refusal(head.text):
            return 0  # "declined to comment"
        if dep == "parataxis":
            return 2
        if dep == "advcl" and any(c.lower_ == "as" and c.dep_ == "mark" for c in verb.children):
            return 2
        if dep == "ccomp" and head.dep_ == "ROOT" and cues.verb_base(head.text) is None:
            return 2
        if dep == "acl" and self._misparsed_acl(verb):
            return 3
        return None

    @staticmethod
    def _misparsed_acl(verb: Any) -> bool:
        """ ", the Fars news agency reported on Monday." parsed as a participle on "agency"."""
        if verb.tag_ not in ("VBD", "VBN", "VBZ") or not verb.head.tag_.startswith("NN"):
            return False
        if any(c.dep_ in ("agent", "dobj", "ccomp", "nsubj") for c in verb.children):
            return False
        left = verb.head.left_edge
        return bool(left.i == left.sent.start or verb.doc[left.i - 1].text == ",")

    @staticmethod
    def _reports_content(verb: Any, base: str, children: dict[str, Any]) -> bool:
        if "ccomp" in children or "parataxis" in children:
            return True
        if base in cues.FINDING_VERBS or base in ("believe", "think"):
            return False
        if any(c.dep_ == "prep" and c.lower_ in cues.NON_REPORTING_PREPS for c in verb.children):
            return False  # "responded to the crisis"
        return "dobj" not in children and "xcomp" not in children  # not "agreed to pay"

    def _subject(self, verb: Any) -> tuple[Any | None, Any | None]:
        """The subject of ``verb`` and, for "declined to comment", the governing verb."""
        node = verb
        governor = None
        for _ in range(3):
            subjects = [c for c in node.children if c.dep_ == "nsubj"]
            if subjects:  # the nearest: "The convoy left, U.S. officials said" has two
                return min(subjects, key=lambda c: abs(c.i - node.i)), governor
            if node.dep_ == "acl" and node.i == verb.i:
                return node.head, governor
            if node.dep_ in ("xcomp", "conj") and node.head.tag_.startswith("VB"):
                if node.dep_ == "xcomp" and cues.is_refusal(node.head.text):
                    governor = node.head
                node = node.head
                continue
            break
        return None, governor

    def _passive(self, verb: Any, base: str, children: dict[str, Any], rank: int) -> Found | None:
        cue_span = self._token_span(verb, verb)
        cue = verb.text
        agent = children.get("agent")
        if agent is not None:
            objects = [c for c in agent.children if c.dep_ == "pobj"]
            if not objects:
                return None
            source = self._source(objects[0], self._phrase(objects[0]))
            if source is None:
                return None
            return Found(source[0], source[1], source[2], cue, cue_span, rank, *source[3:])
        subject = children.get("nsubjpass")
        if base == "quote" and subject is not None and subject.lower_ not in FIRST_PERSON:
            source = self._source(subject, self._phrase(subject))
            if source is not None:
                return Found(source[0], source[1], source[2], cue, cue_span, rank, *source[3:])
        hearsay = subject is not None and (subject.lower_ == "it" or "xcomp" in children)
        if cues.is_hearsay_passive(verb.text) and (hearsay or "ccomp" in children):
            return Found(AttributionKind.NONE, None, None, cue, cue_span, 4)
        return None

    def _cue_span(self, verb: Any, governor: Any | None) -> Span:
        """The cue words; a negation right before them belongs in: "wouldn't comment"."""
        first = governor if governor is not None else verb
        doc = first.doc
        start = first.i
        negated = False
        while start > first.sent.start:
            before = doc[start - 1]
            if before.head.i != first.i or before.dep_ not in ("aux", "neg", "advmod"):
                break
            if self._is_quoted(before):
                break
            negated = negated or before.dep_ == "neg"
            start -= 1
        if negated:
            while doc[start].dep_ == "advmod":  # "also did not say" -> "did not say"
                start += 1
            return self._token_span(doc[start], verb)
        return self._token_span(first, verb)

    # -- the source phrase -------------------------------------------------------------

    def _phrase(self, head: Any) -> Any:
        """The noun phrase around ``head``, cut before appositions and clauses."""
        doc = head.doc
        start, end = head.left_edge.i, head.right_edge.i
        for child in head.rights:
            cue_clause = child.dep_ == "acl" and cues.verb_base(child.text) is not None
            if (
                child.dep_ in CUT_DEPS
                or cue_clause
                or (child.dep_ == "punct" and child.text in CUT_PUNCT)
            ):
                end = min(end, child.left_edge.i - 1)
        for child in head.lefts:
            if child.dep_ in ("punct", "cc", "preconj"):
                start = max(start, child.right_edge.i + 1)
        for i in range(start, head.i):
            if self._is_quoted(doc[i]) or doc[i].text in QUOTE_MARKS:
                start = i + 1  # '..., "water in vapor form," NASA scientist X said'
            elif doc[i].text in DASHES and doc[i].whitespace_ and doc[i - 1].whitespace_:
                start = i + 1  # "HONOLULU (AP) - NASA scientists said"
        while start < end and (doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start and (doc[end].is_punct or doc[end].is_space):
            end -= 1
        return doc[start : end + 1]

    def _source(
        self, head: Any, phrase: Any
    ) -> tuple[AttributionKind, str, Span, str | None, Span | None] | None:
        """Kind, text and span of the source; role and its span from an apposition."""
        if is_pronoun(head):
            return self._resolve(head)
        kind = phrase_kind(head, phrase, self.people)
        if kind is None:
            return None
        role = role_span = None
        appos = next((c for c in head.rights if c.dep_ == "appos"), None)
        if appos is not None:
            role_phrase = self._phrase(appos)
            if not any(t.ent_type_ == "PERSON" for t in phrase) and any(
                t.ent_type_ == "PERSON" for t in role_phrase
            ):
                phrase, role_phrase = role_phrase, phrase  # "a spokesman, John Smith, said"
                kind = AttributionKind.NAMED_PERSON
            role = role_phrase.text
            role_span = self._token_span(role_phrase[0], role_phrase[-1])
        span = self._token_span(phrase[0], phrase[-1])
        return kind, phrase.text, span, role, role_span

    def _resolve(
        self, pronoun: Any
    ) -> tuple[AttributionKind, str, Span, str | None, Span | None] | None:
        """Resolve a pronoun subject to the latest fitting source or name nearby."""
        lower = pronoun.lower_
        oldest = self.index - PRONOUN_WINDOW
        oldest_source = self.index - SPEAKER_WINDOW
        if lower in ("he", "she", "him", "her"):
            wanted = {AttributionKind.NAMED_PERSON}
            label = "PERSON"
        elif lower in ("it",):
            wanted = {
                AttributionKind.ORGANISATION,
                AttributionKind.NEWS_OUTLET,
                AttributionKind.DOCUMENT,
            }
            label = "ORG"
        else:
            wanted = set(AttributionKind) - {AttributionKind.NONE}
            label = ""
        for index, found in reversed(self.recent):
            if index >= oldest_source and found.kind in wanted and found.source_span is not None:
                return found.kind, found.source or "", found.source_span, found.role, None
        for mention in reversed(self.mentions):
            if mention.sentence >= oldest and mention.label == label:
                kind = (
                    AttributionKind.NAMED_PERSON
                    if label == "PERSON"
                    else AttributionKind.ORGANISATION
                )
                return kind, mention.text, mention.span, None, None
        if lower == "it":
            return None  # "it confirms ...": most often not a speaker at all
        span = self._token_span(pronoun, pronoun)
        return AttributionKind.NONE, pronoun.text, span, None, None
