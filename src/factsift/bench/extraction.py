"""Article-body extraction on the Zyte/Scrapinghub article-extraction benchmark (181 pages).

The metric is the benchmark's own (its evaluate.py, reimplemented): each text is cut into
word tokens (``\\w+``), tokens are joined into overlapping 4-token shingles, and per page the
true positives, false positives and false negatives of shingles are counted and normalised
to sum to one, so long pages do not weigh more. Precision and recall are the means over
pages (pages with nothing predicted, or nothing expected, are left out of that mean, as the
benchmark does); F1 is the harmonic mean of those two means. Accuracy is the share of pages
whose token sequence is exactly right. Standard deviations come from bootstrap resampling.

What is scored is the body as ``factsift.ingest.article_from_html`` produces it, without the
title line the ingest layer puts in front.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from factsift.errors import BenchmarkError, InputError
from factsift.ingest import article_from_html
from factsift.settings import data_dir

DATASET = "article-extraction-benchmark"
SHINGLE = 4
_TOKEN = re.compile(r"\w+")

Counts = tuple[float, float, float]  # normalised true positives, false positives, negatives


@dataclass(slots=True)
class ExtractionResult:
    pages: int
    precision: float
    recall: float
    f1: float
    accuracy: float
    precision_std: float
    recall_std: float
    f1_std: float
    seconds: float
    pages_per_second: float
    failed: list[str] = field(default_factory=list)  # pages where nothing was extracted

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def default_data() -> Path:
    return data_dir() / DATASET


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Overlapping n-token shingles; a text shorter than n gives one shorter shingle."""
    tokens = tokenize(text)
    count = max(1, len(tokens) - n + 1)
    return Counter(tuple(tokens[i : i + n]) for i in range(count) if tokens[i : i + n])


def page_counts(true: str, pred: str) -> Counts:
    """Normalised (tp, fp, fn) of shingles for one page."""
    expected, found = shingles(true), shingles(pred)
    tp = float(sum((expected & found).values()))
    fp = float(sum((found - expected).values()))
    fn = float(sum((expected - found).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def precision_of(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def recall_of(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def scores(counts: Sequence[Counts]) -> tuple[float, float, float]:
    """Mean precision, mean recall, and F1 of the two means."""
    precision = statistics.mean(precision_of(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(recall_of(*c) for c in counts if c[0] + c[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def load_pages(data: Path, limit: int | None = None) -> list[tuple[str, bytes, str]]:
    """``(page id, gzipped-HTML bytes decompressed, expected body)``, sorted by page id."""
    truth_path = data / "ground-truth.json"
    html_dir = data / "html"
    if not truth_path.is_file() or not html_dir.is_dir():
        raise BenchmarkError(
            f"Extraction benchmark data not found in {data} (need ground-truth.json and "
            f"html/). Point --data at a copy of scrapinghub/article-extraction-benchmark, or "
            "set FACTSIFT_DATA."
        )
    try:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BenchmarkError(f"Cannot read {truth_path}: {exc}") from exc
    files = sorted(html_dir.glob("*.html.gz"))
    if limit is not None:
        files = files[:limit]
    pages = []
    for path in files:
        page_id = path.name.split(".", 1)[0]
        if page_id not in truth:
            raise BenchmarkError(f"{path.name} has no entry in {truth_path}.")
        body = truth[page_id].get("articleBody") or ""
        pages.append((page_id, gzip.decompress(path.read_bytes()), str(body)))
    if not pages:
        raise BenchmarkError(f"No html/*.html.gz pages in {data}.")
    return pages


def extracted_body(html: bytes) -> str:
    """The body the ingest layer extracts, without its title line."""
    article = article_from_html(html)
    span = article.meta.headline_span
    return article.text[span.end :].lstrip("\n") if span is not None else article.text


def run(
    data: Path | None = None,
    *,
    limit: int | None = None,
    bootstrap: int = 1000,
    on_page: Callable[[str], None] | None = None,
) -> ExtractionResult:
    """Extract every page and score it against the benchmark's ground truth."""
    pages = load_pages(data or default_data(), limit)
    return score_pages(pages, bootstrap=bootstrap, on_page=on_page)


def score_pages(
    pages: Sequence[tuple[str, bytes, str]],
    *,
    extract: Callable[[bytes], str] = extracted_body,
    bootstrap: int = 1000,
    on_page: Callable[[str], None] | None = None,
) -> ExtractionResult:
    """Score ``extract`` (by default the ingest layer) on pages from ``load_pages``."""
    counts: list[Counts] = []
    exact: list[float] = []
    failed: list[str] = []
    elapsed = 0.0
    for page_id, html, expected in pages:
        started = time.perf_counter()
        try:
            predicted = extract(html)
        except InputError:
            predicted = ""
            failed.append(page_id)
        elapsed += time.perf_counter() - started
        counts.append(page_counts(expected, predicted))
        exact.append(float(tokenize(expected) == tokenize(predicted)))
        if on_page is not None:
            on_page(page_id)
    precision, recall, f1 = scores(counts)
    stds = _bootstrap(counts, bootstrap)
    return ExtractionResult(
        pages=len(pages),
        precision=precision,
        recall=recall,
        f1=f1,
        accuracy=statistics.mean(exact),
        precision_std=stds[0],
        recall_std=stds[1],
        f1_std=stds[2],
        seconds=elapsed,
        pages_per_second=len(pages) / elapsed if elapsed else 0.0,
        failed=failed,
    )


def _bootstrap(counts: Sequence[Counts], rounds: int) -> tuple[float, float, float]:
    """Standard deviations of precision, recall and F1 over resampled page sets."""
    if rounds < 2 or len(counts) < 2:
        return 0.0, 0.0, 0.0
    rng = random.Random(0)  # fixed seed: the same figures on every run
    samples = []
    for _ in range(rounds):
        chosen = [counts[rng.randrange(len(counts))] for _ in counts]
        try:
            samples.append(scores(chosen))
        except statistics.StatisticsError:
            continue  # a resample with no scorable page
    if len(samples) < 2:
        return 0.0, 0.0, 0.0
    p, r, f = zip(*samples, strict=True)
    return statistics.stdev(p), statistics.stdev(r), statistics.stdev(f)
