"""Notes, ratings and the scores the bridging scorer gives them.

A note is written about a target: an article (its URL or id), a claim (its text) or, for
imported Community Notes data, a post (its id). Text from users and dumps is stored as
given; whoever renders it escapes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from urllib.parse import urlsplit

from factsift.notes.vocabulary import Classification, Helpfulness, NoteStatus


class TargetKind(StrEnum):
    ARTICLE = "article"
    CLAIM = "claim"
    POST = "post"  # a tweet in imported Community Notes data


@dataclass(frozen=True, slots=True)
class Note:
    id: str
    target_kind: TargetKind
    target: str
    summary: str
    sources: tuple[str, ...]
    classification: Classification
    reasons: tuple[str, ...]
    author: str
    created_at: int  # milliseconds since the epoch, as in the public data
    origin: str = "local"  # "local" or "birdwatch" for imported notes


@dataclass(frozen=True, slots=True)
class NoteRating:
    note_id: str
    rater: str
    helpfulness: Helpfulness
    tags: tuple[str, ...]
    created_at: int


@dataclass(frozen=True, slots=True)
class NoteScore:
    """A note's status after a scoring run, with the fitted parameters behind it."""

    note_id: str
    status: NoteStatus
    rule: str  # the rule that set the status, e.g. "general-crh"
    intercept: float | None  # None: the note was not in the fit (too few ratings)
    factor: float | None
    num_ratings: int
    first_tag: str | None
    second_tag: str | None
    rules: str  # the rule set: "current" or "core-2022"
    scored_at: int


@dataclass(frozen=True, slots=True)
class RaterScore:
    rater: str
    intercept: float | None
    factor: float | None
    agree_ratio: float | None  # None: no valid ratings
    helpful: bool  # counted in the second round


@dataclass(frozen=True, slots=True)
class StatusChange:
    note_id: str
    old_status: NoteStatus | None  # None: first scoring of the note
    new_status: NoteStatus
    changed_at: int
    rules: str


@dataclass(frozen=True, slots=True)
class NoteListing:
    note: Note
    score: NoteScore | None
    ratings: int


# A link ends at whitespace, quotes, angle brackets or a control character.
_URL = re.compile(r"https?://[^\s<>\"'\x00-\x1f\x7f]+", re.IGNORECASE)


def urls_in(text: str) -> tuple[str, ...]:
    """The http(s) URLs written in a text, in order, without trailing punctuation."""
    found: list[str] = []
    for match in _URL.findall(text):
        url = match.rstrip(".,;:!?)]}")
        if is_source_url(url) and url not in found:
            found.append(url)
    return tuple(found)


def is_source_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)


def now_ms() -> int:
    return int(datetime.now(UTC).timestamp() * 1000)


def iso_time(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def note_dict(note: Note) -> dict[str, object]:
    return {
        "id": note.id,
        "target_kind": note.target_kind.value,
        "target": note.target,
        "text": note.summary,
        "sources": list(note.sources),
        "classification": note.classification.value,
        "reasons": list(note.reasons),
        "author": note.author,
        "created_at": iso_time(note.created_at),
        "origin": note.origin,
    }


def score_dict(score: NoteScore) -> dict[str, object]:
    return {
        "note_id": score.note_id,
        "status": score.status.value,
        "rule": score.rule,
        "intercept": score.intercept,
        "factor": score.factor,
        "num_ratings": score.num_ratings,
        "tags": [t for t in (score.first_tag, score.second_tag) if t],
        "rules": score.rules,
        "scored_at": iso_time(score.scored_at),
    }


def rating_dict(rating: NoteRating) -> dict[str, object]:
    return {
        "note_id": rating.note_id,
        "rater": rating.rater,
        "helpfulness": rating.helpfulness.value,
        "tags": list(rating.tags),
        "created_at": iso_time(rating.created_at),
    }


def change_dict(change: StatusChange) -> dict[str, object]:
    return {
        "note_id": change.note_id,
        "old_status": None if change.old_status is None else change.old_status.value,
        "new_status": change.new_status.value,
        "changed_at": iso_time(change.changed_at),
        "rules": change.rules,
    }
