"""Small hand-made rating matrices for the notes tests."""

from __future__ import annotations

import numpy as np

from factsift.notes.matrix import ScoringInput
from factsift.notes.vocabulary import TAG_BIT

HOUR = 3_600_000
START = 1_700_000_000_000  # 2023: every rating within 48 h of a note counts for helpfulness
HELPFUL_TAGS = TAG_BIT["helpfulClear"] | TAG_BIT["helpfulGoodSources"]
UNHELPFUL_TAGS = TAG_BIT["notHelpfulMissingKeyPoints"] | TAG_BIT["notHelpfulArgumentativeOrBiased"]
CAMP = 12  # raters per camp


def matrix(
    notes: dict[str, dict[int, float]],
    raters: int,
    *,
    misleading: dict[str, bool] | None = None,
    created: dict[str, int] | None = None,
) -> tuple[ScoringInput, list[str]]:
    """Notes by name, each {rater: value}; tags follow the value; ratings 1 h after the note."""
    names = list(notes)
    note, rater, value = [], [], []
    for i, name in enumerate(names):
        for r, v in notes[name].items():
            note.append(i)
            rater.append(r)
            value.append(v)
    values = np.array(value)
    note_created = np.array(
        [(created or {}).get(name, START + i * HOUR) for i, name in enumerate(names)],
        dtype=np.int64,
    )
    notes_idx = np.array(note, dtype=np.int64)
    inp = ScoringInput.from_arrays(
        n_notes=len(names),
        n_participants=raters,
        rating_note=notes_idx,
        rating_rater=np.array(rater, dtype=np.int64),
        rating_value=values,
        note_misleading=np.array([(misleading or {}).get(n, True) for n in names]),
        note_created=note_created,
        rating_created=note_created[notes_idx] + HOUR,
        rating_tags=np.where(values >= 0.5, HELPFUL_TAGS, UNHELPFUL_TAGS).astype(np.int64),
    )
    return inp, names


def camps_world(
    extra: dict[str, dict[int, float]] | None = None,
    *,
    misleading: dict[str, bool] | None = None,
    created: dict[str, int] | None = None,
) -> tuple[ScoringInput, list[str]]:
    """Camp A (raters 0-11) and camp B (12-23) on slanted notes that set up the factor,
    plus a bridging note (both camps helpful), a one-sided note (A helpful, B not) and
    notes nobody likes (so each rater's early ratings agree with some status)."""
    a = range(CAMP)
    b = range(CAMP, 2 * CAMP)
    everyone = range(2 * CAMP)
    notes: dict[str, dict[int, float]] = {}
    for k in range(4):
        notes[f"slant_a{k}"] = {r: 1.0 if r in a else 0.0 for r in everyone}
        notes[f"slant_b{k}"] = {r: 1.0 if r in b else 0.0 for r in everyone}
    for k in range(3):
        notes[f"bad{k}"] = dict.fromkeys(everyone, 0.0)
    notes["bridging"] = dict.fromkeys(everyone, 1.0)
    notes["one_sided"] = {r: 1.0 if r in a else 0.0 for r in everyone}
    notes.update(extra or {})
    return matrix(notes, 2 * CAMP, misleading=misleading, created=created)
