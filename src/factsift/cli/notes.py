"""``factsift notes``: add notes to articles and claims, rate them, score them, import."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import click

from factsift.cli.options import kb_option
from factsift.notes.rules import RULE_SETS
from factsift.notes.vocabulary import NoteStatus
from factsift.store.base import NotesStore

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def _open(kb_path: Path | None) -> tuple[Any, NotesStore]:
    from factsift.settings import default_kb_path
    from factsift.store.base import notes_store, open_store

    store = open_store(kb_path or default_kb_path())
    return store, notes_store(store)


def _text(value: object) -> str:
    """Stored text for the terminal: hidden and control characters shown as markers (no
    escape sequences), right-to-left runs isolated, as the reports do."""
    from factsift.report.untrusted import isolated, visible

    return isolated(visible("" if value is None else str(value)))


def _echo_json(value: object) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:+.3f}"


@click.group("notes")
def notes_group() -> None:
    """Community notes on articles and claims: add, rate, score by bridging, import.

    A note is shown as helpful only when raters who usually disagree both rate it helpful
    (the Community Notes algorithm; docs/notes.md).
    """


@notes_group.command("add")
@click.option("--article", help="URL or id of the article the note is about.")
@click.option("--claim", help="Text of the claim the note is about.")
@click.option("--text", "text", required=True, help="The note: context a reader should know.")
@click.option(
    "--source", "sources", multiple=True, help="URL of a source (repeat; at least one needed)."
)
@click.option(
    "--classification",
    default="misleading",
    show_default=True,
    help="misleading or not-misleading: what the note says of its target.",
)
@click.option(
    "--reason",
    "reasons",
    multiple=True,
    help="Why (repeat): factual-error, missing-important-context, unverified-claim-as-fact, "
    "outdated-information, manipulated-media, satire, other; for not-misleading notes: "
    "factually-correct, outdated-but-not-when-written, clearly-satire, personal-opinion, other.",
)
@click.option("--author", required=True, help="Who writes the note (a participant id).")
@kb_option
@json_option
def add_command(
    article: str | None,
    claim: str | None,
    text: str,
    sources: tuple[str, ...],
    classification: str,
    reasons: tuple[str, ...],
    author: str,
    kb_path: Path | None,
    as_json: bool,
) -> None:
    """Add a note on an article or a claim; prints its id."""
    from factsift.notes.model import note_dict
    from factsift.notes.service import add_note, new_note

    note = new_note(
        article=article,
        claim=claim,
        text=text,
        sources=sources,
        classification=classification,
        reasons=reasons,
        author=author,
    )
    store, notes = _open(kb_path)
    with store:
        add_note(notes, note)
    if as_json:
        _echo_json(note_dict(note))
    else:
        click.echo(f"added note {note.id}")


@notes_group.command("rate")
@click.argument("note_id")
@click.option("--rater", required=True, help="Who rates (a participant id).")
@click.option("--helpfulness", required=True, help="helpful, somewhat-helpful or not-helpful.")
@click.option(
    "--tag",
    "tags",
    multiple=True,
    help="Why (repeat). Helpful: clear, good-sources, addresses-claim, important-context, "
    "unbiased-language, other. Not helpful: incorrect, sources-missing-or-unreliable, "
    "irrelevant-sources, missing-key-points, hard-to-understand, argumentative-or-biased, "
    "opinion-speculation, note-not-needed, spam-harassment-or-abuse, other.",
)
@kb_option
@json_option
def rate_command(
    note_id: str,
    rater: str,
    helpfulness: str,
    tags: tuple[str, ...],
    kb_path: Path | None,
    as_json: bool,
) -> None:
    """Rate a note; a rater's new rating of the same note replaces the old one."""
    from factsift.notes.model import rating_dict
    from factsift.notes.service import rate_note

    store, notes = _open(kb_path)
    with store:
        rating, replaced = rate_note(notes, note_id, rater, helpfulness, tags)
    if as_json:
        _echo_json(rating_dict(rating) | {"replaced": replaced})
        return
    what = "replaced the earlier rating" if replaced else "new rating"
    click.echo(
        f"rated note {_text(note_id)} {rating.helpfulness.value.replace('_', ' ')} "
        f"by {_text(rater)} ({what})"
    )


@notes_group.command("list")
@click.option(
    "--status",
    type=click.Choice(["helpful", "not-helpful", "needs-more-ratings"]),
    help="Only notes with this status (from the latest 'factsift notes score').",
)
@click.option("--target", help="Only notes on this article URL or id, or claim text.")
@click.option("--limit", default=50, show_default=True, help="Notes shown, newest first.")
@kb_option
@json_option
def list_command(
    status: str | None, target: str | None, limit: int, kb_path: Path | None, as_json: bool
) -> None:
    """List notes, newest first, with their status and number of ratings."""
    from factsift.notes.model import note_dict, score_dict

    store, notes = _open(kb_path)
    with store:
        listings = notes.list_notes(
            target=target,
            status=None if status is None else status.replace("-", "_"),
            limit=limit,
        )
    if as_json:
        _echo_json(
            [
                note_dict(item.note)
                | {
                    "ratings": item.ratings,
                    "score": None if item.score is None else score_dict(item.score),
                }
                for item in listings
            ]
        )
        return
    for item in listings:
        label = "not scored" if item.score is None else item.score.status.label
        summary = " ".join(_text(item.note.summary).split())
        if len(summary) > 70:
            summary = summary[:69] + "…"
        click.echo(f"{item.note.id}  {label:<18} {item.ratings:>4} ratings  {summary}")
    if not listings:
        click.echo("no notes")


