"""Exceptions raised by factsift.

Every error a user can cause derives from ``FactsiftError`` and its message names the
input and the fix. Lower-level exceptions are re-raised as one of these with
``raise ... from exc``, so callers never have to catch third-party types.

    FactsiftError                  exit code (factsift.cli.main)
    ├── InputError                 3  an input given cannot be used
    │   ├── SourceNotFoundError       no such file
    │   ├── BinaryInputError          the input is not text or HTML
    │   ├── DecodeError               the bytes cannot be decoded as text
    │   ├── InputTooLargeError        over the size limit
    │   ├── NothingExtractedError     no article text could be extracted
    │   ├── ImportDataError           a file or record to import is malformed or truncated
    │   └── NoteInputError            a note, rating or scoring option is not valid
    │       └── UnknownNoteError      no note with that id (both in factsift.notes.errors)
    ├── FetchError                 4  a URL could not be fetched
    │   ├── URLRefusedError           the address is not allowed (private, loopback, scheme...)
    │   └── NetworkError              connection, timeout, too many redirects, HTTP status
    ├── StoreError                 5  the knowledge store cannot be opened or written
    │                                 (read-only, disk full, locked, damaged)
    ├── BenchmarkError             6  benchmark data is missing or malformed
    ├── ModelError                 7  a packaged model is missing or corrupt
    ├── OutputError                8  an output file cannot be written (no such folder,
    │                                 disk full)
    └── PipelineError              1  stages are misconfigured (a bug, not the user's doing)
"""

from __future__ import annotations


class FactsiftError(Exception):
    """Base class of every error factsift raises on purpose."""


class InputError(FactsiftError):
    """An input given cannot be used: the article, or a file to import."""


class SourceNotFoundError(InputError):
    """The file named as the source does not exist."""


class BinaryInputError(InputError):
    """The input is binary (an image, a PDF, an archive), not text or HTML."""


class DecodeError(InputError):
    """The input's bytes cannot be decoded as text in any likely encoding."""


class InputTooLargeError(InputError):
    """The input is larger than the configured limit."""


class NothingExtractedError(InputError):
    """No article text could be extracted from the input."""


class ImportDataError(InputError):
    """A file or record given to an importer is malformed or truncated."""


class FetchError(FactsiftError):
    """A URL could not be fetched."""


class URLRefusedError(FetchError):
    """The URL's address or scheme is not allowed."""


class NetworkError(FetchError):
    """The connection failed, timed out, redirected too often or returned an error."""


class PipelineError(FactsiftError):
    """The pipeline is misconfigured: a stage's requirement is not met."""


class StoreError(FactsiftError):
    """The knowledge store cannot be opened, migrated or written."""


class BenchmarkError(FactsiftError):
    """Benchmark data is missing or malformed."""


class ModelError(FactsiftError):
    """A packaged model is missing or corrupt."""


class OutputError(FactsiftError):
    """An output file (``--out``) cannot be written: no such folder, disk full, no access."""
