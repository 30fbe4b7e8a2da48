"""Build reuse test cases from real texts through known operations, with true spans.

An article is made of passages (runs of consecutive sentences) of one to three source
documents, each passed through one obfuscation (verbatim copy, sentence reordering, word
insertions and deletions, synonym swaps, sentence splits and merges, or a mix), with
framing paragraphs added between them (sentences of texts that are not in the corpus) and
a changed headline. For every passage the character spans in the article and in the source
are recorded. The same seed gives the same cases; another seed gives new ones.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from factsift.bench.reuse_texts import Text
from factsift.corpus.passages import paragraphs, sentences

OBFUSCATIONS = ("verbatim", "reorder", "edit", "synonyms", "split_merge", "mixed")
FILLERS = ("really", "also", "reportedly", "indeed", "clearly", "now", "just", "even", "still")
HEADLINE_PREFIXES = ("BREAKING:", "SHOCKING:", "EXPOSED:", "Must read:", "They hid this:")

# A small synonym table of our own (both directions are used).
SYNONYMS = {
    "said": "stated",
    "says": "claims",
    "big": "large",
    "small": "little",
    "large": "huge",
    "began": "started",
    "start": "begin",
    "show": "reveal",
    "shows": "reveals",
    "important": "crucial",
    "people": "folks",
    "government": "administration",
    "money": "funds",
    "buy": "purchase",
    "help": "assist",
    "use": "utilize",
    "used": "utilized",
    "about": "roughly",
    "many": "numerous",
    "also": "additionally",
    "but": "however",
    "because": "since",
    "get": "obtain",
    "got": "received",
    "make": "create",
    "made": "created",
    "think": "believe",
    "new": "fresh",
    "report": "account",
    "reported": "noted",
    "country": "nation",
    "job": "position",
    "jobs": "positions",
    "law": "statute",
    "plan": "proposal",
    "told": "informed",
    "later": "afterwards",
    "before": "prior to",
    "after": "following",
    "need": "require",
    "try": "attempt",
    "end": "finish",
    "house": "home",
    "city": "town",
    "fast": "quick",
    "hard": "difficult",
    "main": "primary",
    "often": "frequently",
    "whole": "entire",
    "statement": "remark",
    "claim": "assertion",
    "number": "figure",
    "percent": "per cent",
    "week": "seven days",
    "nearly": "almost",
    "mostly": "largely",
    "enough": "sufficient",
    "wrong": "incorrect",
    "true": "accurate",
    "false": "untrue",
    "asked": "questioned",
    "found": "discovered",
    "called": "named",
    "move": "step",
    "tax": "levy",
    "vote": "ballot",
    "votes": "ballots",
    "increase": "rise",
    "cut": "reduce",
}
_SYN = {**SYNONYMS, **{v: k for k, v in SYNONYMS.items() if " " not in v}}
_WORD = re.compile(r"\w+|[^\w\s]+")


@dataclass(frozen=True, slots=True)
class TrueCase:
    """A copied passage: article span, source document key and source span."""

    article_start: int
    article_end: int
    source_key: str
    source_start: int
    source_end: int
    obfuscation: str


@dataclass(slots=True)
class ReuseCase:
    key: str
    title: str
    text: str
    source_title: str
    truth: list[TrueCase] = field(default_factory=list)


@dataclass(slots=True)
class ReuseSet:
    corpus: list[Text]  # sources and distractors, shuffled
    cases: list[ReuseCase]


def _sentence_runs(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for p0, p1 in paragraphs(text):
        out.extend(sentences(text, p0, p1))
    return out


def _detok(tokens: list[str]) -> str:
    text = " ".join(tokens)
    return re.sub(r" ([^\w\s(\"“‘$#]+)", r"\1", text)


def _edit(sentence: str, rng: random.Random, rate: float) -> str:
    tokens = _WORD.findall(sentence)
    out: list[str] = []
    for i, tok in enumerate(tokens):
        roll = rng.random()
        if i > 0 and tok.isalpha() and roll < rate / 2:
            continue  # deletion
        out.append(tok)
        if tok.isalpha() and roll > 1 - rate / 2:
            out.append(rng.choice(FILLERS))  # insertion
    return _detok(out)


def _synonyms(sentence: str, rng: random.Random, rate: float) -> str:
    tokens = _WORD.findall(sentence)
    for i, tok in enumerate(tokens):
        swap = _SYN.get(tok.lower())
        if swap and rng.random() < rate:
            tokens[i] = swap.capitalize() if tok[0].isupper() else swap
    return _detok(tokens)


def _split_merge(parts: list[str], rng: random.Random) -> list[str]:
    out: list[str] = []
    for sentence in parts:
        cut = re.search(r", (and|but|while|which) ", sentence)
        if cut and rng.random() < 0.6:
            head = sentence[: cut.start()] + "."
            tail = sentence[cut.end() :]
            out.extend([head, cut.group(1).capitalize() + " " + tail])
        elif out and out[-1].endswith(".") and rng.random() < 0.3:
            out[-1] = out[-1][:-1] + ", and " + sentence[:1].lower() + sentence[1:]
        else:
            out.append(sentence)
    return out


def obfuscate(parts: list[str], kind: str, rng: random.Random) -> list[str]:
    if kind in ("reorder", "mixed") and len(parts) > 1:
        parts = parts[:]
        while len(parts) > 1 and parts == sorted(parts, key=parts.index):
            rng.shuffle(parts)
            break
    if kind in ("split_merge", "mixed"):
        parts = _split_merge(parts, rng)
    if kind in ("synonyms", "mixed"):
        parts = [_synonyms(p, rng, 0.5) for p in parts]
    if kind in ("edit", "mixed"):
        parts = [_edit(p, rng, 0.08) for p in parts]
    return parts


def _pick_passages(text: str, rng: random.Random, count: int) -> list[tuple[int, int, list[str]]]:
    runs = _sentence_runs(text)
    chosen: list[tuple[int, int, list[str]]] = []
    used: set[int] = set()
    for _ in range(count * 4):
        if len(chosen) == count:
            break
        size = rng.randint(3, 6)
        if len(runs) < size:
            break
        first = rng.randrange(0, len(runs) - size + 1)
        span = set(range(first - 1, first + size + 1))  # keep a sentence between passages
        if span & used:
            continue
        used |= span
        group = runs[first : first + size]
        parts = [text[s:e] for s, e in group]
        chosen.append((group[0][0], group[-1][1], parts))
    return chosen


def _framing(pool: list[Text], rng: random.Random) -> str:
    text = rng.choice(pool).text
    runs = _sentence_runs(text)
    size = min(len(runs), rng.randint(1, 3))
    first = rng.randrange(0, len(runs) - size + 1)
    return " ".join(text[s:e] for s, e in runs[first : first + size])


def make_case(
    key: str, sources: list[Text], framing_pool: list[Text], rng: random.Random
) -> ReuseCase:
    blocks: list[tuple[str, TrueCase | None]] = [(_framing(framing_pool, rng), None)]
    pieces: list[tuple[str, Text, int, int, str]] = []
    for source in sources:
        for start, end, parts in _pick_passages(source.text, rng, rng.randint(1, 2)):
            kind = rng.choice(OBFUSCATIONS)
            pieces.append((" ".join(obfuscate(parts, kind, rng)), source, start, end, kind))
    rng.shuffle(pieces)
    for passage, source, start, end, kind in pieces:
        blocks.append((passage, TrueCase(0, 0, source.key, start, end, kind)))
        if rng.random() < 0.5:
            blocks.append((_framing(framing_pool, rng), None))
    text = ""
    truth: list[TrueCase] = []
    for body, case in blocks:
        if text:
            text += "\n\n"
        if case is not None:
            truth.append(
                TrueCase(
                    len(text),
                    len(text) + len(body),
                    case.source_key,
                    case.source_start,
                    case.source_end,
                    case.obfuscation,
                )
            )
        text += body
    source_title = sources[0].title or "Untitled"
    title = f"{rng.choice(HEADLINE_PREFIXES)} {_synonyms(source_title, rng, 0.8)}"
    return ReuseCase(key, title, text, source_title, truth)


def generate(texts: list[Text], seed: int, cases: int = 50, distractors: int = 300) -> ReuseSet:
    """Cases and the corpus they are checked against; ``seed`` picks texts and edits."""
    rng = random.Random(seed)
    pool = texts[:]
    rng.shuffle(pool)
    need_sources = cases * 3
    sources_pool = pool[:need_sources]
    framing_pool = pool[need_sources : need_sources + max(50, cases)]
    distractor_pool = pool[need_sources + len(framing_pool) :][:distractors]
    used: dict[str, Text] = {}
    out: list[ReuseCase] = []
    cursor = 0
    for i in range(cases):
        count = rng.choice((1, 1, 2, 3))
        sources = sources_pool[cursor : cursor + count]
        cursor += count
        for source in sources:
            used[source.key] = source
        out.append(make_case(f"case-{seed}-{i}", sources, framing_pool, rng))
    corpus = list(used.values()) + distractor_pool
    rng.shuffle(corpus)
    return ReuseSet(corpus, out)
