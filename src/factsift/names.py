"""Normalising publisher and person names for matching."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "", "\u2018": "", "'": "", "`": ""})
_NON_WORD = re.compile(r"[^0-9a-z]+")
_LEADING_THE = re.compile(r"^the\s+")
_TRAILING_WORDS = re.compile(r"\s+(community|team|staff|editors|editorial team|newsroom)$")


def normalise_name(name: str) -> str:
    """Lower case, no accents, apostrophes or punctuation, no leading "the".

    "The People's Voice" and "the peoples voice" both become "peoples voice".
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().translate(_APOSTROPHES)
    text = _NON_WORD.sub(" ", text).strip()
    return _LEADING_THE.sub("", text)


def strip_group_suffix(name: str) -> str:
    """Drop a trailing "Community", "Team", "Staff"...: "X Community" names X's readers."""
    return _TRAILING_WORDS.sub("", normalise_name(name))


def squash(name: str) -> str:
    """The normalised name without spaces, to compare with a domain's label."""
    return normalise_name(name).replace(" ", "")
