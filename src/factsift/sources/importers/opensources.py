"""OpenSources (2017) and the lists that copy it (FakeNewsCorpus websites.csv).

A site has up to three types; the most severe sets the value (see ``scale.FLAG_TYPES``).
"""

from __future__ import annotations

from pathlib import Path

from factsift.sources.importers.common import ParsedList, domain_key, read_csv, require_file
from factsift.sources.model import RatingList, RatingRecord
from factsift.sources.scale import flag_value

OPENSOURCES_FOLDER = "opensources"
FAKENEWSCORPUS_FOLDER = "fakenewscorpus-sample"
TYPE_SCALE = (
    "most severe type: fake 0, conspiracy/junksci/hate/rumor 0.2, bias/unreliable/clickbait "
    "0.35, political 0.7, reliable 0.85; satire/unknown: no value"
)


def opensources_info(name: str = "opensources", date: str = "2017-04-28") -> RatingList:
    return RatingList(
        name=name,
        title="OpenSources (opensources.co)" if name == "opensources" else f"OpenSources ({name})",
        publisher="Melissa Zimdars et al., OpenSources",
        date=date,
        url="http://www.opensources.co/",
        scale=TYPE_SCALE,
        roots=("opensources",),
        lineage="OpenSources' own curation (frozen 2017)",
    )


FAKENEWSCORPUS_INFO = RatingList(
    name="fakenewscorpus",
    title="FakeNewsCorpus websites.csv",
    publisher="Maciej Szpakowski, FakeNewsCorpus",
    date="2018",
    url="https://github.com/several27/FakeNewsCorpus",
    scale=TYPE_SCALE,
    roots=("opensources",),
    lineage="domain labels copied from OpenSources (README: 'curated list of 1001 domains "
    "from opensources.co')",
)


def _types(row: dict[str, str], columns: tuple[str, ...]) -> list[str]:
    return [row.get(c, "").strip().lower() for c in columns if row.get(c, "").strip()]


def parse_typed(
    path: Path,
    info: RatingList,
    domain_column: str,
    type_columns: tuple[str, ...],
    parsed: ParsedList | None = None,
    delimiter: str = ",",
) -> ParsedList:
    """Any list of (domain, type, 2nd type, 3rd type) rows."""
    parsed = parsed or ParsedList(info)
    for line, row in read_csv(path, delimiter=delimiter):
        raw = row.get(domain_column, "")
        domain = domain_key(raw)
        if domain is None:
            parsed.bad(path, line, f"'{raw}' is not a domain")
            continue
        types = _types(row, type_columns)
        value, label = flag_value(types)
        parsed.ratings.append(
            RatingRecord(
                domain,
                "flag",
                info.roots[0],
                info.roots,
                ", ".join(types) or None,
                None,
                value,
                info.date,
                f"{path.name}:{line}",
                None,
                f"most severe type: {label}" if value is not None else None,
            )
        )
    return parsed


def parse_opensources(folder: Path) -> ParsedList:
    path = require_file(folder / "sources.csv", "OpenSources")
    return parse_typed(path, opensources_info(), "", ("type", "2nd type", "3rd type"))


def parse_fakenewscorpus(folder: Path) -> ParsedList:
    path = require_file(folder / "websites.csv", "FakeNewsCorpus")
    return parse_typed(path, FAKENEWSCORPUS_INFO, "url", ("type", "2nd_type", "3rd_type"))
