"""Community notes on articles and claims, ranked by bridging (as Community Notes does).

Readers add notes and rate them; ``score_notes`` finds the notes that raters who usually
disagree both found helpful. See docs/notes.md.
"""

from factsift.notes.errors import NoteInputError, UnknownNoteError
from factsift.notes.matrix import InputBuilder, ScoringInput
from factsift.notes.model import Note, NoteRating, NoteScore, RaterScore, StatusChange, TargetKind
from factsift.notes.rules import RULE_SETS, RuleSet, rule_set
from factsift.notes.scorer import ScoringResult, score_notes
from factsift.notes.vocabulary import Classification, Helpfulness, NoteStatus

__all__ = [
    "RULE_SETS",
    "Classification",
    "Helpfulness",
    "InputBuilder",
    "Note",
    "NoteInputError",
    "NoteRating",
    "NoteScore",
    "NoteStatus",
    "RaterScore",
    "RuleSet",
    "ScoringInput",
    "ScoringResult",
    "StatusChange",
    "TargetKind",
    "UnknownNoteError",
    "rule_set",
    "score_notes",
]
