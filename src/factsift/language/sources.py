"""What kind of source a noun phrase names, from its head word, entities and outlet names.

Checked in this order, first match wins:

1. the head names a news outlet, or is a document of one -> news outlet ("the Fars news
   agency", "Reuters", "a Reuters poll"; "a Reuters reporter" is not the outlet);
2. the head is part of a PERSON entity -> named person ("Col. Steve Warren");
3. the head is a document noun -> document ("a report", "the court filing"); a proper
   noun in an organisation entity -> organisation;
4. the head is a person noun with no name -> anonymous ("a US military official"), except
   a definite title, which identifies one person ("Iran's foreign minister");
5. the head is an organisation noun or an ORG/GPE/NORP entity -> organisation;
6. any other proper noun: two or three title-case words not ending like a company are a
   person ("Eswar Prasad"), the rest an organisation ("WeWork").

Anything else (a pronoun, "the attack") is not a source by itself; pronouns are resolved by
the caller.
"""

from __future__ import annotations

from typing import Any

from factsift.article import AttributionKind
from factsift.language.outlets import find_outlet, is_outlet_noun


def _with_plurals(*words: str) -> frozenset[str]:
    forms = set(words)
    for word in words:
        if word.endswith(("s", "sh", "ch", "x")):
            forms.add(word + "es")
        elif word.endswith("y") and word[-2:-1] not in "aeiou":
            forms.add(word[:-1] + "ies")
        elif word.endswith("man"):
            forms.add(word[:-3] + "men")
        else:
            forms.add(word + "s")
    return frozenset(forms)


DOCUMENT_NOUNS = _with_plurals(
    "report", "study", "survey", "poll", "filing", "document", "memo", "memorandum", "letter",
    "email", "statement", "release", "analysis", "paper", "review", "audit", "assessment",
    "investigation", "inquiry", "probe", "complaint", "lawsuit", "suit", "indictment",
    "affidavit", "ruling", "judgment", "transcript", "record", "data", "figure", "statistic",
    "census", "estimate", "research", "finding", "cable", "dossier", "testimony", "post",
    "tweet", "video", "footage", "article", "column", "editorial", "op-ed", "blog",
    "bulletin", "notice", "guidance", "policy", "order", "decree", "transcript", "summary",
    "readout", "communique", "communiqué", "model", "projection", "chart", "map", "website",
)  # fmt: skip
PERSON_NOUNS = _with_plurals(
    "official", "source", "aide", "diplomat", "officer", "insider", "person", "analyst",
    "expert", "witness", "resident", "observer", "critic", "lawmaker", "legislator",
    "employee", "staffer", "adviser", "advisor", "negotiator", "investigator", "researcher",
    "scientist", "doctor", "activist", "supporter", "opponent", "man", "woman", "someone",
    "friend", "relative", "neighbor", "neighbour", "lawyer", "attorney", "prosecutor",
    "commander", "soldier", "fighter", "leader", "member", "worker", "executive", "manager",
    "director", "minister", "senator", "congressman", "congresswoman", "politician",
    "economist", "historian", "author", "journalist", "reporter", "correspondent", "editor",
    "user", "student", "teacher", "parent", "mother", "father", "victim", "survivor",
    "eyewitness", "guard", "colleague", "counterpart", "envoy", "commentator", "consultant",
)  # fmt: skip
# Titles that identify one person when definite ("the Iraqi prime minister", "Iran's
# foreign minister"), and no one in particular when not ("a senior commander").
ROLE_TITLES = _with_plurals(
    "president", "minister", "secretary", "governor", "mayor", "judge", "ambassador",
    "senator", "chairman", "chairwoman", "chair", "ceo", "chief", "head", "director",
    "general", "commander", "congressman", "congresswoman", "pope", "king", "queen",
    "prince", "premier", "chancellor", "speaker", "founder", "owner", "coach", "captain",
)  # fmt: skip
PLURAL_PEOPLE = frozenset({"people", "men", "women", "folks", "others", "some", "many"})
ORG_NOUNS = _with_plurals(
    "government", "ministry", "department", "police", "military", "army", "navy", "company",
    "firm", "agency", "administration", "authority", "office", "campaign", "committee",
    "council", "commission", "court", "party", "embassy", "union", "university", "bank",
    "group", "organization", "organisation", "coalition", "regime", "parliament",
    "congress", "senate", "cabinet", "board", "association", "institute", "center", "centre",
    "foundation", "spokesman", "spokeswoman", "spokesperson", "representative", "team",
    "club", "federation", "alliance", "bureau", "service", "force", "command", "corporation",
    "hospital", "school", "charity", "manufacturer", "maker", "retailer", "operator",
)  # fmt: skip
ORG_WORDS = ORG_NOUNS | {
    "inc", "corp", "co", "ltd", "llc", "plc", "gmbh", "equities", "capital", "partners",
    "holdings", "securities", "media", "labs", "systems", "technologies", "research",
    "associates", "ventures", "group", "studios", "entertainment", "pharmaceuticals",
}  # fmt: skip
ORG_ENTITIES = frozenset({"ORG", "GPE", "NORP", "FAC"})
NAME_DEPS = frozenset({"compound", "appos", "npadvmod", "nmod"})  # "spokesman John Smith"
PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "them"})


