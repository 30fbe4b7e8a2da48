"""``kb import public-factchecks``: three sets, one transaction each, one sidecar rebuild."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsift.cli.main import cli
from factsift.store.base import open_store
from factsift.store.sqlite import SQLiteStore


def _public_data(root: Path) -> Path:
    """A tiny copy of the three public sets' layouts (two records each)."""
    task2 = root / "clef2022-checkthat-task2"
    snopes = task2 / "subtask-2a--english" / "vclaims"
    politifact = task2 / "subtask-2b--english" / "politifact-vclaims"
    snopes.mkdir(parents=True)
    politifact.mkdir(parents=True)
    for i, claim in enumerate(["5G towers spread the coronavirus.", "Bill Gates owns WHO."]):
        record = {"vclaim_id": f"vclaim-sno-c{i}", "vclaim": claim, "title": claim}
        (snopes / f"c{i}.json").write_text(json.dumps(record), encoding="utf-8")
    for i, claim in enumerate(["Mexico paid for the wall.", "Taxes doubled in 2019."]):
        record = {
            "vclaim_id": f"p{i}",
            "vclaim": claim,
            "truth_label": "false",
            "url": f"/factchecks/2019/jan/{i + 1}/x/",
        }
        (politifact / f"p{i}.json").write_text(json.dumps(record), encoding="utf-8")
    snopes2020 = root / "clef2020-checkthat-task2-en-snopes"
    snopes2020.mkdir()
    (snopes2020 / "verified_claims.docs.tsv").write_text(
        "\tvclaim\ttitle\n0\tThe moon landing was staged.\tMoon hoax?\n"
        "1\tBees are going extinct.\tBees?\n",
        encoding="utf-8",
    )
    return root


def test_factchecks_public_import_rebuilds_sidecar_once(
    kb_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTSIFT_DATA", str(_public_data(tmp_path / "data")))
    monkeypatch.setenv("FACTSIFT_CACHE", str(tmp_path / "cache"))
    calls: list[int] = []
    original = SQLiteStore.refresh_factcheck_index

    def counting(self: SQLiteStore) -> None:
        calls.append(self.factcheck_count())
        original(self)

    monkeypatch.setattr(SQLiteStore, "refresh_factcheck_index", counting)
    args = ["kb", "import", "public-factchecks", "--kb", str(kb_path), "--quiet"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert calls == [6]  # once, after all three sets
    for line in ("added 2, updated 0, unchanged 0", "checkthat-2020-2: added 2"):
        assert line in first.output
    store = open_store(kb_path)
    assert isinstance(store, SQLiteStore)
    generation = store.factcheck_generation()
    store.close()
    sidecar = kb_path.parent / f"{kb_path.name}.factchecks"
    assert [p.name for p in sidecar.glob("gen-*")] == [f"gen-{generation}"]

    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 0, second.output
    assert calls == [6]  # nothing changed: no rebuild
    assert second.output.count("added 0, updated 0, unchanged 2") == 3
