"""Run hostile cases through the real CLI, each in its own process, folder and store copy.

Each case runs as ``python -m factsift ARGS`` with the current process's ``factsift`` first
on PYTHONPATH (so a worktree tests its own code), a time limit, and the store compared
before and after. A case ends in one ``Outcome``; ``classify`` is the whole rule.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import factsift
from factsift.bench.hostile import server as hostile_server
from factsift.bench.hostile.model import Case, Context, Expect, Outcome, Result, StoreKind
from factsift.bench.hostile.store_state import (
    StoreState,
    copy_store,
    full_disk_limit,
    make_read_only,
    snapshot,
)
from factsift.errors import BenchmarkError

TRACEBACK = "Traceback (most recent call last)"
CLEAN_EXIT_CODES = frozenset({2, 3, 4, 5, 6, 7, 8})  # cli.main: 7 model, 8 output
SETUP_LIMIT_S = 180.0
# Characters that must not reach a terminal raw: C0/C1 controls (escape sequences, carriage
# returns that overwrite a line), bidi embeddings, overrides, isolates and marks, and
# zero-width characters (D5: they make one name look like another).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff]"
)
# Sets RLIMIT_FSIZE, then becomes the factsift process (Python ignores SIGXFSZ, so a write
# past the limit fails with EFBIG, as on a full disk).
_LIMITED_LAUNCH = (
    "import os, resource, sys; limit = int(sys.argv[1]); "
    "resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)); "
    "os.execv(sys.executable, [sys.executable, *sys.argv[2:]])"
)


@dataclass(frozen=True, slots=True)
class Environment:
    """What every case of one run shares: a scratch folder, the seeded store, the server."""

    root: Path
    template: Path
    server: hostile_server.HostileServer
    python: str = sys.executable
    keep: bool = False  # keep each case's folder (to reproduce a failure by hand)


def unsafe_characters(text: str) -> list[str]:
    """The unsafe characters in ``text`` as ``U+XXXX``, first five, each once."""
    found: list[str] = []
    for match in _UNSAFE.finditer(text):
        code = f"U+{ord(match.group()):04X}"
        if code not in found:
            found.append(code)
        if len(found) == 5:
            break
    return found


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def _is_clean_message(exit_code: int, stderr: str) -> bool:
    """One ``factsift: error:`` line; for usage errors (exit 2) click's message."""
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    if exit_code == 2:
        return bool(lines) and lines[-1].startswith("Error: ")
    return len(lines) == 1 and lines[0].startswith("factsift: error: ")


def classify(
    case: Case,
    exit_code: int | None,
    stdout: str,
    stderr: str,
    before: StoreState,
    after: StoreState,
    *,
    reached: bool = False,
) -> tuple[Outcome, str]:
    """The outcome of a finished (or killed: ``exit_code`` None) case, and why."""
    last = _last_line(stderr)[:200]
    if exit_code is None:
        return Outcome.HANG, f"still running after {case.limit_s:g} s"
    if TRACEBACK in stderr or exit_code not in CLEAN_EXIT_CODES | {0}:
        how = f"killed by signal {-exit_code}" if exit_code < 0 else f"exit {exit_code}"
        return Outcome.TRACEBACK, f"{how}: {last}"
    if exit_code != 0 and (changed := before.differences(after)):
        return Outcome.STORE_CHANGED, f"failed (exit {exit_code}) but changed the store: {changed}"
    if exit_code == 0 and not after.intact:
        return Outcome.STORE_CHANGED, f"integrity_check after: {'; '.join(after.integrity[:2])}"
    if reached:
        return Outcome.WRONG, f"the server got a request for {case.must_not_reach} (SSRF)"
    if case.terminal and (unsafe := unsafe_characters(stdout + stderr)):
        return Outcome.WRONG, f"raw {', '.join(unsafe)} in the terminal output"
    if exit_code == 0:
        if case.expect is Expect.ERROR:
            return Outcome.WRONG, "accepted; a clean error was required"
        return Outcome.OK, _last_line(stdout)[:200]
    if case.expect is Expect.OK:
        return Outcome.WRONG, f"refused (exit {exit_code}): {last}"
    if exit_code not in case.error_codes:
        wanted = "/".join(str(code) for code in sorted(case.error_codes))
        return Outcome.WRONG, f"exit {exit_code}, expected {wanted}: {last}"
    if not _is_clean_message(exit_code, stderr):
        count = len(stderr.strip().splitlines())
        return Outcome.WRONG, f"exit {exit_code} with {count} lines on stderr: {last}"
    return Outcome.CLEAN_ERROR, f"exit {exit_code}: {last}"


