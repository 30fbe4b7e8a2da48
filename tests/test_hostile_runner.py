"""The hostile runner's rules: how a finished command is classified, how stores compare."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factsift.bench.hostile import report
from factsift.bench.hostile.model import Case, Expect, Outcome, Result, write_files
from factsift.bench.hostile.runner import classify, unsafe_characters
from factsift.bench.hostile.store_state import EMPTY, StoreState, snapshot

CASE = Case(name="x", entry="check", argv=lambda c: ["check", "a.txt"])
INTACT = StoreState(("ok",), (("factchecks", 3),))
GREW = StoreState(("ok",), (("factchecks", 4),))
BROKEN = StoreState(("*** in database main ***", "page 3 is never used"), ())
ERROR_LINE = "factsift: error: No such file: a.txt. Check the path.\n"


def _outcome(
    case: Case = CASE,
    code: int | None = 0,
    out: str = "report\n",
    err: str = "",
    before: StoreState = INTACT,
    after: StoreState = INTACT,
    reached: bool = False,
) -> Outcome:
    return classify(case, code, out, err, before, after, reached=reached)[0]


def test_hostile_runner_ok_and_clean_error() -> None:
    assert _outcome() is Outcome.OK
    assert _outcome(code=3, err=ERROR_LINE) is Outcome.CLEAN_ERROR
    usage = "Usage: factsift check [OPTIONS] SOURCE\nTry 'factsift check -h'.\n\nError: bad\n"
    assert _outcome(code=2, err=usage) is Outcome.CLEAN_ERROR


def test_hostile_runner_hang_when_killed_at_the_limit() -> None:
    assert _outcome(code=None) is Outcome.HANG


def test_hostile_runner_traceback_on_exit_1_signal_or_traceback_text() -> None:
    assert _outcome(code=1, err="factsift: error: x\n") is Outcome.TRACEBACK
    assert _outcome(code=-9) is Outcome.TRACEBACK
    assert _outcome(code=130, err="factsift: interrupted\n") is Outcome.TRACEBACK
    assert _outcome(code=0, err="Traceback (most recent call last):\n  ...") is Outcome.TRACEBACK


def test_hostile_runner_failed_command_must_leave_the_store_as_it_was() -> None:
    assert _outcome(code=5, err=ERROR_LINE, after=GREW) is Outcome.STORE_CHANGED
    assert _outcome(code=5, err=ERROR_LINE, after=BROKEN) is Outcome.STORE_CHANGED
    assert _outcome(code=0, after=GREW) is Outcome.OK  # a successful import adds rows
    assert _outcome(code=0, after=BROKEN) is Outcome.STORE_CHANGED


def test_hostile_runner_wrong_outcomes() -> None:
    must_refuse = Case(name="x", entry="check", argv=CASE.argv, expect=Expect.ERROR,
                       error_codes=frozenset({4}))  # fmt: skip
    assert _outcome(must_refuse) is Outcome.WRONG
    assert _outcome(must_refuse, code=3, err=ERROR_LINE) is Outcome.WRONG  # not exit 4
    must_accept = Case(name="x", entry="check", argv=CASE.argv, expect=Expect.OK)
    assert _outcome(must_accept, code=3, err=ERROR_LINE) is Outcome.WRONG
    assert _outcome(code=3, err="warning: x\n" + ERROR_LINE) is Outcome.WRONG  # two lines
    assert _outcome(out="Title \u202eevil\n") is Outcome.WRONG
    assert _outcome(reached=True) is Outcome.WRONG


def test_hostile_runner_unsafe_output_is_checked_only_for_terminal_commands() -> None:
    data = Case(name="x", entry="kb search", argv=CASE.argv, terminal=False)
    assert _outcome(data, out='{"title": "\u202e"}') is Outcome.OK
    assert unsafe_characters("a\x1b[2J b\u200b c\r\n") == ["U+001B", "U+200B", "U+000D"]
    assert unsafe_characters("caf\u00e9 \u2013 \u2026 \t\n") == []


def test_hostile_runner_snapshot_compares_integrity_and_counts(tmp_path: Path) -> None:
    path = tmp_path / "kb.sqlite3"
    assert snapshot(path) == EMPTY
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE factchecks (id INTEGER PRIMARY KEY)")
    conn.execute("CREATE TABLE empty (id INTEGER)")
    conn.execute("INSERT INTO factchecks DEFAULT VALUES")
    conn.commit()
    before = snapshot(path)
    assert before.intact and dict(before.counts) == {"factchecks": 1}
    conn.execute("INSERT INTO factchecks DEFAULT VALUES")
    conn.commit()
    conn.close()
    assert before.differences(snapshot(path)) == "factchecks 1->2"
    path.write_bytes(b"garbage" * 1000)
    assert not snapshot(path).intact


def test_hostile_runner_write_files_builds_payloads_lazily(tmp_path: Path) -> None:
    calls: list[int] = []

    def build() -> bytes:
        calls.append(1)
        return b"\x00\xff"

    writer = write_files({"a/b.bin": build, "c.txt": "caf\u00e9"})
    assert not calls
    writer(tmp_path)
    assert (tmp_path / "a" / "b.bin").read_bytes() == b"\x00\xff"
    assert (tmp_path / "c.txt").read_bytes() == "caf\u00e9".encode()


def test_hostile_runner_report_counts_every_entry_point() -> None:
    results = [
        Result(CASE, Outcome.OK, "", 0, 1.0),
        Result(CASE, Outcome.TRACEBACK, "exit 1: KeyError", 1, 1.0),
    ]
    text = report.table(results, ["check", "kb search"])
    assert "| `check` | 2 | 1 | 0 | 1 |" in text
    assert "| `kb search` | 0 |" in text
    assert report.failures(results) == ["x: traceback: exit 1: KeyError"]
    assert report.has_failures(results)


@pytest.mark.parametrize("slice_name", ["ci", "all"])
def test_hostile_runner_case_names_are_unique(slice_name: str) -> None:
    from factsift.bench.hostile.generator import generate

    names = [case.name for case in generate(slice_name)]
    assert len(names) == len(set(names))
