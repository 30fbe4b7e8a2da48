"""Output files (``check --out``, ``bench sources --save-model``): a missing folder fails
before any work, a failed write (full disk) leaves nothing behind, one line and exit 8."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from cli_checks import OUTPUT_ERROR, assert_one_line_error, can_mount_tmpfs, run_main

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "riverton-dam.txt"


def _check(*args: str, limit_bytes: int | None = None) -> subprocess.CompletedProcess[str]:
    """``factsift check`` in a child process, optionally with a file size limit (RLIMIT_FSIZE:
    writes past it fail with EFBIG, as writes to a full disk fail with ENOSPC)."""

    def limit() -> None:
        if limit_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "factsift", "check", str(ARTICLE), "--no-kb", *args],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=limit,  # only sets a limit: safe before exec
        check=False,
    )


def test_cli_output_missing_folder_fails_before_checking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing" / "report.txt"
    code = run_main(["check", str(ARTICLE), "--no-kb", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == OUTPUT_ERROR, captured.err
    assert_one_line_error(captured.err, str(out.parent), "mkdir")
    assert captured.out == ""  # no report went anywhere
    assert not out.parent.exists()


def test_cli_output_failed_write_leaves_no_file(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    out = folder / "report.txt"
    proc = _check("--out", str(out), limit_bytes=2000)
    assert proc.returncode == OUTPUT_ERROR, proc.stderr
    assert_one_line_error(proc.stderr, str(out), "nothing was written")
    assert list(folder.iterdir()) == []  # neither the report nor a temporary file


def test_cli_output_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    out.write_text("the previous report\n", encoding="utf-8")
    proc = _check("--out", str(out), limit_bytes=2000)
    assert proc.returncode == OUTPUT_ERROR, proc.stderr
    assert out.read_text(encoding="utf-8") == "the previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


@pytest.mark.skipif(not can_mount_tmpfs(), reason="cannot mount a tmpfs here (needs root)")
def test_cli_output_full_disk_says_disk_full(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    out = disk / "report.txt"
    factsift = f"'{sys.executable}' -m factsift check '{ARTICLE}' --no-kb --out '{out}'"
    script = (
        f"mount -t tmpfs -o size=8k tmpfs '{disk}' || exit 99\n"
        f"{factsift} 2> '{tmp_path}/err.txt'\n"
        f"echo $? > '{tmp_path}/code.txt'\n"
        f"ls -A '{disk}' > '{tmp_path}/left.txt'\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    assert (
        subprocess.run(["unshare", "-m", "sh", "-c", script], env=env, check=False).returncode == 0
    )
    err = (tmp_path / "err.txt").read_text(encoding="utf-8")
    assert int((tmp_path / "code.txt").read_text()) == OUTPUT_ERROR, err
    assert_one_line_error(err, "disk full", str(out))
    assert (tmp_path / "left.txt").read_text() == ""


def test_cli_output_written_whole_with_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    proc = _check("--format", "json", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == f"Report written to {out}\n"
    assert out.read_text(encoding="utf-8").startswith("{")
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_cli_output_bench_save_model_missing_folder_fails_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "missing" / "weights.json"
    kb = tmp_path / "kb.sqlite3"  # absent: the folder is checked before the store is opened
    code = run_main(["bench", "sources", "--save-model", str(model), "--kb", str(kb)])
    assert code == OUTPUT_ERROR
    assert_one_line_error(capsys.readouterr().err, str(model.parent), "--save-model")
