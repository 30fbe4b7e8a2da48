"""Figures a passage gives differently from the claim: years, percentages, money, counts.

The stance model reads "completed in 2004" as support for "completed in 1998" (its model
card shows it), so figures are compared by rule. A claim figure *conflicts* with a passage
when
- the passage gives figures of the same kind and unit (a year; a percentage; an amount in
  the same currency; a count of the same thing, "500 workers"), none of which matches it;
- at least one of those matches none of the claim's figures either ("3 of 12 regions"
  against "3 regions" is no conflict);
- the passage talks about the same thing: it shares at least ``MIN_SHARED`` of the claim's
  content words (figures and their units left out).
Written precision and hedges count: "4.2 million" matches 4,213,000; "about 30 percent"
matches 32 percent; "more than 200" matches 250; figures within ``CLOSE`` (3%) are the same
figure. Ranges ("between 75% and 90%") and lists of more than ``MAX_LISTED`` figures of one
kind are not compared.

A conflict is shown with the passage and stops a "supports" label from counting towards a
"supported" status; it never makes a status by itself (a passage may give another figure of
the same kind for another reason: the budget of another year, a different count).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factsift.factchecks.preprocess import tokens
from factsift.ingest.dates import MONTH_NAMES

MIN_SHARED = 0.4
MAX_LISTED = 3
CLOSE = 0.03  # 6.1% against 6.2%: fact-checkers call that the same figure
APPROX_TOLERANCE = 0.15  # "about", "nearly", "some": within 15%

_NUMBER = re.compile(
    r"(?<![\w.,])(?P<cur>[$€£])?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|mln|mn|bln|bn|m|k)\b)?"
    r"(?:\s?(?P<pct>%|percent\b|per cent\b))?"
    r"(?![\w]|[.,]\d)"
)
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "bln": 1e9,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
_SYMBOLS = {"$": "usd", "€": "eur", "£": "gbp"}
_CURRENCY_WORDS = {
    "dollar": "usd",
    "dollars": "usd",
    "usd": "usd",
    "euro": "eur",
    "euros": "eur",
    "eur": "eur",
    "pound": "gbp",
    "pounds": "gbp",
    "gbp": "gbp",
}
_FIG = r"[$€£]?\d[\d,.]*"
_RANGE = re.compile(
    rf"(?:between\s+(?P<a>{_FIG})[^\d]{{0,25}}?\s+and\s+(?P<b>{_FIG}))"
    rf"|(?:(?P<a2>{_FIG})[^\d]{{0,25}}?(?:\s+to\s+|\s*[-–—]\s*)(?P<b2>{_FIG}))",
    re.IGNORECASE,
)
_DAY_AFTER_MONTH = re.compile(
    r"\b(?:" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) + r")\.?\s+$", re.IGNORECASE
)
_LOWER_BOUND = ("more than", "over", "at least", "above", "exceeding", "upwards of")
_UPPER_BOUND = ("less than", "fewer than", "under", "up to", "below", "at most")
_APPROX = ("about", "around", "roughly", "nearly", "almost", "approximately", "some", "close to")
_WORD = re.compile(r"[A-Za-z]+")
_MODIFIERS = frozenset(tokens("new more additional other extra former total full"))
# Words that belong to a figure, not to what the sentence is about.
_FIGURE_WORDS = frozenset(tokens(" ".join([*_SCALES, *_CURRENCY_WORDS, "percent", "per cent"])))


@dataclass(frozen=True, slots=True)
class Quantity:
    kind: str  # "year" | "percent" | "money" | "count"
    value: float
    text: str  # as written
    unit: frozenset[str]  # currency code, or the (stemmed) words counted; empty otherwise
    bound: str  # "exact" | "approx" | "lower" | "upper"
    precision: float  # half a unit of the last digit written


@dataclass(frozen=True, slots=True)
class FigureConflict:
    kind: str
    claim: str  # the claim's figure as written
    passage: tuple[str, ...]  # the passage's figures of that kind and unit, as written

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "claim": self.claim, "passage": list(self.passage)}


def _bound(before: str) -> str:
    tail = " " + " ".join(_WORD.findall(before.lower())[-2:])
    for words, bound in ((_LOWER_BOUND, "lower"), (_UPPER_BOUND, "upper"), (_APPROX, "approx")):
        if any(tail.endswith(" " + w) for w in words):
            return bound
    return "exact"


def _precision(num: str, scale: float) -> float:
    decimals = len(num.split(".")[1]) if "." in num else 0
    return 0.5 * 10.0**-decimals * scale


def _counted(next_words: list[str]) -> frozenset[str]:
    """What a number counts: the next content word, or the one after a modifier ("new")."""
    words = [w for w in tokens(" ".join(next_words)) if not w.isdigit()]
    if words and words[0] in _MODIFIERS:
        words = words[1:]
    return frozenset(words[:1])


def quantities(text: str, *, bare: bool = False) -> list[Quantity]:
    """The figures written with digits in ``text`` that can be compared (see module doc).

    ``bare`` also keeps numbers that say nothing of what they count ("3 out of 12").
    """
    found: list[Quantity] = []
    ranges = {
        m.start(g) for m in _RANGE.finditer(text) for g in ("a", "b", "a2", "b2") if m.group(g)
    }
    for m in _NUMBER.finditer(text):
        if m.start() in ranges or m.start("num") in ranges:
            continue  # "between 75% and 90%", "1,000 to 2,000 years": a range, not a figure
        before, after = text[max(0, m.start() - 30) : m.start()], text[m.end() : m.end() + 40]
        if _DAY_AFTER_MONTH.search(before) and not m.group("cur"):
            continue  # "May 16": a day of the month
        num, scale_word = m.group("num"), (m.group("scale") or "").lower()
        scale = _SCALES.get(scale_word, 1.0)
        value = float(num.replace(",", "")) * scale
        next_words = [w.lower() for w in _WORD.findall(after)[:3]]
        currency = _SYMBOLS.get(m.group("cur") or "") or (
            _CURRENCY_WORDS.get(next_words[0], "") if next_words else ""
        )
        written = m.group(0).strip()
        bound = _bound(before)
        precision = _precision(num, scale)
        if m.group("pct"):
            found.append(Quantity("percent", value, written, frozenset(), bound, precision))
        elif currency:
            if not m.group("cur") and next_words:
                written = f"{written} {next_words[0]}"
            found.append(Quantity("money", value, written, frozenset({currency}), bound, precision))
        elif scale_word in ("m", "k", "bn", "mn", "mln", "bln"):
            continue  # "5m" without a currency: metres or millions, unclear
        elif not scale_word and "," not in num and "." not in num and 1800 <= value <= 2100:
            found.append(Quantity("year", value, written, frozenset(), bound, 0.0))
        else:
            counted = _counted(next_words)
            if counted or bare:  # "500 workers"; a bare number says too little on its own
                found.append(Quantity("count", value, written, counted, bound, precision))
    return found


def _compatible(a: Quantity, b: Quantity) -> bool:
    if abs(a.value - b.value) <= max(a.precision, b.precision) + 1e-9:
        return True
    if a.kind != "year" and abs(a.value - b.value) <= CLOSE * max(abs(a.value), abs(b.value)):
        return True
    for x, y in ((a, b), (b, a)):
        if x.bound == "lower" and y.value >= x.value * (1 - 0.05):
            return True
        if x.bound == "upper" and y.value <= x.value * (1 + 0.05):
            return True
        if x.bound == "approx" and abs(x.value - y.value) <= APPROX_TOLERANCE * abs(x.value):
            return True
    return False


def _comparable(a: Quantity, b: Quantity) -> bool:
    return a.kind == b.kind and (a.kind in ("year", "percent") or bool(a.unit & b.unit))


def _topic_words(text: str) -> set[str]:
    return {t for t in tokens(text) if not t[0].isdigit() and t not in _FIGURE_WORDS}


def figure_conflicts(
    claim: str, passage: str, min_shared: float = MIN_SHARED
) -> list[FigureConflict]:
    """The claim's figures that ``passage`` gives differently (see the module doc)."""
    claim_figures = quantities(claim)
    if not claim_figures:
        return []
    topic = _topic_words(claim)
    if not topic or len(topic & _topic_words(passage)) / len(topic) < min_shared:
        return []
    passage_figures = quantities(passage)
    written = quantities(claim, bare=True)
    conflicts = []
    for q in claim_figures:
        same = [p for p in passage_figures if _comparable(q, p)]
        if len(same) > MAX_LISTED or any(_compatible(q, p) for p in same):
            continue  # a list or table of figures, or the claim's figure is there
        # A passage figure matching another of the claim's figures ("3 of 12 regions") is
        # accounted for; only the others can contradict this one.
        other = [p for p in same if not any(_compatible(c, p) for c in written)]
        if other:
            texts = tuple(dict.fromkeys(p.text for p in other))
            conflicts.append(FigureConflict(q.kind, q.text, texts))
    return conflicts
