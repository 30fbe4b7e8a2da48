"""Shared fixtures: paths to ../shared (read-only), temporary stores."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FACTSIFT_SHARED", ROOT.parent / "shared"))
DATA = Path(os.environ.get("FACTSIFT_DATA", SHARED / "data"))
ACCEPTANCE = SHARED / "acceptance" / "peoples-voice-tikrit.txt"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The public data sets; tests that need them skip when they are absent."""
    if not DATA.is_dir():
        pytest.skip(f"public data not found at {DATA} (set FACTSIFT_DATA)")
    return DATA


@pytest.fixture(scope="session")
def acceptance_path() -> Path:
    if not ACCEPTANCE.is_file():
        pytest.skip(f"acceptance article not found at {ACCEPTANCE}")
    return ACCEPTANCE


@pytest.fixture()
def kb_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh store path; also set as FACTSIFT_KB so the CLI never touches the user's."""
    path = tmp_path / "kb.sqlite3"
    monkeypatch.setenv("FACTSIFT_KB", str(path))
    return path


@pytest.fixture(autouse=True)
def _isolated_store(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test writes to the user's data or cache directory."""
    if "FACTSIFT_KB" not in os.environ:
        monkeypatch.setenv("FACTSIFT_KB", str(tmp_path_factory.mktemp("kb") / "kb.sqlite3"))
    if "FACTSIFT_CACHE" not in os.environ:
        monkeypatch.setenv("FACTSIFT_CACHE", str(tmp_path_factory.mktemp("cache")))
