"""One options object for a check, built from keyword arguments or CLI flags.

Environment variables (documented in the README):
- ``FACTSIFT_KB``: path of the knowledge store (default: ``knowledge.sqlite3`` in the user's
  data directory).
- ``FACTSIFT_DATA``: folder of the public data sets (default: ``../shared/data`` from the
  current directory, as laid out for development).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs

KB_ENV = "FACTSIFT_KB"
DATA_ENV = "FACTSIFT_DATA"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def default_kb_path() -> Path:
    """The store path: ``$FACTSIFT_KB`` or a file in the user's data directory."""
    env = os.environ.get(KB_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("factsift", appauthor=False)) / "knowledge.sqlite3"


def data_dir() -> Path:
    """Where the public data sets are: ``$FACTSIFT_DATA`` or ``../shared/data``."""
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser()
    return Path.cwd().parent / "shared" / "data"


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Limits for fetching a URL."""

    allow_private: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 20.0  # seconds for the whole download
    max_redirects: int = 5
    user_agent: str = "factsift (+https://example.invalid/factsift)"


@dataclass(frozen=True, slots=True)
class Options:
    """Everything a check can be told; defaults suit a laptop."""

    kb_path: Path | None = None  # None: default_kb_path()
    url: str | None = None  # original address of a saved page or pasted text
    content_type: str | None = None  # force "text/html" or "text/plain"
    fetch: FetchOptions = field(default_factory=FetchOptions)
    use_store: bool = True  # False: check without opening any store
    evidence: bool = True  # False: skip the evidence search (faster; no status from evidence)
    evidence_after_days: int = 7  # evidence dated up to this many days after the article counts

    @classmethod
    def from_kwargs(cls, **kwargs: Any) -> Options:
        """Build options from flat keyword arguments (CLI or API), ignoring ``None``."""
        fetch_fields = {f for f in FetchOptions.__dataclass_fields__}
        fetch_args = {k: v for k, v in kwargs.items() if k in fetch_fields and v is not None}
        other = {k: v for k, v in kwargs.items() if k not in fetch_fields and v is not None}
        unknown = set(other) - set(cls.__dataclass_fields__)
        if unknown:
            raise TypeError(f"Unknown option(s): {', '.join(sorted(unknown))}")
        if "kb_path" in other:
            other["kb_path"] = Path(other["kb_path"])
        return cls(fetch=FetchOptions(**fetch_args), **other)

    def resolved_kb_path(self) -> Path:
        return self.kb_path if self.kb_path is not None else default_kb_path()

    def with_(self, **changes: Any) -> Options:
        return replace(self, **changes)
