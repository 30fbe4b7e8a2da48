"""Words with their character offsets, lower-cased, for hashing and alignment."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(slots=True)
class Tokens:
    words: list[str]
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.words)


def tokenize(text: str, start: int = 0, end: int | None = None) -> Tokens:
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _WORD.finditer(text, start, len(text) if end is None else end):
        words.append(m.group().lower())
        starts.append(m.start())
        ends.append(m.end())
    return Tokens(words, starts, ends)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())
