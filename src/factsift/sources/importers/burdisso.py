"""Burdisso et al. 2024 (NAACL) golden truth: reliability labels by label source.

Each row says where its label comes from (MBFC, NewsGuard, Wikipedia's perennial sources,
or the authors' manual labels), so each rating keeps that root. Rows with a NewsGuard
score also give that score (0..100).
"""

from __future__ import annotations

from pathlib import Path

from factsift.sources.importers.common import (
    ParsedList,
    domain_key,
    parse_score,
    read_csv,
    require_columns,
    require_file,
)
from factsift.sources.lineage import BURDISSO_SOURCES
from factsift.sources.model import RatingList, RatingRecord
from factsift.sources.scale import BURDISSO_LABELS, clamp01

FOLDER = "burdisso2024-news-media-reliability-idiap"
DATE = "2024"
LABELS = {1: "reliable", 0: "mixed", -1: "unreliable", -2: "very unreliable"}
INFO = RatingList(
    name="burdisso2024",
    title="Burdisso et al. 2024 golden truth reliability labels",
    publisher="Burdisso, Sanchez-Cortes, Villatoro-Tello, Motlicek (Idiap, NAACL 2024)",
    date=DATE,
    url="https://github.com/idiap/News-Media-Reliability",
    scale="label 1 reliable 0.85, 0 mixed 0.5, -1 unreliable 0.15, -2 0.0; NewsGuard score/100",
    roots=("mbfc", "newsguard", "wikipedia-rsp", "idiap-manual"),
    lineage="labels from MBFC (4,138 rows), the authors' manual list (556), Wikipedia "
    "perennial sources (553) and NewsGuard (85); each rating keeps its own source",
)


def parse(folder: Path) -> ParsedList:
    path = require_file(folder / "golden_truth" / "golden_truth_dataset.csv", "Burdisso 2024")
    parsed = ParsedList(INFO)
    for line, row in read_csv(path):
        if line == 2:
            require_columns(path, row, ["domain", "reliability_label", "label_source"])
        domain = domain_key(row["domain"])
        label_num = parse_score(row["reliability_label"])
        source = row["label_source"].lower()
        if domain is None:
            parsed.bad(path, line, f"'{row['domain']}' is not a domain")
            continue
        if label_num is None or int(label_num) not in BURDISSO_LABELS:
            parsed.bad(path, line, f"unknown reliability_label '{row['reliability_label']}'")
            continue
        if source not in BURDISSO_SOURCES:
            parsed.bad(path, line, f"unknown label_source '{row['label_source']}'")
            continue
        label = int(label_num)
        record = f"golden_truth/{path.name}:{line}"
        roots = BURDISSO_SOURCES[source]
        rater = roots[0]
        parsed.ratings.append(
            RatingRecord(
                domain,
                "reliability",
                rater,
                roots,
                f"{label} ({LABELS[label]})",
                float(label),
                BURDISSO_LABELS[label],
                DATE,
                record,
                None,
                f"label source: {source}",
            )
        )
        score = parse_score(row.get("newsguard_score", ""))
        if score is not None:
            parsed.ratings.append(
                RatingRecord(
                    domain,
                    "score",
                    "newsguard",
                    ("newsguard",),
                    None,
                    score,
                    clamp01(score / 100),
                    DATE,
                    record,
                    None,
                    "NewsGuard score 0..100",
                )
            )
    return parsed
