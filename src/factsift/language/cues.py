"""Cue words that attribute a statement: speech verbs, finding verbs, hearsay adverbs.

The pipeline runs without spaCy's lemmatizer (it costs time and the rules only need verbs),
so every inflected form is listed here, generated from the base form.
"""

from __future__ import annotations

# Verbs that attribute whatever their structure: "X said", "X warned Iran to ...".
STRONG_VERBS = (
    "say", "tell", "report", "announce", "claim", "allege", "warn", "urge", "state", "insist",
    "argue", "assert", "declare", "deny", "confirm", "acknowledge", "admit",
    "explain", "note", "stress", "emphasize", "emphasise", "caution", "complain", "concede",
    "comment", "testify", "inform", "vow", "boast", "quote", "disclose", "accuse", "retort",
)  # fmt: skip
# Verbs that attribute only when they report content (a clause, or no direct object):
# "the study found that ...", "he added." but not "police found the car".
CLAUSE_VERBS = (
    "add", "write", "post", "tweet", "find", "show", "conclude", "indicate", "suggest",
    "demonstrate", "reveal", "estimate", "predict", "believe", "think", "recall", "mention",
    "agree", "observe", "remark", "signal", "hint", "forecast", "calculate", "assess",
    "respond", "reply", "describe", "maintain", "brief", "charge", "counter", "contend",
)  # fmt: skip
# Verbs whose subject must be a document, an outlet or an organisation to attribute.
FINDING_VERBS = frozenset(
    {"find", "show", "conclude", "indicate", "demonstrate", "estimate", "calculate", "assess"}
)
# Prepositions after which a clause verb is not reporting: "responded to", "contend with".
NON_REPORTING_PREPS = frozenset({"to", "with", "for", "against", "about", "into", "off", "up"})
# "X declined to comment": the governing verb belongs in the cue.
REFUSAL_VERBS = frozenset({"decline", "refuse"})
# "it is reported that ...", "he is said to have ...": hearsay with no source.
HEARSAY_PASSIVE = frozenset({"say", "report", "believe", "allege", "claim", "think", "rumor"})
HEARSAY_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly"})

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "find": ("found",),
    "show": ("shown",),
    "think": ("thought",),
    "forecast": ("forecast",),
}
_DOUBLING = frozenset({"admit", "commit", "submit", "omit", "refer", "regret", "transmit"})


def inflections(base: str) -> set[str]:
    """The base form of a regular English verb and its -s, -ed and -ing forms."""
    forms = {base, *_IRREGULAR.get(base, ())}
    if base in _DOUBLING:
        stem = base + base[-1]
        forms |= {base + "s", stem + "ed", stem + "ing"}
    elif base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {base + "es", base + "ed", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
    if base in _IRREGULAR:
        forms.discard(base + "ed")
        forms.discard(base + "d")
    return forms


VERB_BASE: dict[str, str] = {
    form: base for base in (*STRONG_VERBS, *CLAUSE_VERBS) for form in inflections(base)
}
STRONG = frozenset(STRONG_VERBS)
_REFUSAL_FORMS = {form: base for base in REFUSAL_VERBS for form in inflections(base)}
_HEARSAY_FORMS = {form: base for base in HEARSAY_PASSIVE for form in inflections(base)}


def verb_base(word: str) -> str | None:
    """The base form of a cue verb (``"said"`` -> ``"say"``), or None if it is not a cue."""
    return VERB_BASE.get(word.lower())


def is_refusal(word: str) -> bool:
    return word.lower() in _REFUSAL_FORMS


def is_hearsay_passive(word: str) -> bool:
    return word.lower() in _HEARSAY_FORMS
