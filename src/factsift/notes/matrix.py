"""The scorer's input: notes and ratings as parallel numpy columns.

The store, the dump reader and the simulation all build a ``ScoringInput``; the scorer
never sees strings except the ids it hands back. Notes and participants (raters and
authors share one id space, as in the public data) are numbered from 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from factsift.notes.vocabulary import Classification, Helpfulness, NoteStatus

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# Status codes inside the scorer. FIRM_REJECT is the published "firm reject": shown as
# "needs more ratings", but no later rule may promote the note.
NMR, CRH, CRNH, FIRM_REJECT = 0, 1, 2, 3
NO_STATUS = -1
STATUS_CODE = {
    NoteStatus.NEEDS_MORE_RATINGS: NMR,
    NoteStatus.HELPFUL: CRH,
    NoteStatus.NOT_HELPFUL: CRNH,
}
PUBLIC_STATUS = {
    NMR: NoteStatus.NEEDS_MORE_RATINGS,
    CRH: NoteStatus.HELPFUL,
    CRNH: NoteStatus.NOT_HELPFUL,
    FIRM_REJECT: NoteStatus.NEEDS_MORE_RATINGS,
}


@dataclass(frozen=True, slots=True)
class ScoringInput:
    note_ids: list[str]
    note_misleading: BoolArray
    note_created: IntArray  # ms since the epoch
    note_author: IntArray  # participant number, -1 when unknown
    participants: list[str]
    rating_note: IntArray
    rating_rater: IntArray
    rating_value: FloatArray  # 1, 0.5 or 0
    rating_created: IntArray
    rating_tags: IntArray  # bit mask over vocabulary.TAGS
    previous_status: IntArray  # status code of the last run, NO_STATUS if never scored
    last_non_nmr: IntArray  # ms of the last change to helpful / not helpful, -1 if none

    def __post_init__(self) -> None:
        notes = len(self.note_ids)
        for name in ("note_misleading", "note_created", "note_author"):
            if len(getattr(self, name)) != notes:
                raise ValueError(f"{name} has {len(getattr(self, name))} rows, not {notes}")
        for name in ("previous_status", "last_non_nmr"):
            if len(getattr(self, name)) != notes:
                raise ValueError(f"{name} has {len(getattr(self, name))} rows, not {notes}")
        ratings = len(self.rating_note)
        for name in ("rating_rater", "rating_value", "rating_created", "rating_tags"):
            if len(getattr(self, name)) != ratings:
                raise ValueError(f"{name} has {len(getattr(self, name))} rows, not {ratings}")

    @property
    def n_notes(self) -> int:
        return len(self.note_ids)

    @property
    def n_participants(self) -> int:
        return len(self.participants)

    @property
    def n_ratings(self) -> int:
        return len(self.rating_note)

    @classmethod
    def from_arrays(
        cls,
        *,
        n_notes: int,
        n_participants: int,
        rating_note: IntArray,
        rating_rater: IntArray,
        rating_value: FloatArray,
        note_misleading: BoolArray | None = None,
        note_created: IntArray | None = None,
        note_author: IntArray | None = None,
        rating_created: IntArray | None = None,
        rating_tags: IntArray | None = None,
    ) -> ScoringInput:
        """Synthetic input (simulations, tests): ids are numbers, missing columns default."""
        ratings = len(rating_note)
        return cls(
            note_ids=[str(i) for i in range(n_notes)],
            note_misleading=(
                np.ones(n_notes, dtype=bool) if note_misleading is None else note_misleading
            ),
            note_created=(
                np.zeros(n_notes, dtype=np.int64) if note_created is None else note_created
            ),
            note_author=(
                np.full(n_notes, -1, dtype=np.int64) if note_author is None else note_author
            ),
            participants=[f"r{i}" for i in range(n_participants)],
            rating_note=np.asarray(rating_note, dtype=np.int64),
            rating_rater=np.asarray(rating_rater, dtype=np.int64),
            rating_value=np.asarray(rating_value, dtype=np.float64),
            rating_created=(
                np.zeros(ratings, dtype=np.int64) if rating_created is None else rating_created
            ),
            rating_tags=(np.zeros(ratings, dtype=np.int64) if rating_tags is None else rating_tags),
            previous_status=np.full(n_notes, NO_STATUS, dtype=np.int64),
            last_non_nmr=np.full(n_notes, -1, dtype=np.int64),
        )


class InputBuilder:
    """Collects notes and ratings row by row (store, dump reader) into a ``ScoringInput``."""

    def __init__(self) -> None:
        self._participant: dict[str, int] = {}
        self._note: dict[str, int] = {}
        self._notes: list[tuple[bool, int, int, int, int]] = []
        self._r_note: list[int] = []
        self._r_rater: list[int] = []
        self._r_value: list[float] = []
        self._r_created: list[int] = []
        self._r_tags: list[int] = []

    def participant(self, participant_id: str) -> int:
        number = self._participant.get(participant_id)
        if number is None:
            number = self._participant[participant_id] = len(self._participant)
        return number

    def add_note(
        self,
        note_id: str,
        classification: Classification,
        created: int,
        author: str | None,
        previous: NoteStatus | None = None,
        last_non_nmr: int = -1,
    ) -> None:
        if note_id in self._note:
            return
        self._note[note_id] = len(self._notes)
        self._notes.append(
            (
                classification is Classification.MISLEADING,
                created,
                self.participant(author) if author else -1,
                NO_STATUS if previous is None else STATUS_CODE[previous],
                last_non_nmr,
            )
        )

    def add_rating(
        self, note_id: str, rater: str, helpfulness: Helpfulness, created: int, tags: int
    ) -> bool:
        """Add a rating of a known note; False (nothing added) for an unknown note."""
        note = self._note.get(note_id)
        if note is None:
            return False
        self._r_note.append(note)
        self._r_rater.append(self.participant(rater))
        self._r_value.append(helpfulness.value_num)
        self._r_created.append(created)
        self._r_tags.append(tags)
        return True

    def build(self) -> ScoringInput:
        columns = list(zip(*self._notes, strict=True)) if self._notes else [()] * 5
        return ScoringInput(
            note_ids=list(self._note),
            note_misleading=np.array(columns[0], dtype=bool),
            note_created=np.array(columns[1], dtype=np.int64),
            note_author=np.array(columns[2], dtype=np.int64),
            participants=list(self._participant),
            rating_note=np.array(self._r_note, dtype=np.int64),
            rating_rater=np.array(self._r_rater, dtype=np.int64),
            rating_value=np.array(self._r_value, dtype=np.float64),
            rating_created=np.array(self._r_created, dtype=np.int64),
            rating_tags=np.array(self._r_tags, dtype=np.int64),
            previous_status=np.array(columns[3], dtype=np.int64),
            last_non_nmr=np.array(columns[4], dtype=np.int64),
        )
