"""Errors a user can cause with notes and ratings (all ``InputError``: exit code 3).

InputError
└── NoteInputError        a note, rating or option given is not valid
    └── UnknownNoteError  no note with that id in the store
"""

from __future__ import annotations

from factsift.errors import InputError


class NoteInputError(InputError):
    """A note, a rating or a scoring option is not valid; the message names the fix."""


class UnknownNoteError(NoteInputError):
    """No note with the given id is in the store."""
