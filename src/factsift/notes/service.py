"""What the ``factsift notes`` commands do, on a store: add, rate, score, show.

Input is checked here (one ``NoteInputError`` naming the input and the fix); the store
only keeps rows, the scorer only sees arrays.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from factsift.notes.errors import NoteInputError, UnknownNoteError
from factsift.notes.matrix import InputBuilder, ScoringInput
from factsift.notes.model import (
    Note,
    NoteRating,
    NoteScore,
    StatusChange,
    TargetKind,
    is_source_url,
    now_ms,
    urls_in,
)
from factsift.notes.rules import RuleSet
from factsift.notes.scorer import ScoringResult, score_notes
from factsift.notes.vocabulary import (
    Helpfulness,
    parse_classification,
    parse_helpfulness,
    parse_reasons,
    parse_tags,
    tag_mask,
)
from factsift.store.base import NotesStore

MAX_TEXT = 10_000  # characters of a note; Community Notes allows 280 plus links


def new_note(
    *,
    article: str | None,
    claim: str | None,
    text: str,
    sources: Sequence[str],
    classification: str,
    reasons: Sequence[str],
    author: str,
    created_at: int | None = None,
) -> Note:
    """A checked note with a fresh id; the text is kept exactly as given."""
    if (article is None) == (claim is None):
        raise NoteInputError(
            "Give what the note is about: --article URL_OR_ID or --claim TEXT (exactly one)."
        )
    target = (article if article is not None else claim) or ""
    if not target.strip():
        raise NoteInputError("The note's --article or --claim is empty. Give the URL, id or text.")
    if not text.strip():
        raise NoteInputError("The note text is empty. Give it with --text.")
    if len(text) > MAX_TEXT:
        raise NoteInputError(
            f"The note text is {len(text)} characters; the limit is {MAX_TEXT}. Shorten it."
        )
    if not author.strip():
        raise NoteInputError("The note has no author. Give one with --author.")
    for source in sources:
        if not is_source_url(source):
            raise NoteInputError(
                f"Source '{source}' is not an http(s) URL. Give a link such as "
                "https://example.org/page with --source."
            )
    links = tuple(dict.fromkeys([*sources, *urls_in(text)]))
    if not links:
        raise NoteInputError(
            "A note needs at least one source URL. Add --source https://... "
            "(or put the link in the text)."
        )
    kind = parse_classification(classification)
    return Note(
        id=f"fs-{secrets.token_hex(6)}",
        target_kind=TargetKind.ARTICLE if article is not None else TargetKind.CLAIM,
        target=target,
        summary=text,
        sources=links,
        classification=kind,
        reasons=parse_reasons(reasons, kind),
        author=author,
        created_at=now_ms() if created_at is None else created_at,
    )


def add_note(store: NotesStore, note: Note) -> Note:
    with store.transaction():
        store.add_note(note)
    return note


def require_note(store: NotesStore, note_id: str) -> Note:
    note = store.note(note_id)
    if note is None:
        raise UnknownNoteError(
            f"No note '{note_id}' in the store. List the notes with 'factsift notes list'."
        )
    return note


def rate_note(
    store: NotesStore,
    note_id: str,
    rater: str,
    helpfulness: str,
    tags: Sequence[str] = (),
    created_at: int | None = None,
) -> tuple[NoteRating, bool]:
    """Store a rating (a rater's new rating replaces the old); True when it replaced one."""
    note = require_note(store, note_id)
    if not rater.strip():
        raise NoteInputError("The rating has no rater. Give one with --rater.")
    if rater == note.author:
        raise NoteInputError(
            f"Rater '{rater}' wrote note '{note_id}'; authors do not rate their own notes. "
            "Rate it as another --rater."
        )
    level = parse_helpfulness(helpfulness)
    rating = NoteRating(
        note_id=note_id,
        rater=rater,
        helpfulness=level,
        tags=parse_tags(tags, level),
        created_at=now_ms() if created_at is None else created_at,
    )
    with store.transaction():
        replaced = store.rate_note(rating)
    return rating, replaced


def input_from(
    notes: Iterable[Note],
    ratings: Iterable[NoteRating],
    previous: dict[str, tuple[NoteScore | None, int]] | None = None,
) -> ScoringInput:
    """The scorer's arrays from notes and ratings (and each note's last score)."""
    builder = InputBuilder()
    for note in notes:
        score, last_non_nmr = (previous or {}).get(note.id, (None, -1))
        builder.add_note(
            note.id,
            note.classification,
            note.created_at,
            note.author,
            None if score is None else score.status,
            last_non_nmr,
        )
    for rating in ratings:
        builder.add_rating(
            rating.note_id,
            rating.rater,
            rating.helpfulness,
            rating.created_at,
            tag_mask(rating.tags),
        )
    return builder.build()


def store_input(store: NotesStore) -> ScoringInput:
    builder = InputBuilder()
    for note, score, last_non_nmr in store.iter_scoring_notes():
        builder.add_note(
            note.id,
            note.classification,
            note.created_at,
            note.author,
            None if score is None else score.status,
            last_non_nmr,
        )
    levels = {level.value: level for level in Helpfulness}
    for note_id, rater, helpfulness, tags, created in store.iter_scoring_ratings():
        builder.add_rating(note_id, rater, levels[helpfulness], created, tag_mask(tags.split()))
    return builder.build()


@dataclass(frozen=True)
class ScoreRun:
    result: ScoringResult
    scores: list[NoteScore]
    changes: list[StatusChange]
    scored_at: int


def score_store(store: NotesStore, rules: str | RuleSet = "current", seed: int = 0) -> ScoreRun:
    """Score every note in the store, save the statuses and record what changed."""
    result = score_notes(store_input(store), rules, seed=seed)
    scored_at = now_ms()
    scores = result.note_scores(scored_at)
    with store.transaction():
        changes = store.save_note_scores(scores, result.rater_scores())
    return ScoreRun(result, scores, changes, scored_at)
