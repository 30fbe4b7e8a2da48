"""``factsift notes`` end to end: add, rate, score, show, list, JSON, history, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factsift.cli.main import main
from factsift.notes.model import Note, NoteRating, TargetKind
from factsift.notes.vocabulary import Classification, Helpfulness, tag_names
from factsift.store import notes_store, open_store
from notes_fixtures import camps_world

BAD_INPUT = 3


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = 0
    try:
        main(["notes", *args])
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _add(capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    code, out, err = run(
        capsys,
        "add",
        "--article",
        "https://news.example/dam",
        "--text",
        "The dam was not sold. https://gov.example/dam-records",
        "--reason",
        "factual-error",
        "--author",
        "alice",
        *extra,
    )
    assert code == 0, err
    return out.split()[-1]


def test_notes_cli_add_rate_show_and_list(
    kb_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note_id = _add(capsys, "--source", "https://archive.example/dam")
    code, out, _ = run(capsys, "rate", note_id, "--rater", "bob", "--helpfulness", "helpful",
                       "--tag", "good-sources", "--tag", "clear")  # fmt: skip
    assert code == 0 and "new rating" in out
    code, out, _ = run(capsys, "rate", note_id, "--rater", "bob", "--helpfulness", "not-helpful",
                       "--tag", "incorrect", "--json")  # fmt: skip
    assert json.loads(out)["replaced"] is True
    code, out, _ = run(capsys, "show", note_id, "--json")
    shown = json.loads(out)
    assert shown["sources"] == ["https://archive.example/dam", "https://gov.example/dam-records"]
    assert shown["classification"] == "misleading"
    assert shown["reasons"] == ["misleadingFactualError"]
    assert [(r["rater"], r["helpfulness"], r["tags"]) for r in shown["ratings"]] == [
        ("bob", "not_helpful", ["notHelpfulIncorrect"])
    ]
    assert shown["score"] is None
    code, out, _ = run(capsys, "list", "--json")
    assert [(n["id"], n["ratings"]) for n in json.loads(out)] == [(note_id, 1)]
    code, out, _ = run(capsys, "list")
    assert note_id in out and "not scored" in out


def _seed_camps(kb_path: Path) -> list[str]:
    """The hand-made camps matrix, stored as notes and ratings."""
    inp, names = camps_world()
    with open_store(kb_path) as store:
        notes = notes_store(store)
        with store.transaction():
            notes.upsert_notes(
                Note(
                    id=name,
                    target_kind=TargetKind.CLAIM,
                    target=f"claim {name}",
                    summary=f"context for {name} https://src.example/{name}",
                    sources=(f"https://src.example/{name}",),
                    classification=Classification.MISLEADING,
                    reasons=("misleadingFactualError",),
                    author="author",
                    created_at=int(inp.note_created[i]),
                )
                for i, name in enumerate(names)
            )
            levels = {1.0: Helpfulness.HELPFUL, 0.0: Helpfulness.NOT_HELPFUL}
            notes.upsert_note_ratings(
                NoteRating(
                    names[int(inp.rating_note[k])],
                    f"rater{int(inp.rating_rater[k])}",
                    levels[float(inp.rating_value[k])],
                    tag_names(int(inp.rating_tags[k])),
                    int(inp.rating_created[k]),
                )
                for k in range(inp.n_ratings)
            )
    return names


def test_notes_cli_score_writes_statuses_and_keeps_their_history(
    kb_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed_camps(kb_path)
    code, out, err = run(capsys, "score", "--json")
    assert code == 0, err
    scored = {n["note_id"]: n for n in json.loads(out)["notes"]}
    assert scored["bridging"]["status"] == "helpful"
    assert scored["bridging"]["intercept"] > 0.4
    assert abs(scored["one_sided"]["factor"]) > 0.5
    assert scored["one_sided"]["status"] == "needs_more_ratings"
    assert scored["bridging"]["tags"] == ["helpfulGoodSources", "helpfulClear"]
    # Camp B changes its mind about the bridging note: rescoring records the change.
    for rater in range(12, 24):
        rated = run(capsys, "rate", "bridging", "--rater", f"rater{rater}",
                    "--helpfulness", "not-helpful", "--tag", "missing-key-points")  # fmt: skip
        assert rated[0] == 0
    code, out, _ = run(capsys, "score")
    assert code == 0 and "status changes recorded" in out
    code, out, _ = run(capsys, "show", "bridging", "--json")
    shown = json.loads(out)
    assert shown["score"]["status"] != "helpful"
    history = [(h["old_status"], h["new_status"], h["rules"]) for h in shown["history"]]
    assert history == [
        (None, "helpful", "current"),
        ("helpful", shown["score"]["status"], "current"),
    ]
    code, out, _ = run(capsys, "show", "bridging")
    assert "-> helpful (current)" in out and "intercept" in out
    code, out, _ = run(capsys, "list", "--status", "needs-more-ratings", "--json")
    assert "bridging" in {n["id"] for n in json.loads(out)}


def test_notes_cli_score_with_the_2022_rules_records_them(
    kb_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed_camps(kb_path)
    code, out, _ = run(capsys, "score", "--rules", "core-2022", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["summary"]["rules"] == "core-2022"
    assert {n["rules"] for n in result["notes"]} == {"core-2022"}


def test_notes_cli_terminal_output_drops_control_characters(
    kb_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Fake \x1b]0;owned\x07 title \x1b[31mred https://x.example/a"
    code, out, _ = run(capsys, "add", "--claim", "c", "--text", text, "--reason", "other",
                       "--author", "mallory")  # fmt: skip
    assert code == 0
    note_id = out.split()[-1]
    _, out, _ = run(capsys, "show", note_id)
    assert "\x1b" not in out and "\x07" not in out and "title" in out
    _, out, _ = run(capsys, "show", note_id, "--json")
    assert json.loads(out)["text"] == text  # stored and returned as given


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "--claim", "c", "--text", "no link", "--reason", "other", "--author", "a"],
         "needs at least one source URL"),
        (["add", "--claim", "c", "--text", "t", "--source", "ftp://x", "--reason", "other",
          "--author", "a"], "not an http(s) URL"),
        (["add", "--claim", "c", "--article", "u", "--text", "t https://x.example",
          "--reason", "other", "--author", "a"], "exactly one"),
        (["add", "--claim", "c", "--text", "t https://x.example", "--author", "a"],
         "at least one --reason"),
        (["add", "--claim", "c", "--text", "t https://x.example", "--reason", "satire",
          "--classification", "not-misleading", "--author", "a"], "Unknown reason 'satire'"),
        (["add", "--claim", "c", "--text", "t https://x.example", "--reason", "other",
          "--classification", "maybe", "--author", "a"], "Unknown classification 'maybe'"),
        (["rate", "fs-missing", "--rater", "b", "--helpfulness", "helpful"],
         "No note 'fs-missing'"),
        (["show", "fs-missing"], "factsift notes list"),
        (["rate", "NOTE", "--rater", "b", "--helpfulness", "very"], "Unknown helpfulness 'very'"),
        (["rate", "NOTE", "--rater", "b", "--helpfulness", "helpful", "--tag", "incorrect"],
         "does not go with this helpfulness"),
        (["rate", "NOTE", "--rater", "b", "--helpfulness", "somewhat", "--tag", "other"],
         "ambiguous"),
        (["rate", "NOTE", "--rater", "alice", "--helpfulness", "helpful"],
         "authors do not rate their own notes"),
    ],
)  # fmt: skip
def test_notes_cli_bad_input_is_one_line_naming_the_fix(
    kb_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    note_id = _add(capsys)
    code, _, err = run(capsys, *[note_id if a == "NOTE" else a for a in args])
    lines = err.strip().splitlines()
    assert code == BAD_INPUT
    assert len(lines) == 1 and lines[0].startswith("factsift: error: ")
    assert message in lines[0]


def test_notes_cli_import_missing_folder_is_bad_input(
    kb_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "import", "birdwatch", str(tmp_path / "none"))
    assert code == 3  # ImportDataError is an InputError: the user named a missing folder
    assert "is not a folder" in err
