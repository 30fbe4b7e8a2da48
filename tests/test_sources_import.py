"""Rating-list importers: observed values only, idempotent, transactional, bad rows named."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from factsift.cli.main import cli
from factsift.errors import ImportDataError
from factsift.sources.importers import import_parsed, lin2023
from factsift.sources.importers.generic import parse
from factsift.sources.rebrands import curated_links
from factsift.store import open_store

LIN_HEADER = (
    "domain,pc1,afm,afm_bias,afm_min,afm_rely,fc,mbfc,mbfc_bias,mbfc_fact,mbfc_min,"
    "lewandowsky_acc,lewandowsky_trans,lewandowsky_rely,lewandowsky_mean,lewandowsky_min,"
    "misinfome_bin\n"
)


def _lin_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "lin"
    folder.mkdir()
    (folder / "domain_ratings.csv").write_text(
        LIN_HEADER
        + "good.com,0.9,0.8123456789,0,0,0,0.6665797233,0.9,0,0,0,1,1,1,1,1,1\n"
        + "not a domain,0.5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\n"
        + "bad.com,0.1,0.2824,0,0,0,0.0659,0.3333,0,0,0,0,0,0,0,0,0\n",
        encoding="utf-8",
    )
    return folder


def test_sources_import_lin2023_keeps_observed_rater_values_only(tmp_path: Path) -> None:
    parsed = lin2023.parse(_lin_folder(tmp_path))
    raters = {(r.domain, r.rater) for r in parsed.ratings}
    # good.com: afm and fc are imputed (full float precision), mbfc and Lasser observed.
    assert ("good.com", "adfontes") not in raters
    assert ("good.com", "factcheckers") not in raters
    assert {("good.com", "mbfc"), ("good.com", "lasser2022"), ("good.com", "lin2023-pc1")} <= raters
    assert ("bad.com", "adfontes") in raters and ("bad.com", "factcheckers") in raters
    assert [str(b) for b in parsed.bad_rows] == [
        "domain_ratings.csv:3: 'not a domain' is not a domain"
    ]


def test_sources_import_twice_changes_nothing(tmp_path: Path, kb_path: Path) -> None:
    folder = _lin_folder(tmp_path)
    with open_store(kb_path) as store:
        import_parsed(store, [lin2023.parse(folder)])
        first = store.stats()
        import_parsed(store, [lin2023.parse(folder)])
        assert store.stats() == first
        assert first["ratings"] == 8 and first["rating_lists"] == 1
        assert first["domain_links"] == len(curated_links())


def test_sources_import_failure_leaves_store_unchanged(tmp_path: Path, kb_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("site,rating\nexample.com,ok\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("host,rating\nexample.org,ok\n", encoding="utf-8")
    with open_store(kb_path) as store:
        ok = parse(
            good,
            list_name="mine",
            mapping={"domain": "site", "label": "rating"},
            labels={"ok": 0.85},
            score_range=None,
        )
        import_parsed(store, [ok])
        before = store.stats()
        with pytest.raises(ImportDataError, match="missing column"):
            wrong = parse(
                bad, list_name="mine", mapping={"domain": "site"}, labels={}, score_range=None
            )
            import_parsed(store, [wrong])
        assert store.stats() == before
        [rating] = list(store.iter_ratings("mine"))
        assert (rating.domain, rating.raw_label, rating.value) == ("example.com", "ok", 0.85)


def test_sources_import_ratings_csv_command_maps_columns(tmp_path: Path, kb_path: Path) -> None:
    path = tmp_path / "scores.csv"
    path.write_text("site,score,title\nwww.example.com,80,Example Daily\nnope,1,x\n", "utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "kb",
            "import",
            "ratings-csv",
            str(path),
            "--list",
            "scores",
            "--map",
            "domain=site",
            "--map",
            "score=score",
            "--map",
            "name=title",
            "--score-range",
            "0:100",
            "--kb",
            str(kb_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "1 bad rows" in result.output and "scores.csv:3" in result.output
    with open_store(kb_path) as store:
        [rating] = list(store.iter_ratings("scores"))
        assert rating.domain == "example.com" and rating.value == pytest.approx(0.8)
        assert store.find_sources_by_name("Example Daily")[0].domain == "example.com"


def test_sources_rebrands_every_entry_cites_evidence() -> None:
    links = curated_links()
    assert links
    for link in links:
        assert (
            len(link.evidence) > 40 and link.evidence_url and link.evidence_url.startswith("http")
        )


@pytest.mark.data
def test_sources_import_hearvox_command_twice_is_idempotent(data_dir: Path, kb_path: Path) -> None:
    folder = data_dir / "unreliable-news-site-lists-hearvox"
    args = ["kb", "import", "hearvox", str(folder), "--kb", str(kb_path)]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "hearvox-politifact: 324 ratings" in first.output
    assert "politifact-2017-11.csv:269" in first.output  # 'TopInfoPost.con', reported
    with open_store(kb_path) as store:
        before = store.stats()
    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 0, second.output
    with open_store(kb_path) as store:
        assert store.stats() == before


def test_sources_import_missing_folder_names_the_fix(tmp_path: Path, kb_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["kb", "import", "mbfc", str(tmp_path / "nowhere"), "--kb", str(kb_path)]
    )
    assert result.exit_code != 0
    assert "FACTSIFT_DATA" in str(result.exception) or "FACTSIFT_DATA" in result.output


def test_sources_import_ratings_csv_map_comma_separated_as_in_readme(
    tmp_path: Path, kb_path: Path
) -> None:
    """The README's form: ``--map domain=site,score=rating`` (issue 20, D10)."""
    path = tmp_path / "list.csv"
    path.write_text("site,rating,title\nwww.example.com,80,Example Daily\n", "utf-8")
    args = ["kb", "import", "ratings-csv", str(path), "--list", "mylist"]
    mapping = ["--map", "domain=site,score=rating", "--map", "name=title"]
    result = CliRunner().invoke(
        cli, [*args, *mapping, "--score-range", "0:100", "--kb", str(kb_path)]
    )
    assert result.exit_code == 0, result.output
    with open_store(kb_path) as store:
        [rating] = list(store.iter_ratings("mylist"))
        assert rating.domain == "example.com" and rating.value == pytest.approx(0.8)
        assert store.find_sources_by_name("Example Daily")[0].domain == "example.com"
