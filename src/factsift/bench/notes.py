"""``factsift bench notes``: the note scorer on the two public 2021 Birdwatch dumps.

For each dump (2021-03-25 and 2021-05-29): rows read, the ratings left after each filter,
statuses under both rule sets, intercept and factor distributions, fit time and a check
that the fit is a minimum (largest partial derivative, distance to a much tighter fit).
Between the dumps: the share of notes whose status flips, split into notes that got new
ratings and notes whose ratings did not change (refit drift), and the flips between two
seeds on the same data. Then what the factor means: the words of the notes that raters
with a negative and with a positive factor rate helpful.
"""

from __future__ import annotations

import html
import re
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from factsift.errors import BenchmarkError
from factsift.notes.factorization import Problem, fit, gradient_norm
from factsift.notes.importer import import_birdwatch, read_dump
from factsift.notes.matrix import CRH, PUBLIC_STATUS, FloatArray, ScoringInput
from factsift.notes.model import Note, NoteRating
from factsift.notes.rules import rule_set
from factsift.notes.scorer import ScoringResult, count_filter, score_notes
from factsift.notes.service import input_from, score_store, store_input
from factsift.store.sqlite import SQLiteStore

DUMPS = ("birdwatch-2021-03-25", "birdwatch-2021-05-29")
FOLDER = "community-notes-birdwatch-2021"
QUANTILES = (5, 25, 50, 75, 95)
_STOPWORDS_TEXT = """
a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each even
few for from further had has have having he her here hers him his how i if in into is it
its itself just like may me more most much my no nor not now of off on once only or
other our out over own said same says she should so some such than that the their them
then there these they this those through to too under until up us very was we were what
when where which while who whom why will with would you your tweet tweets twitter claim
claims note post actually one two many people www com https http html
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
_WORD = re.compile(r"[a-z][a-z0-9'-]*[a-z0-9]")
_LINK = re.compile(r"https?://\S+")


def locate(data: Path) -> list[Path]:
    """The two dump folders under ``data`` (the data root, the dataset folder, or either)."""
    for root in (data / FOLDER, data):
        found = [root / name for name in DUMPS if (root / name / "notes-00000.tsv").is_file()]
        if len(found) == len(DUMPS):
            return found
    raise BenchmarkError(
        f"The Birdwatch 2021 dumps are not under '{data}'. Give --data the folder holding "
        f"{FOLDER}/ (with {' and '.join(DUMPS)}), or set FACTSIFT_DATA."
    )


def _quantiles(values: FloatArray) -> dict[str, float] | None:
    values = values[~np.isnan(values)]
    if len(values) == 0:
        return None
    return {f"p{q}": round(float(np.percentile(values, q)), 3) for q in QUANTILES} | {
        "n": len(values)
    }


def _fit_check(inp: ScoringInput, seed: int) -> dict[str, Any]:
    """Round-one problem: our fit against a fit run to a far tighter tolerance."""
    misleading = np.flatnonzero(inp.note_misleading[inp.rating_note])
    rows = count_filter(inp, misleading, 5, 10)
    notes, note = np.unique(inp.rating_note[rows], return_inverse=True)
    raters, rater = np.unique(inp.rating_rater[rows], return_inverse=True)
    problem = Problem(note, rater, inp.rating_value[rows], len(notes), len(raters))
    penalties = rule_set("current").penalties
    params, report = fit(problem, penalties, seed=seed, tolerance=1e-10)
    tight, tight_report = fit(problem, penalties, seed=seed, tolerance=1e-14, max_iterations=100000)
    return {
        "ratings": len(rows),
        "iterations": report.iterations,
        "seconds": round(report.seconds, 4),
        "loss": round(report.loss, 8),
        "largest_gradient": float(f"{gradient_norm(problem, penalties, params):.2e}"),
        "tight_fit_iterations": tight_report.iterations,
        "max_abs_intercept_difference_to_tight_fit": float(
            f"{np.abs(params.note_intercept - tight.note_intercept).max():.2e}"
        ),
    }


def _dump_figures(
    name: str, notes: list[Note], ratings: list[NoteRating], seed: int
) -> tuple[dict[str, Any], dict[str, ScoringResult], ScoringInput]:
    started = time.perf_counter()
    inp = input_from(notes, ratings)
    build = time.perf_counter() - started
    results: dict[str, ScoringResult] = {}
    figures: dict[str, Any] = {
        "dump": name,
        "notes": len(notes),
        "ratings_with_value": len(ratings),
        "build_input_seconds": round(build, 3),
        "fit_check": _fit_check(inp, seed),
    }
    for rules in ("current", "core-2022"):
        result = score_notes(inp, rules, seed=seed)
        results[rules] = result
        scored = ~np.isnan(result.intercept)
        figures[rules] = {
            "summary": result.summary,
            "note_intercept": _quantiles(result.intercept),
            "note_factor": _quantiles(result.factor),
            "rater_factor": _quantiles(result.rater_factor),
            "rater_intercept": _quantiles(result.rater_intercept),
            "helpful_intercept": _quantiles(result.intercept[result.status == CRH]),
            "scored_notes": int(scored.sum()),
            "median_ratings_per_scored_note": float(np.median(result.num_ratings[scored]))
            if scored.any()
            else None,
        }
        again = score_notes(inp, rules, seed=seed + 1)
        both = scored & ~np.isnan(again.intercept)
        figures[rules]["other_seed"] = {
            "status_flips": int((result.status != again.status).sum()),
            "max_abs_intercept_difference": float(
                f"{np.abs(result.intercept[both] - again.intercept[both]).max():.2e}"
            ),
        }
    return figures, results, inp


def _stability(
    early: tuple[ScoringResult, ScoringInput], late: tuple[ScoringResult, ScoringInput]
) -> dict[str, Any]:
    """Status flips between the dumps, by whether the note got new ratings."""
    (r1, in1), (r2, in2) = early, late
    index2 = {note_id: i for i, note_id in enumerate(in2.note_ids)}
    count1 = np.bincount(in1.rating_note, minlength=in1.n_notes)
    count2 = np.bincount(in2.rating_note, minlength=in2.n_notes)
    flips: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    drift_deltas: list[float] = []
    common = scored_common = 0
    for i, note_id in enumerate(in1.note_ids):
        j = index2.get(note_id)
        if j is None:
            continue
        common += 1
        if np.isnan(r1.intercept[i]) and np.isnan(r2.intercept[j]):
            continue
        scored_common += 1
        same_ratings = count1[i] == count2[j]
        if same_ratings and not np.isnan(r1.intercept[i]) and not np.isnan(r2.intercept[j]):
            drift_deltas.append(abs(float(r2.intercept[j] - r1.intercept[i])))
        old, new = PUBLIC_STATUS[int(r1.status[i])], PUBLIC_STATUS[int(r2.status[j])]
        if old != new:
            flips[f"{old.value} -> {new.value}"] += 1
            kinds["new ratings" if not same_ratings else "refit drift"] += 1
    deltas = np.array(drift_deltas)
    return {
        "notes_in_both": common,
        "scored_in_either": scored_common,
        "status_flips": sum(flips.values()),
        "flip_share_of_scored": round(sum(flips.values()) / max(scored_common, 1), 4),
        "flips_by_cause": dict(kinds),
        "flips_by_direction": dict(flips.most_common()),
        "same_ratings_intercept_change": _quantiles(deltas) if len(deltas) else None,
    }


def _words(text: str) -> list[str]:
    plain = _LINK.sub(" ", html.unescape(text).lower())
    return [w for w in _WORD.findall(plain) if len(w) > 2 and w not in STOPWORDS]


def _log_odds(a: Counter[str], b: Counter[str], top: int) -> tuple[list[str], list[str]]:
    """Words most typical of a vs b: log-odds with an informative Dirichlet prior
    (Monroe, Colaresi and Quinn 2008), z-scored; words seen fewer than 5 times dropped."""
    vocabulary = [w for w in set(a) | set(b) if a[w] + b[w] >= 5]
    if not vocabulary:
        return [], []
    pooled = np.array([a[w] + b[w] for w in vocabulary], dtype=np.float64)
    prior = pooled / pooled.sum() * 500.0
    ya = np.array([a[w] for w in vocabulary], dtype=np.float64)
    yb = np.array([b[w] for w in vocabulary], dtype=np.float64)
    na, nb, p0 = ya.sum(), yb.sum(), prior.sum()
    delta = np.log((ya + prior) / (na + p0 - ya - prior)) - np.log(
        (yb + prior) / (nb + p0 - yb - prior)
    )
    z = delta / np.sqrt(1.0 / (ya + prior) + 1.0 / (yb + prior))
    order = np.argsort(-z)
    return [vocabulary[i] for i in order[:top]], [vocabulary[i] for i in order[::-1][:top]]


def factor_meaning(
    result: ScoringResult, inp: ScoringInput, notes: list[Note], top: int = 20
) -> dict[str, Any]:
    """Who sits on each side of the factor, and the words of what each side finds helpful."""
    factor = result.rater_factor
    has = ~np.isnan(factor)
    side = np.where(factor < 0, 0, 1)
    words = [Counter(_words(note.summary)) for note in notes]
    liked: list[Counter[str]] = [Counter(), Counter()]
    rated = np.zeros(2, dtype=np.int64)
    helpful = np.zeros(2)
    for k in np.flatnonzero(has[inp.rating_rater]):
        s = side[inp.rating_rater[k]]
        rated[s] += 1
        helpful[s] += inp.rating_value[k]
        if inp.rating_value[k] == 1.0:
            liked[s].update(words[inp.rating_note[k]])
    negative, positive = _log_odds(liked[0], liked[1], top)
    note_side: list[Counter[str]] = [Counter(), Counter()]
    for i in np.flatnonzero(~np.isnan(result.factor)):
        if abs(result.factor[i]) >= 0.3:
            note_side[0 if result.factor[i] < 0 else 1].update(set(words[i]))
    note_negative, note_positive = _log_odds(note_side[0], note_side[1], top)
    rated_enough = ~np.isnan(result.factor) & (result.num_ratings >= 8)
    order = np.argsort(np.where(rated_enough, result.factor, 0.0))
    examples = {
        "most_negative_factor": [_example(notes[i], result, i) for i in order[:3]],
        "most_positive_factor": [_example(notes[i], result, i) for i in order[::-1][:3]],
    }
    return {
        "raters": {
            "negative": int((has & (side == 0)).sum()),
            "positive": int((has & (side == 1)).sum()),
        },
        "ratings": {"negative": int(rated[0]), "positive": int(rated[1])},
        "helpful_share": {
            "negative": round(float(helpful[0] / max(rated[0], 1)), 3),
            "positive": round(float(helpful[1] / max(rated[1], 1)), 3),
        },
        "words_rated_helpful_by_negative_side": negative,
        "words_rated_helpful_by_positive_side": positive,
        "notes_with_factor_below_-0.3": {
            "count": int(np.sum(result.factor <= -0.3)),
            "words": note_negative,
        },
        "notes_with_factor_above_0.3": {
            "count": int(np.sum(result.factor >= 0.3)),
            "words": note_positive,
        },
        "examples": examples,
    }


def _example(note: Note, result: ScoringResult, index: int) -> dict[str, Any]:
    text = " ".join(html.unescape(note.summary).split())
    return {
        "note": note.id,
        "factor": round(float(result.factor[index]), 3),
        "intercept": round(float(result.intercept[index]), 3),
        "ratings": int(result.num_ratings[index]),
        "text": text[:160],
    }


def _store_timing(folders: list[Path], seed: int) -> dict[str, Any]:
    """Both dumps imported into a fresh SQLite store (one transaction each), then scored."""
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "notes.sqlite3")
        try:
            return _import_and_score(store, folders, seed)
        finally:
            store.close()


def _import_and_score(store: SQLiteStore, folders: list[Path], seed: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for folder in folders:
        started = time.perf_counter()
        result = import_birdwatch(store, folder)
        out[f"import_{folder.name}_seconds"] = round(time.perf_counter() - started, 2)
        out[f"import_{folder.name}"] = result.summary()
    started = time.perf_counter()
    again = import_birdwatch(store, folders[-1])
    out["reimport_seconds"] = round(time.perf_counter() - started, 2)
    out["reimport_changed_rows"] = (
        again.notes.added + again.notes.updated + again.ratings.added + again.ratings.updated
    )
    started = time.perf_counter()
    store_input(store)
    out["load_from_store_seconds"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    run = score_store(store, "current", seed)
    out["score_and_save_seconds"] = round(time.perf_counter() - started, 2)
    out["status_changes_recorded"] = len(run.changes)
    return out


def run_notes_bench(data: Path, seed: int = 0) -> dict[str, Any]:
    folders = locate(data)
    figures: dict[str, Any] = {"dumps": []}
    scored: list[dict[str, tuple[ScoringResult, ScoringInput]]] = []
    last_notes: list[Note] = []
    for folder in folders:
        started = time.perf_counter()
        notes, ratings, bad = read_dump(folder)
        read_seconds = time.perf_counter() - started
        dump, results, inp = _dump_figures(folder.name, notes, ratings, seed)
        dump["read_seconds"] = round(read_seconds, 3)
        dump["bad_rows"] = len(bad)
        figures["dumps"].append(dump)
        scored.append({rules: (result, inp) for rules, result in results.items()})
        last_notes = notes
    figures["stability"] = {
        rules: _stability(scored[0][rules], scored[1][rules]) for rules in ("current", "core-2022")
    }
    result, inp = scored[-1]["current"]
    figures["factor_meaning"] = factor_meaning(result, inp, last_notes)
    figures["store"] = _store_timing(folders, seed)
    return figures
