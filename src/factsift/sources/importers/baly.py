"""Baly et al. 2018 (EMNLP) and 2020 (ACL) media factuality labels, taken from MBFC."""

from __future__ import annotations

from pathlib import Path

from factsift.sources.importers.common import (
    ParsedList,
    domain_key,
    read_csv,
    require_columns,
    require_file,
)
from factsift.sources.model import RatingList, RatingRecord
from factsift.sources.scale import FACTUAL

FOLDER = "baly-news-media-reliability"
EDITIONS = {
    "emnlp18": ("baly2018", "Baly et al. 2018 (EMNLP) factuality of reporting", "2018"),
    "acl2020": ("baly2020", "Baly et al. 2020 (ACL) factuality of reporting", "2020"),
}


def parse(folder: Path, edition: str = "emnlp18") -> ParsedList:
    name, title, date = EDITIONS[edition]
    path = require_file(folder / edition / "corpus.tsv", title)
    info = RatingList(
        name=name,
        title=title,
        publisher="Baly, Karadzhov, Alexandrov, Glass, Nakov (QCRI / MIT)",
        date=date,
        url="https://github.com/ramybaly/News-Media-Reliability",
        scale="fact: low 0.2, mixed 0.5, high 0.85 (MBFC's factual reporting labels)",
        roots=("mbfc",),
        lineage="labels copied from Media Bias/Fact Check pages (the 'ref' column)",
    )
    parsed = ParsedList(info)
    for line, row in read_csv(path, delimiter="\t"):
        if line == 2:
            require_columns(path, row, ["source_url_normalized", "ref", "fact", "bias"])
        domain = domain_key(row["source_url"] or row["source_url_normalized"])
        fact = row["fact"].lower()
        if domain is None:
            parsed.bad(path, line, f"'{row['source_url']}' is not a domain")
            continue
        if fact not in FACTUAL:
            parsed.bad(path, line, f"unknown fact label '{row['fact']}'")
            continue
        record = f"{edition}/{path.name}:{line}"
        ref = row["ref"] or None
        parsed.ratings.append(
            RatingRecord(
                domain,
                "factual",
                "mbfc",
                ("mbfc",),
                fact,
                None,
                FACTUAL[fact],
                date,
                record,
                ref,
                "MBFC label as collected by Baly et al.",
            )
        )
        if row["bias"]:
            parsed.ratings.append(
                RatingRecord(
                    domain,
                    "bias",
                    "mbfc",
                    ("mbfc",),
                    row["bias"],
                    None,
                    None,
                    date,
                    record,
                    ref,
                    None,
                )
            )
    return parsed
