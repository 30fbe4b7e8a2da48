"""Importers: ClaimReview (HTML JSON-LD, JSON lists, Google API), CSV/TSV, bad records,
--strict, idempotence and all-or-nothing transactions, through the library and the CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli_checks import BAD_INPUT, assert_one_line_error, run_main, snapshot
from factsift.cli.main import cli
from factsift.errors import ImportDataError
from factsift.factchecks.importers import claimreview, run_import
from factsift.factchecks.importers.base import BadRecord, parse_date
from factsift.factchecks.importers.claimreview import read_claimreview
from factsift.factchecks.importers.tabular import parse_mapping, read_table
from factsift.factchecks.models import FactCheck
from factsift.factchecks.verdicts import Verdict
from factsift.store.base import open_store

REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://factcheck.example/moon-cheese",
    "claimReviewed": "The moon is made of cheese.",
    "datePublished": "2021-03-04",
    "author": {"@type": "Organization", "name": "Example Checks"},
    "itemReviewed": {"@type": "Claim", "author": {"name": "A. Blogger"}},
    "reviewRating": {"@type": "Rating", "alternateName": "Pants on Fire"},
}

PAGE = """<html><head>
<script type="application/ld+json">{review}</script>
<script type="application/ld+json">
{{"@type": "ClaimReview", "claimReviewed": "broken"
</script>
</head><body>text</body></html>
"""

GOOGLE = {
    "claims": [
        {
            "text": "Drinking bleach cures the flu",
            "claimant": "Social media posts",
            "claimDate": "2020-01-02T00:00:00Z",
            "claimReview": [
                {
                    "publisher": {"name": "Health Check", "site": "healthcheck.example"},
                    "url": "https://healthcheck.example/bleach",
                    "title": "No, bleach does not cure the flu",
                    "reviewDate": "2020-01-05T00:00:00Z",
                    "textualRating": "False",
                    "languageCode": "en",
                }
            ],
        },
        {"claimant": "nobody"},
    ]
}


def _items(paths: list[Path]) -> tuple[list[FactCheck], list[BadRecord]]:
    items = list(read_claimreview(paths))
    return (
        [i for i in items if isinstance(i, FactCheck)],
        [i for i in items if isinstance(i, BadRecord)],
    )


def test_importers_claimreview_html_reports_bad_block_with_line(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(review=json.dumps(REVIEW)), encoding="utf-8")
    good, bad = _items([tmp_path])
    assert len(good) == 1
    record = good[0]
    assert record.claim == "The moon is made of cheese."
    assert record.rating == "Pants on Fire"
    assert record.verdict is Verdict.FALSE
    assert record.publisher == "Example Checks"
    assert record.claimant == "A. Blogger"
    assert record.review_date == "2021-03-04"
    assert len(bad) == 1
    assert bad[0].file == str(page)
    assert bad[0].line == 5  # the broken block (lines 3-4) ends unclosed at line 5
    assert "malformed JSON" in bad[0].reason


def test_importers_claimreview_json_list_lines_and_missing_fields(tmp_path: Path) -> None:
    broken = {"@type": "ClaimReview", "url": "https://x.example/2"}
    file = tmp_path / "reviews.json"
    file.write_text(json.dumps([REVIEW, broken], indent=1), encoding="utf-8")
    good, bad = _items([file])
    assert [g.url for g in good] == ["https://factcheck.example/moon-cheese"]
    assert len(bad) == 1 and "claimReviewed" in bad[0].reason
    line = bad[0].line
    assert line is not None
    assert file.read_text().splitlines()[line - 1].strip() == "{"


def test_importers_google_fact_check_response(tmp_path: Path) -> None:
    file = tmp_path / "search.json"
    file.write_text(json.dumps(GOOGLE), encoding="utf-8")
    good, bad = _items([file])
    assert len(good) == 1
    record = good[0]
    assert record.publisher == "Health Check"
    assert record.claim_date == "2020-01-02" and record.review_date == "2020-01-05"
    assert record.verdict is Verdict.FALSE and record.rating == "False"
    assert len(bad) == 1 and "claims[1]" in bad[0].reason


def test_importers_wrong_encoding_is_a_bad_record(tmp_path: Path) -> None:
    file = tmp_path / "latin.json"
    file.write_bytes(b'{"@type": "ClaimReview",\n "claimReviewed": "caf\xe9"}')
    good, bad = _items([file])
    assert good == []
    assert bad[0].line == 2 and "UTF-8" in bad[0].reason


def test_importers_csv_mapping_and_bad_lines(tmp_path: Path) -> None:
    file = tmp_path / "checks.csv"
    file.write_bytes(
        b"Statement,Verdict,Link,Outlet,When\n"
        b'"Vaccines contain microchips",pants-fire,https://a.example/1,PolitiFact,"May 3, 2021"\n'
        b"caf\xe9 claim,false,https://a.example/2,X,2021-01-01\n"
        b",true,https://a.example/3,X,2021-01-01\n"
        b"too,many,fields,here,x,y\n"
    )
    mapping = parse_mapping(
        "claim=Statement,rating=Verdict,url=Link,publisher=Outlet,review_date=When"
    )
    items = list(read_table(file, mapping))
    good = [i for i in items if isinstance(i, FactCheck)]
    bad = [i for i in items if isinstance(i, BadRecord)]
    assert len(good) == 1
    assert good[0].verdict is Verdict.FALSE and good[0].review_date == "2021-05-03"
    assert good[0].key == "https://a.example/1"
    assert sorted(b.line for b in bad if b.line) == [3, 4, 5]
    with pytest.raises(ImportDataError, match="--map"):
        parse_mapping("claimz=Statement")
    with pytest.raises(ImportDataError, match="no column"):
        list(read_table(file, parse_mapping("claim=Nope")))


def test_importers_parse_date_formats() -> None:
    assert parse_date("25 February 2020") == "2020-02-25"
    assert parse_date("stated on July 13, 2010 in an interview:") == "2010-07-13"
    assert parse_date("2019-11-21T10:00:00Z") == "2019-11-21"
    assert parse_date("someday") is None


def _records(n: int) -> list[FactCheck]:
    return [
        FactCheck(key=f"k{i}", collection="test", claim=f"Claim number {i} about taxes")
        for i in range(n)
    ]


def test_importers_idempotent_and_updates(kb_path: Path) -> None:
    with open_store(kb_path) as store:
        first = run_import(store, "t", _records(5), embed=False, show_progress=False)
        again = run_import(store, "t", _records(5), embed=False, show_progress=False)
        changed = _records(5)
        changed[0] = FactCheck(key="k0", collection="test", claim="A new text", rating="false")
        third = run_import(store, "t", changed, embed=False, show_progress=False)
        assert store.factcheck_count() == 5
    assert (first.added, first.unchanged) == (5, 0)
    assert (again.added, again.unchanged, again.updated) == (0, 5, 0)
    assert "added 0, updated 0, unchanged 5" in again.summary()
    assert (third.updated, third.unchanged) == (1, 4)


def test_importers_strict_aborts_whole_import(kb_path: Path) -> None:
    items: list[FactCheck | BadRecord] = [*_records(3), BadRecord("f.json", 7, "broken")]
    with open_store(kb_path) as store:
        with pytest.raises(ImportDataError, match=r"f\.json:7.*nothing of it was written"):
            run_import(store, "t", items, strict=True, embed=False, show_progress=False)
        assert store.factcheck_count() == 0
        result = run_import(store, "t", items, embed=False, show_progress=False)
        assert result.added == 3 and [str(b) for b in result.bad] == ["f.json:7: broken"]


def test_importers_error_inside_import_rolls_back(kb_path: Path) -> None:
    def explode() -> object:
        yield from _records(4)
        raise RuntimeError("disk on fire")

    with open_store(kb_path) as store:
        run_import(store, "before", _records(2), embed=False, show_progress=False)
        with pytest.raises(RuntimeError):
            run_import(store, "t", explode(), embed=False, show_progress=False)  # type: ignore[arg-type]
        assert store.factcheck_count() == 2


KILL_SCRIPT = """
import sys, time
from pathlib import Path
from factsift.factchecks.importers import claimreview, run_import
from factsift.factchecks.models import FactCheck
from factsift.store.base import open_store

def items():
    for i in range(100000):
        if i == 500:
            Path(sys.argv[2]).write_text("halfway")
            time.sleep(60)
        yield FactCheck(key=f"kill{i}", collection="kill", claim=f"Claim {i}")

with open_store(sys.argv[1]) as store:
    run_import(store, "kill", items(), embed=False, show_progress=False)
"""


def test_importers_killed_import_leaves_store_consistent(kb_path: Path, tmp_path: Path) -> None:
    with open_store(kb_path) as store:
        run_import(store, "before", _records(3), embed=False, show_progress=False)
    marker = tmp_path / "halfway"
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(kb_path), str(marker)])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert marker.exists(), "the import did not reach its halfway point"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    with open_store(kb_path) as store:
        assert store.factcheck_count() == 3
        assert store.factcheck_count("kill") == 0


def test_importers_cli_claimreview_twice_says_unchanged(kb_path: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(review=json.dumps(REVIEW)), encoding="utf-8")
    runner = CliRunner()
    args = [
        "kb",
        "import",
        "claimreview",
        str(page),
        "--kb",
        str(kb_path),
        "--quiet",
        "--no-vectors",
    ]
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "added 1, updated 0, unchanged 0, bad 1" in first.output
    assert f"{page}:5: malformed JSON" in first.output
    second = runner.invoke(cli, args)
    assert "added 0, updated 0, unchanged 1, bad 1" in second.output
    strict = runner.invoke(cli, [*args, "--strict"])
    assert strict.exit_code != 0


# -- hostile input through the CLI: bad records or one line, never a traceback (issue 20) ---

DEEP = "[" * 100_000 + "]" * 100_000


def _claimreview_cli(*args: str) -> int:
    return run_main(["kb", "import", "claimreview", *args, "--no-vectors", "--quiet"])


def test_importers_claimreview_deep_json_is_a_bad_record(
    tmp_path: Path, kb_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps([REVIEW]), encoding="utf-8")
    deep = tmp_path / "deep.json"
    deep.write_text(DEEP, encoding="utf-8")
    page = tmp_path / "deep.html"
    page.write_text(f'<script type="application/ld+json">{DEEP}</script>', encoding="utf-8")
    code = _claimreview_cli(str(good), str(deep), str(page), "--kb", str(kb_path))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "added 1" in captured.out
    bad = captured.err.strip().splitlines()
    assert len(bad) == 2 and all("nested too deeply" in line for line in bad), bad
    assert f"{deep}:1" in bad[0] and f"{page}:1" in bad[1]


def test_importers_claimreview_deep_json_strict_is_one_line(
    tmp_path: Path, kb_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps([REVIEW]), encoding="utf-8")
    assert _claimreview_cli(str(good), "--kb", str(kb_path)) == 0
    before = snapshot(kb_path)
    deep = tmp_path / "deep.json"
    deep.write_text(DEEP, encoding="utf-8")
    capsys.readouterr()
    assert _claimreview_cli(str(deep), "--strict", "--kb", str(kb_path)) == BAD_INPUT
    assert_one_line_error(capsys.readouterr().err, str(deep), "nested too deeply")
    assert snapshot(kb_path) == before and before[1] == "ok"


def test_importers_claimreview_nesting_is_walked_without_recursion() -> None:
    """Lists and names nested deeper than Python's recursion limit (json.loads stops short
    of it, but a ClaimReview inside 5,000 lists is still found, with its author)."""
    review: object = {**REVIEW, "author": {"name": "Example Checks"}}
    nested: object = review
    author: object = "Deep Author"
    for _ in range(5_000):
        nested = [nested]
        author = [author]
    found = list(claimreview._flatten(nested))
    assert found == [review]
    assert claimreview._name(author) == "Deep Author"


def test_importers_claimreview_folder_with_symlink_loops(
    tmp_path: Path, kb_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reviews"
    (folder / "sub").mkdir(parents=True)
    (folder / "archive.json").mkdir()  # a folder named like a file: walked, not read
    (folder / "archive.json" / "a.json").write_text(json.dumps(REVIEW), encoding="utf-8")
    (folder / "loop.json").symlink_to("loop.json")  # ELOOP when read
    (folder / "gone.json").symlink_to("nowhere.json")
    (folder / "sub" / "up").symlink_to("..")  # a cycle when followed
    code = _claimreview_cli(str(folder), "--kb", str(kb_path))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "added 1, updated 0, unchanged 0, bad 2" in captured.out
    assert "loop.json" in captured.err and "gone.json" in captured.err
    assert "symbolic link" in captured.err


def test_importers_claimreview_symlink_loop_given_as_path(
    tmp_path: Path, kb_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to("loop.json")
    assert _claimreview_cli(str(loop), "--kb", str(kb_path)) == BAD_INPUT
    assert_one_line_error(capsys.readouterr().err, str(loop), "symbolic link")


def test_importers_checkthat_folder_with_symlink_loop(
    tmp_path: Path, kb_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = tmp_path / "vclaims"
    claims.mkdir()
    claim = {"vclaim_id": "vclaim-sno-moon-cheese", "vclaim": "The moon is made of cheese."}
    (claims / "a.json").write_text(json.dumps(claim), encoding="utf-8")
    (claims / "b.json").write_text('{"vclaim": ' + DEEP + "}", encoding="utf-8")
    (claims / "loop.json").symlink_to("loop.json")
    args = ["kb", "import", "checkthat-2022-2a", str(tmp_path), "--no-vectors", "--quiet"]
    code = run_main([*args, "--kb", str(kb_path)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "added 1, updated 0, unchanged 0, bad 2" in captured.out
    assert "nested too deeply" in captured.err and "symbolic link" in captured.err


def test_importers_csv_map_repeated_or_comma_separated(
    tmp_path: Path, kb_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "checks.csv"
    file.write_text("Statement,Verdict\nVaccines contain microchips,false\n", encoding="utf-8")
    base = ["kb", "import", "factchecks-csv", str(file), "--no-vectors", "--quiet"]
    repeated = ["--map", "claim=Statement", "--map", "rating=Verdict"]
    assert run_main([*base, *repeated, "--kb", str(kb_path)]) == 0, capsys.readouterr().err
    comma = ["--map", "claim=Statement,rating=Verdict"]
    assert run_main([*base, *comma, "--kb", str(kb_path)]) == 0
    assert "unchanged 1" in capsys.readouterr().out  # the same record both ways
    with open_store(kb_path) as store:
        [check] = store.factchecks_by_id([1]).values()
    assert (check.claim, check.rating) == ("Vaccines contain microchips", "false")
