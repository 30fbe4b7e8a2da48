from __future__ import annotations

from pathlib import Path

import pytest

from factsift.errors import StoreError
from factsift.store import open_store


def test_store_sqlite_migrations_are_recorded_once(kb_path: Path) -> None:
    with open_store(kb_path) as store:
        first = store.applied_migrations()  # type: ignore[attr-defined]
    with open_store(kb_path) as store:
        assert store.applied_migrations() == first  # type: ignore[attr-defined]
    assert first and first[0] == "0001_core.sql"


def test_store_sqlite_failed_transaction_leaves_store_unchanged(kb_path: Path) -> None:
    with open_store(kb_path) as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.add_source("example.com", "Example", [], "test")  # type: ignore[attr-defined]
            raise RuntimeError("boom")
        assert store.stats()["sources"] == 0


def test_store_sqlite_finds_source_by_name_and_alias(kb_path: Path) -> None:
    with open_store(kb_path) as store:
        with store.transaction():
            store.add_source("thepeoplesvoice.tv", "The People's Voice", ["YourNewsWire"], "test")  # type: ignore[attr-defined]
        match = store.find_sources_by_name("The People\u2019s Voice Community")
        assert match and match[0].domain == "thepeoplesvoice.tv"
        assert store.find_sources_by_name("Some Unknown Outlet") == []


def test_store_open_missing_without_create_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="kb import"):
        open_store(tmp_path / "missing.sqlite3", create=False)


def test_store_unknown_scheme_is_rejected() -> None:
    with pytest.raises(StoreError, match="Unknown store type"):
        open_store("redis://localhost/0")
