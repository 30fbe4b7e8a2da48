"""``factsift check`` on bad input: a non-zero exit and one line on stderr, no traceback."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

INPUT_ERROR, FETCH_ERROR = 3, 4


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factsift", "check", "--no-kb", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def make(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


CASES = {
    "missing": (lambda tmp: [str(tmp / "absent.html")], INPUT_ERROR, "No such file"),
    "binary": (
        lambda tmp: [make(tmp, "photo.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)],
        INPUT_ERROR,
        "PNG image",
    ),
    "too large": (
        lambda tmp: ["--max-bytes", "100", make(tmp, "long.txt", b"Long story\n\n" + b"a " * 500)],
        INPUT_ERROR,
        "limit of 100 bytes",
    ),
    "empty": (lambda tmp: [make(tmp, "empty.txt", b"")], INPUT_ERROR, "No text found"),
    "undecodable": (
        lambda tmp: [make(tmp, "garbled.txt", bytes(range(128, 256)) * 4)],
        INPUT_ERROR,
        "Cannot decode",
    ),
    "refused url": (lambda tmp: ["http://127.0.0.1:9/story"], FETCH_ERROR, "loopback"),
    "network failure": (
        lambda tmp: ["--allow-private", f"http://127.0.0.1:{closed_port()}/story"],
        FETCH_ERROR,
        "failed",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_ingest_cli_bad_input_one_line_error(tmp_path: Path, case: str) -> None:
    make_args, code, words = CASES[case]
    result = run_check(*make_args(tmp_path))
    lines = result.stderr.strip().splitlines()
    assert result.returncode == code, result.stderr
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("factsift: error: ")
    assert words in lines[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_ingest_cli_check_stdin_end_to_end() -> None:
    """Standard input and --url reach the pipeline (the one success run: it loads spaCy)."""
    story = "Ferry timetable changes\n\nBy Ola Nordmann\n\nThe ferry leaves at seven from May.\n"
    result = subprocess.run(
        [sys.executable, "-m", "factsift", "check", "--no-kb", "--format", "json",
         "--url", "https://harbour.example/ferry", "-"],
        input=story,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)["article"]
    assert (article["title"], article["authors"]) == ("Ferry timetable changes", ["Ola Nordmann"])
    assert article["url"] == "https://harbour.example/ferry"
    assert article["text"] == story
