"""Lin et al. 2023 (PNAS Nexus): aggregate domain quality (pc1) and per-rater columns.

``pc1`` aggregates six rating sets with imputation, so it rests on all of them. The
per-rater columns are imported only where the rater actually rated the domain: observed
values are written with at most four decimals, imputed ones with full float precision
(checked on the file: 283 Ad Fontes, 60 fact-checker, 3,216 MBFC and 4,767 Lasser et al.
values are short, matching the paper's coverage of each set).
"""

from __future__ import annotations

from pathlib import Path

from factsift.sources.importers.common import (
    ParsedList,
    domain_key,
    read_csv,
    require_columns,
    require_file,
)
from factsift.sources.lineage import LIN_PC1_ROOTS, LIN_RATER_ROOTS
from factsift.sources.model import RatingList, RatingRecord
from factsift.sources.scale import clamp01

FOLDER = "lin2023-domain-quality-ratings"
DATE = "2023-09"
INFO = RatingList(
    name="lin2023",
    title="Lin et al. 2023 domain quality ratings",
    publisher="Lin, Lasser, Lewandowsky, Cole, Gully, Rand, Pennycook (PNAS Nexus 2023)",
    date=DATE,
    url="https://doi.org/10.1093/pnasnexus/pgad286",
    scale="pc1 and rater columns are already 0 (lowest) .. 1 (highest quality); kept as is",
    roots=LIN_PC1_ROOTS,
    lineage="pc1 aggregates NewsGuard, MBFC, Ad Fontes Media, professional fact-checkers, "
    "Lasser et al. 2022 and the Iffy index (imputation + PCA); rater columns are those raters' "
    "own ratings rescaled by Lin et al.",
)
# column -> (rater, label)
RATER_COLUMNS = {
    "afm": ("adfontes", "Ad Fontes Media (mean of reliability and bias)"),
    "fc": ("factcheckers", "professional fact-checkers"),
    "mbfc": ("mbfc", "MBFC (mean of factual and bias scores)"),
    "lewandowsky_mean": ("lasser2022", "Lasser et al. 2022 (mean)"),
}


def observed(text: str) -> bool:
    """A rater's own value, not an imputed one (see the module docstring)."""
    return "." not in text or len(text.split(".", 1)[1]) <= 4


def parse(folder: Path) -> ParsedList:
    path = require_file(folder / "domain_ratings.csv", "Lin 2023")
    parsed = ParsedList(INFO)
    for line, row in read_csv(path):
        if line == 2:
            require_columns(path, row, ["domain", "pc1", *RATER_COLUMNS])
        domain = domain_key(row["domain"])
        if domain is None:
            parsed.bad(path, line, f"'{row['domain']}' is not a domain")
            continue
        try:
            pc1 = float(row["pc1"])
        except ValueError:
            parsed.bad(path, line, f"pc1 '{row['pc1']}' is not a number")
            continue
        record = f"{path.name}:{line}"
        parsed.ratings.append(
            RatingRecord(
                domain=domain,
                facet="quality",
                rater="lin2023-pc1",
                roots=LIN_PC1_ROOTS,
                raw_label=None,
                raw_score=pc1,
                value=clamp01(pc1),
                date=DATE,
                record=record,
                note="aggregate of six rating sets (imputation + PCA, first component)",
            )
        )
        for column, (rater, label) in RATER_COLUMNS.items():
            text = row[column]
            if not text or not observed(text):
                continue
            score = float(text)
            parsed.ratings.append(
                RatingRecord(
                    domain=domain,
                    facet="quality",
                    rater=rater,
                    roots=LIN_RATER_ROOTS[rater],
                    raw_label=None,
                    raw_score=score,
                    value=clamp01(score),
                    date=DATE,
                    record=record,
                    note=f"{label}, as rescaled by Lin et al. (column {column})",
                )
            )
    return parsed
