"""``factsift notes import birdwatch``: both column layouts, idempotent, bad rows named."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsift.errors import ImportDataError
from factsift.notes.importer import import_birdwatch
from factsift.notes.service import store_input
from factsift.notes.vocabulary import Classification, Helpfulness
from factsift.store import notes_store, open_store
from factsift.store.sqlite import SQLiteStore


def _columns(text: str) -> list[str]:
    return text.split()


# Headers exactly as in the 2021-03-25 dump (notes-00000.tsv, ratings-00000.tsv).
OLD_NOTES = _columns(
    "noteId participantId createdAtMillis tweetId classification believable harmful "
    "validationDifficulty misleadingOther misleadingFactualError misleadingManipulatedMedia "
    "misleadingOutdatedInformation misleadingMissingImportantContext "
    "misleadingUnverifiedClaimAsFact misleadingSatire notMisleadingOther "
    "notMisleadingFactuallyCorrect notMisleadingOutdatedButNotWhenWritten "
    "notMisleadingClearlySatire notMisleadingPersonalOpinion trustworthySources summary"
)
OLD_RATINGS = _columns(
    "noteId participantId createdAtMillis agree disagree helpful notHelpful helpfulOther "
    "helpfulInformative helpfulClear helpfulEmpathetic helpfulGoodSources helpfulUniqueContext "
    "notHelpfulOther notHelpfulIncorrect notHelpfulSourcesMissingOrUnreliable "
    "notHelpfulOpinionSpeculationOrBias notHelpfulMissingKeyPoints notHelpfulOutdated "
    "notHelpfulHardToUnderstand notHelpfulArgumentativeOrInflammatory notHelpfulOffTopic "
    "notHelpfulSpamHarassmentOrAbuse"
)
# Current layout (download-data.md): renamed participant columns, helpfulnessLevel, new tags.
NEW_NOTES = ["noteAuthorParticipantId" if c == "participantId" else c for c in OLD_NOTES] + [
    "isMediaNote"
]
NEW_RATINGS = _columns(
    "noteId raterParticipantId createdAtMillis version agree disagree helpful notHelpful "
    "helpfulnessLevel helpfulOther helpfulInformative helpfulClear helpfulEmpathetic "
    "helpfulGoodSources helpfulUniqueContext helpfulAddressesClaim helpfulImportantContext "
    "helpfulUnbiasedLanguage notHelpfulOther notHelpfulIncorrect "
    "notHelpfulSourcesMissingOrUnreliable notHelpfulOpinionSpeculationOrBias "
    "notHelpfulMissingKeyPoints notHelpfulOutdated notHelpfulHardToUnderstand "
    "notHelpfulArgumentativeOrBiased notHelpfulOffTopic notHelpfulSpamHarassmentOrAbuse "
    "notHelpfulIrrelevantSources notHelpfulOpinionSpeculation notHelpfulNoteNotNeeded "
    "ratedOnTweetId"
)
MISLEADING = "MISINFORMED_OR_POTENTIALLY_MISLEADING"


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    lines = ["\t".join(header)]
    lines += ["\t".join(row.get(column, "0") for column in header) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _old_dump(folder: Path) -> Path:
    folder.mkdir()
    author = {"participantId": "A1", "createdAtMillis": "1611861332737", "tweetId": "99"}
    _write(
        folder / "notes-00000.tsv",
        OLD_NOTES,
        [
            author
            | {
                "noteId": "1",
                "classification": MISLEADING,
                "misleadingFactualError": "1",
                "summary": "Not true: <b>see</b> https://a.example/x\x1b[31m",
            },
            author | {"noteId": "2", "classification": "NOT_MISLEADING", "summary": "fine"},
        ],
    )
    _write(
        folder / "ratings-00000.tsv",
        OLD_RATINGS,
        [
            {"noteId": "1", "participantId": "R1", "createdAtMillis": "1611861400000",
             "helpful": "1", "helpfulClear": "1", "helpfulGoodSources": "1"},
            {"noteId": "1", "participantId": "R2", "createdAtMillis": "1611861500000",
             "notHelpful": "1", "notHelpfulArgumentativeOrInflammatory": "1"},
            {"noteId": "1", "participantId": "R3", "createdAtMillis": "1611861600000"},
            {"noteId": "404", "participantId": "R1", "createdAtMillis": "1611861600000",
             "helpful": "1"},
        ],
    )  # fmt: skip
    return folder


def test_notes_importer_reads_the_2021_layout(tmp_path: Path) -> None:
    folder = _old_dump(tmp_path / "dump")
    with SQLiteStore(tmp_path / "kb.sqlite3") as store:
        result = import_birdwatch(store, folder)
        assert (result.notes.rows, result.notes.added) == (2, 2)
        # (0, 0) rows carry no rating; ratings of notes not in the dump are skipped.
        assert (result.ratings.rows, result.ratings.added, result.ratings.skipped) == (4, 2, 2)
        note = store.note("1")
        assert note is not None
        assert note.summary == "Not true: <b>see</b> https://a.example/x\x1b[31m"  # as given
        assert note.sources == ("https://a.example/x",)
        assert note.author == "A1" and note.target == "99"
        assert note.reasons == ("misleadingFactualError",)
        assert store.note("2").classification is Classification.NOT_MISLEADING  # type: ignore[union-attr]
        ratings = {r.rater: r for r in store.note_ratings("1")}
        assert ratings["R1"].helpfulness is Helpfulness.HELPFUL
        assert ratings["R1"].tags == ("helpfulGoodSources", "helpfulClear")
        assert ratings["R2"].tags == ("notHelpfulArgumentativeOrBiased",)


def test_notes_importer_twice_changes_nothing(tmp_path: Path) -> None:
    folder = _old_dump(tmp_path / "dump")
    with SQLiteStore(tmp_path / "kb.sqlite3") as store:
        import_birdwatch(store, folder)
        again = import_birdwatch(store, folder)
        assert (again.notes.added, again.notes.updated) == (0, 0)
        assert (again.ratings.added, again.ratings.updated) == (0, 0)
        assert store.stats()["note_ratings"] == 2


def test_notes_importer_reads_the_current_layout(tmp_path: Path) -> None:
    folder = tmp_path / "dump"
    folder.mkdir()
    _write(
        folder / "notes-00000.tsv",
        NEW_NOTES,
        [{"noteId": "7", "noteAuthorParticipantId": "A9", "createdAtMillis": "1700000000000",
          "tweetId": "5", "classification": MISLEADING, "summary": "x https://b.example"}],
    )  # fmt: skip
    rows = [
        {"noteId": "7", "raterParticipantId": "R1", "createdAtMillis": "1700000001000",
         "helpfulnessLevel": "SOMEWHAT_HELPFUL", "helpfulImportantContext": "1",
         "notHelpfulNoteNotNeeded": "1"},
        # helpfulnessLevel wins over the old binary columns when both are set.
        {"noteId": "7", "raterParticipantId": "R2", "createdAtMillis": "1700000002000",
         "helpful": "1", "helpfulnessLevel": "NOT_HELPFUL"},
        {"noteId": "7", "raterParticipantId": "R3", "createdAtMillis": "1700000003000",
         "helpfulnessLevel": "HELPFUL", "version": "2", "ratedOnTweetId": "5"},
    ]  # fmt: skip
    _write(folder / "ratings-00000.tsv", NEW_RATINGS, rows)
    with SQLiteStore(tmp_path / "kb.sqlite3") as store:
        result = import_birdwatch(store, folder)
        assert result.ratings.added == 3
        ratings = {r.rater: r for r in store.note_ratings("7")}
        assert store.note("7").author == "A9"  # type: ignore[union-attr]
        assert ratings["R1"].helpfulness is Helpfulness.SOMEWHAT_HELPFUL
        assert ratings["R1"].tags == ("helpfulImportantContext", "notHelpfulNoteNotNeeded")
        assert ratings["R2"].helpfulness is Helpfulness.NOT_HELPFUL
        assert store_input(store).rating_value.tolist() == [0.5, 0.0, 1.0]


def test_notes_importer_missing_column_names_it(tmp_path: Path) -> None:
    folder = tmp_path / "dump"
    folder.mkdir()
    _write(folder / "notes-00000.tsv", [c for c in OLD_NOTES if c != "classification"], [])
    with (
        SQLiteStore(tmp_path / "kb.sqlite3") as store,
        pytest.raises(ImportDataError, match="no column classification"),
    ):
        import_birdwatch(store, folder)


def test_notes_importer_strict_rejects_a_bad_row_and_imports_nothing(tmp_path: Path) -> None:
    folder = _old_dump(tmp_path / "dump")
    with (folder / "ratings-00000.tsv").open("a", encoding="utf-8") as handle:
        handle.write("1\tR9\n")
    with SQLiteStore(tmp_path / "kb.sqlite3") as store:
        with pytest.raises(ImportDataError, match=r"ratings-00000.tsv:6: 2 fields"):
            import_birdwatch(store, folder, strict=True)
        assert store.stats()["notes"] == 0
        loose = import_birdwatch(store, folder)
        assert loose.bad == ["ratings-00000.tsv:6: 2 fields, header has 23"]
        assert loose.ratings.added == 2


def test_notes_importer_folder_without_notes_names_the_fix(tmp_path: Path) -> None:
    with (
        SQLiteStore(tmp_path / "kb.sqlite3") as store,
        pytest.raises(ImportDataError, match=r"notes-00000\.tsv"),
    ):
        import_birdwatch(store, tmp_path)


@pytest.mark.data
def test_notes_importer_real_2021_dump_gives_the_published_filter_counts(
    data_dir: Path, tmp_path: Path
) -> None:
    from factsift.notes.scorer import score_notes

    folder = data_dir / "community-notes-birdwatch-2021" / "birdwatch-2021-03-25"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    with open_store(tmp_path / "kb.sqlite3") as store:
        notes = notes_store(store)
        result = import_birdwatch(notes, folder)
        assert (result.notes.added, result.ratings.added, result.ratings.skipped) == (
            4880,
            13300,
            259,
        )
        summary = score_notes(store_input(notes), "current").summary
    # SOURCE.txt: after the core pre-filters, 5,256 ratings, 627 notes, 204 raters.
    assert (summary["round_1"]["ratings"], summary["round_1"]["notes"]) == (5256, 627)
    assert summary["round_1"]["raters"] == 204
