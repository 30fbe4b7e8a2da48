"""The code stays ruff-clean and mypy-strict-clean: CI fails otherwise.

Training code (``training/``) is held to the same bar as ``src/``: mypy reads both from
``[tool.mypy] files`` in pyproject.toml.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ["src", "tests", "training"]
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = BIN / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[dev]')")
    return found


def test_code_quality_ruff_check_is_clean() -> None:
    done = subprocess.run(
        [_tool("ruff"), "check", *CHECKED], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_code_quality_ruff_format_is_clean() -> None:
    done = subprocess.run(
        [_tool("ruff"), "format", "--check", *CHECKED],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_code_quality_mypy_strict_is_clean() -> None:
    done = subprocess.run([_tool("mypy")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_code_quality_mypy_checks_training() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "training" in config["tool"]["mypy"]["files"]