def _pythonpath() -> str:
    """The folder that holds the running ``factsift`` package, then the caller's path."""
    ours = str(Path(factsift.__file__).resolve().parent.parent)
    return os.pathsep.join(p for p in (ours, os.environ.get("PYTHONPATH", "")) if p)


def case_env(folder: Path, kb: Path, extra: Mapping[str, str] = {}) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=_pythonpath(),
        PYTHONDONTWRITEBYTECODE="1",
        LC_ALL="C.UTF-8",
        TERM="dumb",
        FACTSIFT_KB=str(kb),
        FACTSIFT_DATA=str(folder),  # public importers read the case's folder, never real data
        FACTSIFT_CACHE=str(folder / ".cache"),
    )
    env.update({key: value.replace("{dir}", str(folder)) for key, value in extra.items()})
    return env


def _execute(
    command: list[str], folder: Path, env: dict[str, str], limit_s: float
) -> tuple[int | None, str, str]:
    """Run to the end or to the limit; a process group, so a killed run leaves nothing."""
    stdin_file = folder / "stdin"
    with stdin_file.open("rb") if stdin_file.exists() else open(os.devnull, "rb") as stdin:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter, argv as a list
            command,
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=folder,
            env=env,
            start_new_session=True,
        )
        try:
            out, err = process.communicate(timeout=limit_s)
            code: int | None = process.returncode
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            out, err = process.communicate()
            code = None
    return code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def _folder_name(index: int, name: str) -> str:
    return f"{index:04d}-" + re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:80]


def run_case(case: Case, env: Environment, index: int = 0) -> Result:
    """Prepare the case's folder and store, run it, classify, clean up."""
    try:
        return _run_case(case, env, index)
    except (OSError, ValueError) as exc:  # a case that cannot even start is the bench's bug
        raise BenchmarkError(f"Hostile case {case.name!r} could not run: {exc}") from exc


def _run_case(case: Case, env: Environment, index: int) -> Result:
    folder = env.root / _folder_name(index, case.name)
    folder.mkdir(parents=True)
    ctx = Context(dir=folder, kb=folder / "kb.sqlite3", server=env.server.base)
    undo: Callable[[], None] = lambda: None  # noqa: E731
    started = time.monotonic()
    try:
        if case.store is not StoreKind.CUSTOM:
            copy_store(env.template, ctx.kb)
        case.write(folder)  # after the copy: a case may spoil the store's files
        variables = case_env(folder, ctx.kb, case.env)
        for before in case.before:
            code, _, err = _execute(
                [env.python, "-m", "factsift", *before(ctx)], folder, variables, SETUP_LIMIT_S
            )
            if code != 0:
                return Result(case, Outcome.WRONG, f"setup failed: {_last_line(err)}", code, 0.0)
        command = [env.python, "-m", "factsift", *case.argv(ctx)]
        if case.store is StoreKind.FULL_DISK:
            command = [
                env.python,
                "-c",
                _LIMITED_LAUNCH,
                str(full_disk_limit(ctx.kb)),
                *command[1:],
            ]
        if case.store is StoreKind.READ_ONLY:
            try:
                undo = make_read_only(ctx.kb)
            except BenchmarkError as exc:
                return Result(case, Outcome.SKIPPED, str(exc), None, 0.0)
        before_state = snapshot(ctx.kb)
        started = time.monotonic()
        code, out, err = _execute(command, folder, variables, case.limit_s)
        seconds = time.monotonic() - started
        undo()
        undo = lambda: None  # noqa: E731
        reached = case.must_not_reach is not None and env.server.requested(case.must_not_reach)
        outcome, detail = classify(
            case, code, out, err, before_state, snapshot(ctx.kb), reached=reached
        )
        return Result(case, outcome, detail, code, seconds)
    finally:
        undo()
        if not env.keep:
            shutil.rmtree(folder, ignore_errors=True)


