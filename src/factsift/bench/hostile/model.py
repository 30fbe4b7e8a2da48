"""What a hostile case is, and what running one gives.

A case names one entry point of the CLI, writes its input files into a fresh folder, and
builds the command line from where things are (``Context``). The runner runs it through the
real CLI in a subprocess and sorts the result into one ``Outcome``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path


class Expect(enum.Enum):
    """What a case must end in. Most hostile input may be accepted or refused, cleanly."""

    OK_OR_ERROR = "ok or clean error"
    ERROR = "clean error"  # refusing is required (an SSRF address, a truncated archive)
    OK = "ok"  # the input is odd but valid: it must be accepted


class StoreKind(enum.Enum):
    """The knowledge store a case runs against (always a private copy)."""

    SEEDED = "seeded"  # a few fact-checks, ratings and corpus documents
    READ_ONLY = "read-only"  # the seeded store, made unwritable
    FULL_DISK = "full disk"  # the seeded store, with the file size capped just above it
    CUSTOM = "custom"  # the case writes ``kb.sqlite3`` itself (a corrupt store, say)


class Outcome(enum.Enum):
    """How a case ended, worst first (a case gets the first that applies)."""

    HANG = "hang"
    TRACEBACK = "traceback"
    STORE_CHANGED = "store changed"
    WRONG = "wrong"  # ran to an end, but not the one required (see ``Result.detail``)
    CLEAN_ERROR = "clean error"
    OK = "ok"
    SKIPPED = "skipped"  # this machine cannot set the case up (a read-only file as root)

    @property
    def is_failure(self) -> bool:
        return self not in (Outcome.OK, Outcome.CLEAN_ERROR, Outcome.SKIPPED)


@dataclass(frozen=True, slots=True)
class Context:
    """Where a case runs: its folder, its store, the local server's address."""

    dir: Path
    kb: Path
    server: str  # "http://127.0.0.1:PORT", no trailing slash

    def path(self, name: str) -> str:
        return str(self.dir / name)


Writer = Callable[[Path], None]
ArgvBuilder = Callable[[Context], list[str]]
Content = bytes | str | Callable[[], bytes]


def write_files(files: Mapping[str, Content]) -> Writer:
    """A writer of ``{relative path: content}``: bytes, str (written as UTF-8) or a builder
    of bytes (called when the case runs, so big payloads exist one at a time)."""

    def write(folder: Path) -> None:
        for name, content in files.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if callable(content):
                content = content()
            if isinstance(content, str):
                content = content.encode("utf-8", "surrogatepass")
            target.write_bytes(content)

    return write


def no_files(folder: Path) -> None:
    """Cases whose input is all on the command line."""


@dataclass(frozen=True, slots=True)
class Case:
    """One hostile input through one entry point.

    ``defect`` names the defect of issue 20 that the case reproduces (``"D7"``), when it
    was written for one.
    ``terminal``: the command prints for a person, so its output must not carry raw
    control, bidi or zero-width characters taken from the input. ``must_not_reach``: a
    path on the local server that the command must not request (an SSRF check).
    ``before``: commands run first (an import whose result the case then reads). ``env``:
    extra environment variables, where ``{dir}`` stands for the case's folder. The runner
    copies the store into the folder before ``write`` runs, so ``write`` may spoil it.
    """

    name: str
    entry: str
    argv: ArgvBuilder
    write: Writer = no_files
    expect: Expect = Expect.OK_OR_ERROR
    error_codes: frozenset[int] = frozenset({2, 3, 4, 5, 6, 7, 8})  # cli.main exit codes
    limit_s: float = 60.0  # generous: only a case that really hangs waits this long
    store: StoreKind = StoreKind.SEEDED
    defect: str | None = None
    terminal: bool = True
    must_not_reach: str | None = None
    before: tuple[ArgvBuilder, ...] = ()
    env: Mapping[str, str] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True, slots=True)
class Result:
    """What running a case gave."""

    case: Case
    outcome: Outcome
    detail: str  # why, in one line: the exit code, the last line of stderr, what differed
    exit_code: int | None  # None when it was killed for running past its limit
    seconds: float
