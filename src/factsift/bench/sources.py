"""``factsift bench sources``: coverage, agreement between lists, and the name-only predictor.

(a) coverage: share of domains with at least one rating, on the 15,425 CC-News domains of
    Burdisso et al. 2024 and on the domains of the article sets in the data directory;
(b) agreement: Spearman rank correlation of normalised values, per pair of lists, on the
    domains both rate;
(c) the unrated-domain predictor on Baly et al. 2018 factuality with its own five folds.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

from factsift.bench.datasets.baly import load_baly
from factsift.bench.extras import require_scikit_learn
from factsift.bench.sources_predictor import evaluate
from factsift.domains import lookup_keys
from factsift.errors import BenchmarkError
from factsift.store.base import KnowledgeStore

MIN_PAIR = 30  # pairs of lists sharing fewer domains are listed without a correlation
_URL = re.compile(r'"(?:url|source)":\s*"(https?://[^"]+)"')


def ccnews_domains(data: Path) -> list[str]:
    path = (
        data
        / "burdisso2024-news-media-reliability-idiap"
        / "ccnews_2019-08_en_reliability_scores.json"
    )
    if not path.is_file():
        raise BenchmarkError(f"CC-News domain list not found at '{path}'. Set FACTSIFT_DATA.")
    return sorted(json.loads(path.read_text(encoding="utf-8")))


def article_set_domains(data: Path) -> dict[str, list[str]]:
    """Publisher domains of the article sets in the data directory."""
    sets: dict[str, set[str]] = {}
    sample = data / "fakenewscorpus-sample" / "news_sample.csv"
    if sample.is_file():
        csv.field_size_limit(1 << 24)
        with sample.open(encoding="utf-8", newline="") as handle:
            sets["fakenewscorpus-sample"] = {row["domain"] for row in csv.DictReader(handle)}
    for name, pattern in (
        ("fakenewsnet-v1", "fakenewsnet-v1-buzzfeed-politifact/Data/*/*/*.json"),
        ("article-extraction-benchmark", "article-extraction-benchmark/ground-truth.json"),
    ):
        found: set[str] = set()
        for path in data.glob(pattern):
            found.update(_URL.findall(path.read_text(encoding="utf-8", errors="replace")))
        if found:
            sets[name] = found
    return {name: sorted(values) for name, values in sets.items()}


def coverage(store: KnowledgeStore, domains: Iterable[str]) -> dict[str, Any]:
    """Share of domains with at least one rating (through any of its lookup keys or links)."""
    rated = {r.domain for r in store.iter_ratings() if r.value is not None or r.facet == "flag"}
    keys_seen: set[str] = set()
    hits = 0
    for item in domains:
        keys = lookup_keys(item)
        if not keys or keys[-1] in keys_seen:
            continue
        keys_seen.add(keys[-1])
        family = {store.current_domain(k) for k in keys} | set(keys)
        hits += bool(family & rated)
    total = len(keys_seen)
    return {"domains": total, "rated": hits, "coverage": round(hits / total, 4) if total else None}


def primary_values(store: KnowledgeStore) -> dict[str, dict[str, float]]:
    """One value per (list/rater) and domain: the mean of its normalised facets."""
    sums: dict[str, dict[str, list[float]]] = {}
    for r in store.iter_ratings():
        if r.value is None:
            continue
        key = f"{r.list_name}/{r.rater}"
        sums.setdefault(key, {}).setdefault(r.domain, []).append(r.value)
    return {k: {d: sum(v) / len(v) for d, v in doms.items()} for k, doms in sums.items()}


def agreement(store: KnowledgeStore) -> list[dict[str, Any]]:
    require_scikit_learn()  # scipy comes with it
    from scipy.stats import spearmanr  # type: ignore[import-untyped]

    values = primary_values(store)
    rows = []
    for a, b in combinations(sorted(values), 2):
        shared = sorted(set(values[a]) & set(values[b]))
        if len(shared) < MIN_PAIR:
            continue
        xa = [values[a][d] for d in shared]
        xb = [values[b][d] for d in shared]
        constant = len(set(xa)) < 2 or len(set(xb)) < 2
        rho = None if constant else float(spearmanr(xa, xb).statistic)
        rows.append(
            {
                "a": a,
                "b": b,
                "domains": len(shared),
                "spearman": None if rho is None else round(rho, 3),
            }
        )
    return rows


def run(
    store: KnowledgeStore,
    data: Path,
    *,
    folds: list[int] | None = None,
    with_articles: bool = True,
) -> dict[str, Any]:
    if not store.rating_lists():
        raise BenchmarkError(
            f"The store '{store.location}' holds no rating list. Run "
            "'factsift kb import public-ratings' first."
        )
    result: dict[str, Any] = {
        "coverage": {"ccnews-burdisso2024": coverage(store, ccnews_domains(data))},
        "agreement": agreement(store),
    }
    for name, domains in article_set_domains(data).items():
        result["coverage"][name] = coverage(store, domains)
    baly = load_baly(data / "baly-news-media-reliability")
    anchors = {
        "all features of Baly et al. 2018": "~66 accuracy / ~60 macro-F1",
        "metadata-only SVM (measured for the data set)": "59.0 / 49.7",
    }
    result["predictor"] = {
        "task": "Baly et al. 2018 factuality (high/mixed/low), its own 5 folds",
        "name": evaluate(baly, "name", folds),
        "anchors": anchors,
    }
    if with_articles:
        for feature_set in ("name+articles", "name+articles+metadata"):
            result["predictor"][feature_set] = evaluate(baly, feature_set, folds)
    return result