@notes_group.command("show")
@click.argument("note_id")
@kb_option
@json_option
def show_command(note_id: str, kb_path: Path | None, as_json: bool) -> None:
    """Show a note: text, sources, ratings, status with its intercept and factor, history."""
    from factsift.notes.model import change_dict, iso_time, note_dict, rating_dict, score_dict
    from factsift.notes.service import require_note
    from factsift.notes.vocabulary import display_tag

    store, notes = _open(kb_path)
    with store:
        note = require_note(notes, note_id)
        ratings = notes.note_ratings(note_id)
        score = notes.note_score(note_id)
        history = notes.note_status_history(note_id)
    if as_json:
        _echo_json(
            note_dict(note)
            | {
                "score": None if score is None else score_dict(score),
                "ratings": [rating_dict(r) for r in ratings],
                "history": [change_dict(c) for c in history],
            }
        )
        return
    click.echo(f"note {note.id} on {note.target_kind.value}: {_text(note.target)}")
    reasons = ", ".join(display_tag(r) for r in note.reasons) or "-"
    click.echo(
        f"by {_text(note.author)}, {iso_time(note.created_at)}; "
        f"{note.classification.value.replace('_', ' ')} ({reasons})"
    )
    click.echo("")
    click.echo(_text(note.summary))
    click.echo("")
    for source in note.sources:
        click.echo(f"source: {_text(source)}")
    levels = Counter(r.helpfulness.value.replace("_", " ") for r in ratings)
    counts = ", ".join(f"{name} {count}" for name, count in sorted(levels.items()))
    click.echo(f"ratings: {len(ratings)}" + (f" ({counts})" if counts else ""))
    if score is None:
        click.echo("status: not scored yet (run 'factsift notes score')")
    else:
        tags = ", ".join(display_tag(t) for t in (score.first_tag, score.second_tag) if t)
        click.echo(
            f"status: {score.status.label} (rule {score.rule}; intercept "
            f"{_number(score.intercept)}, factor {_number(score.factor)}; rules {score.rules})"
            + (f"; why: {tags}" if tags else "")
        )
    for change in history:
        old = "-" if change.old_status is None else change.old_status.label
        click.echo(
            f"  {iso_time(change.changed_at)}  {old} -> {change.new_status.label} ({change.rules})"
        )


@notes_group.command("score")
@click.option(
    "--rules",
    type=click.Choice(sorted(RULE_SETS)),
    default="current",
    show_default=True,
    help="Status rules: 'current' (published Core scorer) or 'core-2022' (its minimal core).",
)
@click.option("--seed", default=0, show_default=True, help="Seed of the factor initialisation.")
@kb_option
@json_option
def score_command(rules: str, seed: int, kb_path: Path | None, as_json: bool) -> None:
    """Score every note by bridging and save the statuses (history keeps the changes)."""
    from factsift.notes.model import change_dict, score_dict
    from factsift.notes.service import score_store

    store, notes = _open(kb_path)
    with store:
        run = score_store(notes, rules, seed)
    if as_json:
        _echo_json(
            {
                "summary": run.result.summary,
                "notes": [score_dict(s) for s in run.scores],
                "changes": [change_dict(c) for c in run.changes],
            }
        )
        return
    counts = run.result.status_counts()
    click.echo(
        f"scored {len(run.scores)} notes with rules '{rules}': "
        + ", ".join(f"{NoteStatus(k).label} {v}" for k, v in counts.items())
    )
    summary = run.result.summary
    click.echo(
        f"fit: {summary['round_2']['ratings']} ratings from {summary['round_2']['raters']} "
        f"helpful raters on {summary['round_2']['notes']} notes; "
        f"{len(run.changes)} status changes recorded"
    )


@notes_group.group("import")
def import_group() -> None:
    """Import notes and ratings from public data."""


@import_group.command("birdwatch")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--strict", is_flag=True, help="Abort the whole import at the first bad row.")
@kb_option
def import_birdwatch_command(folder: Path, strict: bool, kb_path: Path | None) -> None:
    """Import a Community Notes (Birdwatch) download: the folder with notes-*.tsv and
    ratings-*.tsv (2021 or current columns). Idempotent; one transaction."""
    from factsift.notes.importer import MAX_BAD_SHOWN, import_birdwatch

    store, notes = _open(kb_path)
    with store:
        result = import_birdwatch(notes, folder, strict=strict)
    for bad in result.bad[:MAX_BAD_SHOWN]:
        click.echo(f"bad row: {_text(bad)}", err=True)
    if len(result.bad) > MAX_BAD_SHOWN:
        click.echo(f"... and {len(result.bad) - MAX_BAD_SHOWN} more bad rows", err=True)
    click.echo(_text(result.summary()))
