"""Peak memory of ``factsift check`` against the size of the text it is given.

For each size a plain-text file of real prose is written and checked by ``factsift check``
in a fresh process, so that each size starts from an empty heap. The prose is the reuse
benchmark's (``bench.reuse_texts``: PolitiFact fact-check texts, FakeNewsNet and the
FakeNewsCorpus sample, cleaned and near-duplicates dropped; about 17 MB), joined by blank
lines in their stable order and cut to the size; only a size past the whole set repeats
texts (repeated sentences become one claim, so later stages then see fewer claims). The
child's peak resident set comes from ``os.wait4`` (its own rusage, not the running maximum
over all children that ``RUSAGE_CHILDREN`` keeps); wall time is measured around it. The web
desk accepts uploads up to ``--max-bytes``: this is how much memory one upload can take.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from factsift.bench.reuse_texts import load_texts
from factsift.errors import BenchmarkError

MB = 1024 * 1024
POLITIFACT_TEXTS = 3000  # with the other two sets, about 17 MB of distinct prose
STDERR_TAIL = 300  # characters of a failed check's error kept for the table


@dataclass(frozen=True, slots=True)
class MemoryRow:
    """One size, checked once in a fresh process."""

    size_mb: float
    input_bytes: int
    peak_rss_mb: float
    wall_seconds: float
    exit_code: int  # negative: killed by that signal (e.g. -9 by the OOM killer)
    error: str  # the tail of the check's standard error when it failed, else ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def prose(texts: list[str], size_bytes: int) -> str:
    """``texts`` joined by blank lines and repeated, cut to at most ``size_bytes`` of UTF-8."""
    if not any(t.strip() for t in texts):
        raise BenchmarkError("No prose to build inputs from: every benchmark text is empty.")
    parts: list[str] = []
    total = 0
    while total < size_bytes:
        for text in texts:
            piece = text.strip() + "\n\n"
            parts.append(piece)
            total += len(piece.encode("utf-8"))
            if total >= size_bytes:
                break
    data = "".join(parts).encode("utf-8")[:size_bytes]
    return data.decode("utf-8", errors="ignore")  # a character cut in two is dropped


def check_command(path: Path, kb: Path | None, fmt: str) -> list[str]:
    """``factsift check`` on ``path`` with this interpreter; the limit is the file's size."""
    command = [sys.executable, "-m", "factsift", "check", str(path), "--format", fmt]
    command += ["--max-bytes", str(max(1, path.stat().st_size))]
    command += ["--kb", str(kb)] if kb is not None else ["--no-kb"]
    return command


def measure(command: list[str]) -> tuple[float, float, int, str]:
    """(peak RSS in MB, wall seconds, exit code, error tail) of ``command`` run once."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        err.seek(0)
        tail = err.read().decode("utf-8", errors="replace").strip()[-STDERR_TAIL:]
    code = process.returncode
    error = "" if code == 0 else (tail or _signal_name(code))
    return usage.ru_maxrss / 1024.0, wall, code, error  # ru_maxrss is in KiB on Linux


def _signal_name(code: int) -> str:
    if code >= 0:
        return f"exit {code}"
    try:
        return f"killed by {signal.Signals(-code).name}"
    except ValueError:
        return f"killed by signal {-code}"


def run(
    data: Path,
    sizes_mb: list[float],
    *,
    kb: Path | None = None,
    fmt: str = "text",
    on_row: Callable[[MemoryRow], None] | None = None,
) -> list[MemoryRow]:
    """Check a text of each size in a fresh process; rows in the order of ``sizes_mb``."""
    if not sizes_mb or any(s <= 0 for s in sizes_mb):
        raise BenchmarkError("--sizes needs positive sizes in MB, e.g. --sizes 0.1,0.5,1.")
    texts = [t.text for t in load_texts(data, POLITIFACT_TEXTS)]
    rows = []
    with tempfile.TemporaryDirectory(prefix="factsift-memory-") as folder:
        for size in sizes_mb:
            path = Path(folder) / f"input-{size:g}mb.txt"
            path.write_text(prose(texts, round(size * MB)), encoding="utf-8")
            rss, wall, code, error = measure(check_command(path, kb, fmt))
            row = MemoryRow(
                size_mb=size,
                input_bytes=path.stat().st_size,
                peak_rss_mb=round(rss, 1),
                wall_seconds=round(wall, 2),
                exit_code=code,
                error=error,
            )
            path.unlink()
            rows.append(row)
            if on_row is not None:
                on_row(row)
    return rows