SEED_REVIEWS = [
    {
        "@type": "ClaimReview",
        "url": f"https://factcheck.example/seed-{i}",
        "claimReviewed": claim,
        "author": {"name": "Harbour Checkers"},
        "reviewRating": {"alternateName": rating},
        "datePublished": "2024-03-04",
    }
    for i, (claim, rating) in enumerate(
        [
            ("High tide will come at six in the morning for the rest of the month", "False"),
            ("Fishermen lose five percent of their catch to the new tide tables", "Mostly false"),
            ("The almanac printed the wrong tide tables", "True"),
        ]
    )
]
SEED_DOCUMENT = {
    "url": "https://news.example/earlier",
    "title": "Harbour office publishes tide tables",
    "text": "The harbour office said high tide comes at five in the morning this month. "
    "Fishermen welcomed the early tide.",
    "date": "2024-02-01",
    "publisher": "Harbour News",
}


def seed_store(folder: Path, python: str = sys.executable) -> Path:
    """A small store with fact-checks (and their vectors), ratings and a corpus document,
    built through the CLI like any user's."""
    folder.mkdir(parents=True, exist_ok=True)
    kb = folder / "kb.sqlite3"
    (folder / "reviews.json").write_text(json.dumps(SEED_REVIEWS), encoding="utf-8")
    (folder / "ratings.csv").write_text("site,score\nnews.example.com,0.9\n", encoding="utf-8")
    (folder / "docs.jsonl").write_text(json.dumps(SEED_DOCUMENT) + "\n", encoding="utf-8")
    commands = [
        ["kb", "import", "claimreview", "reviews.json", "--quiet"],
        [
            "kb",
            "import",
            "ratings-csv",
            "ratings.csv",
            "--list",
            "seed",
            "--map",
            "domain=site",
            "--map",
            "score=score",
        ],
        ["corpus", "import", "docs.jsonl", "--quiet"],
    ]
    variables = case_env(folder, kb)
    for argv in commands:
        code, _, err = _execute(
            [python, "-m", "factsift", *argv, "--kb", str(kb)], folder, variables, SETUP_LIMIT_S
        )
        if code != 0:
            raise BenchmarkError(
                f"Cannot build the seeded store ({' '.join(argv[:3])}: exit {code}: "
                f"{_last_line(err)}). Check that 'factsift' runs in this environment."
            )
    return kb


@contextmanager
def environment(keep: bool = False) -> Iterator[Environment]:
    """Scratch folder, seeded store and hostile server for one run of many cases."""
    root = Path(tempfile.mkdtemp(prefix="factsift-hostile-"))
    try:
        template = seed_store(root / "seed")
        with hostile_server.running() as server:
            yield Environment(root=root, template=template, server=server, keep=keep)
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def run_cases(
    cases: Iterable[Case],
    env: Environment,
    *,
    jobs: int = 2,
    on_result: Callable[[Result], None] | None = None,
) -> list[Result]:
    """Run ``cases`` ``jobs`` at a time; results in the order of ``cases``. The cases with
    the longest limits start first, so a hang overlaps the rest of the run."""
    indexed = sorted(enumerate(cases), key=lambda item: -item[1].limit_s)

    def one(item: tuple[int, Case]) -> Result:
        result = run_case(item[1], env, item[0])
        if on_result is not None:
            on_result(result)
        return result

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        done = dict(zip((index for index, _ in indexed), pool.map(one, indexed), strict=True))
    return [done[index] for index in sorted(done)]
