"""Text clean-up for matching tweets and debate lines against fact-checks.

Tweets carry URLs, ``pic.twitter.com`` links, @handles, #CamelCaseHashtags, emoji and a
trailing "— Name (@handle) Month D, YYYY" signature; debate transcripts carry "SPEAKER:"
prefixes. Handles and hashtags are split into words (they often name the claim's subject):
at case changes (#AustralianFires), and, for one-case tags the index does not know as one
word (#fyrefestival, @georgesoros), into words it knows; links, emoji and speaker labels are
dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
_SIGNATURE_DATE = re.compile(
    r"\s*[—–-]\s*([^—–(]{0,80}?)\s*\(@(\w+)\)\s*"
    r"((?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d{1,2},\s+\d{4})\s*$"
)
_SPEAKER = re.compile(r"^\s*(?:[A-Z][A-Za-z.' -]{0,40}|[A-Z .'-]{2,40}):\s+")
_HANDLE = re.compile(r"@(\w+)")
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "me",
        "my",
        "our",
        "your",
        "his",
        "her",
        "their",
        "them",
        "him",
        "us",
        "not",
        "no",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "so",
        "than",
        "then",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "some",
        "such",
        "only",
        "own",
        "same",
        "too",
        "very",
        "s",
        "t",
        "just",
        "about",
        "into",
        "over",
        "after",
        "before",
        "up",
        "down",
        "out",
        "off",
        "again",
        "further",
        "once",
        "also",
        "via",
        "rt",
        "amp",
    ]
)


def split_camel(word: str) -> str:
    """``AustralianFires`` -> ``Australian Fires``; ``COVID19`` -> ``COVID 19``."""
    return _CAMEL.sub(" ", word).replace("_", " ")


def split_tag(tag: str, known: Callable[[str], bool] | None = None) -> str:
    """Words of a hashtag or handle: at case changes, else (one-case tags) into two or three
    words that ``known`` accepts (an index's vocabulary), when the whole tag is not one.

    ``fyrefestival`` -> ``fyre festival``; ``thisisamerica`` -> ``this is america``."""
    words = split_camel(tag)
    if known is None or " " in words or not tag.isalpha() or len(tag) < 7:
        return words
    word = tag.lower()
    if known(word):
        return words
    found = _segment(word, known, 3)
    return " ".join(found) if found else words


def _segment(word: str, known: Callable[[str], bool], parts: int) -> list[str] | None:
    """The split of ``word`` into at most ``parts`` known pieces (stop words count as known)
    with the fewest pieces, then the longest shortest piece; None if there is none."""

    def ok(piece: str) -> bool:
        return (len(piece) >= 2 and piece in STOPWORDS) or (len(piece) >= 3 and known(piece))

    best: list[str] | None = None
    for i in range(2, len(word) - 1):
        head, tail = word[:i], word[i:]
        if not ok(head):
            continue
        rest = [tail] if ok(tail) else (_segment(tail, known, parts - 1) if parts > 2 else None)
        if rest is None:
            continue
        split = [head, *rest]
        if best is None or (len(split), -min(map(len, split))) < (
            len(best),
            -min(map(len, best)),
        ):
            best = split
    return best


def _drop_emoji(text: str) -> str:
    return "".join(
        ch
        for ch in text
        if unicodedata.category(ch) not in {"So", "Sk", "Cs", "Co", "Mn"} or ch.isalnum()
    )


def tweet_date(text: str) -> str | None:
    """The ISO date of a tweet's trailing signature ("— Name (@handle) May 3, 2020")."""
    from factsift.factchecks.importers.base import parse_date

    match = _SIGNATURE_DATE.search(unicodedata.normalize("NFKC", text).strip().strip('"'))
    return parse_date(match.group(3)) if match else None


def clean_query(text: str, known: Callable[[str], bool] | None = None) -> str:
    """A tweet or debate line as plain words, for both BM25 and the embedding model.

    ``known``: whether a word is in the index (to split one-case hashtags and handles)."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").strip().strip('"')
    match = _SIGNATURE_DATE.search(text)
    if match:
        # Keep the author's name: claims are often about what that person said.
        text = text[: match.start()] + " " + match.group(1)
    text = _SPEAKER.sub("", text)
    text = _URL.sub(" ", text)
    text = _HANDLE.sub(lambda m: split_tag(m.group(1), known), text)
    text = _HASHTAG.sub(lambda m: split_tag(m.group(1), known), text)
    text = _drop_emoji(text)
    return _SPACES.sub(" ", text).strip().strip('"').strip()


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens without stop words, with a light suffix strip."""
    normal = _normal
    return [t for t in map(normal, _TOKEN.findall(text.lower().replace("\u2019", "'"))) if t]


@lru_cache(maxsize=500_000)
def _normal(token: str) -> str:
    """The index form of one token; "" for stop words and single letters."""
    token = token.removesuffix("'s")
    if token in STOPWORDS or (len(token) < 2 and not token.isdigit()):
        return ""
    return _stem(token)


def _stem(token: str) -> str:
    """A tiny plural/tense strip; enough to join "vaccines"/"vaccine", "claimed"/"claim"."""
    if len(token) <= 4 or token.isdigit():
        return token
    for suffix, repl in (
        ("ies", "y"),
        ("sses", "ss"),
        ("ing", ""),
        ("ed", ""),
        ("s", ""),
    ):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            if suffix == "s" and token.endswith("ss"):
                return token
            return token[: -len(suffix)] + repl
    return token