def phrase_kind(
    head: Any, phrase: Any, people: frozenset[str] = frozenset()
) -> AttributionKind | None:
    """The kind of source that ``phrase`` (a spaCy Span) with head token ``head`` names.

    ``people`` holds surnames the text gives to PERSON entities elsewhere, so "Trump said"
    is a person even where the entity recogniser took "Trump" for an organisation.
    """
    word = head.lower_
    proper = head.tag_ in ("NNP", "NNPS")
    previous = head.doc[head.i - 1].lower_ if head.i > 0 else None
    if is_outlet_noun(word, previous) or _outlet_heads(head, phrase):
        return AttributionKind.NEWS_OUTLET
    if head.ent_type_ == "PERSON" or (proper and head.text in people):
        return AttributionKind.NAMED_PERSON
    if word in DOCUMENT_NOUNS:
        return AttributionKind.DOCUMENT
    if proper and head.ent_type_ in ORG_ENTITIES:
        return AttributionKind.ORGANISATION  # "the Sioux Falls Argus Leader"
    if word in PERSON_NOUNS or word in PLURAL_PEOPLE or word in ROLE_TITLES:
        named = any(c.ent_type_ == "PERSON" and c.dep_ in NAME_DEPS for c in head.children)
        if named or phrase[-1].ent_type_ == "PERSON":  # "former ambassador Marie Roe"
            return AttributionKind.NAMED_PERSON
        if word in ROLE_TITLES and _is_definite(head):
            return AttributionKind.NAMED_PERSON
        return AttributionKind.ANONYMOUS
    if word in ORG_NOUNS or head.ent_type_ in ORG_ENTITIES:
        return AttributionKind.ORGANISATION
    if proper:
        return _unlabelled_name(phrase)
    return None


def _unlabelled_name(phrase: Any) -> AttributionKind:
    """A proper name the entity recogniser left alone: two or three title-case words that
    do not end like a company ("Eswar Prasad") are a person, anything else an organisation
    ("WeWork", "Kotak Institutional Equities")."""
    names = [t for t in phrase if t.tag_ in ("NNP", "NNPS")]
    person_like = (
        2 <= len(names) <= 3
        and len(names) == len(phrase)
        and names[-1].lower_ not in ORG_WORDS
        and all(t.text[:1].isupper() and not t.text.isupper() for t in names)
    )
    return AttributionKind.NAMED_PERSON if person_like else AttributionKind.ORGANISATION


def _outlet_heads(head: Any, phrase: Any) -> bool:
    """The phrase is an outlet ("Reuters", "The WSJ") or an outlet's document ("a Reuters
    poll", "a report by the BBC"); "a Reuters reporter" is a person, not the outlet."""
    match = find_outlet(phrase.text)
    if match is None:
        return False
    at = head.idx - phrase.start_char
    within = match.start() <= at < match.end()
    return within or head.lower_ in DOCUMENT_NOUNS


def _is_definite(head: Any) -> bool:
    """A singular head with "the" or a possessive: "the minister", "Iran's minister"."""
    if head.tag_ in ("NNS", "NNPS"):
        return False
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ == "the") for c in head.children)


def is_pronoun(token: Any) -> bool:
    return bool(token.tag_ == "PRP" and token.lower_ in PRONOUNS)
