"""Any CSV or TSV rating list, with a column mapping and a label or score scale.

``--map domain=site --map label=rating --map name=title`` (or ``--map
domain=site,label=rating,name=title``) names the columns; labels become
values through ``--label fake=0 --label reliable=0.85``; scores through ``--score-range
0:100`` (rescaled to 0..1). Rows whose label has no value keep the raw label only.
"""

from __future__ import annotations

from pathlib import Path

from factsift.errors import ImportDataError
from factsift.sources.importers.common import (
    ParsedList,
    domain_key,
    parse_score,
    read_csv,
    require_columns,
    require_file,
)
from factsift.sources.model import RatingList, RatingRecord
from factsift.sources.scale import clamp01

FIELDS = frozenset({"domain", "label", "score", "name", "date", "url"})


def parse_pairs(pairs: tuple[str, ...], what: str, *, commas: bool = False) -> dict[str, str]:
    """KEY=VALUE options, repeated; with ``commas`` also several in one, comma-separated
    (``--map domain=site,score=rating``, as in every importer's --map)."""
    if commas:
        pairs = tuple(part for pair in pairs for part in pair.split(",") if part.strip())
    result: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ImportDataError(f"{what} '{pair}' is not KEY=VALUE (e.g. domain=site).")
        result[key.strip()] = value.strip()
    return result


def parse(
    path: Path,
    *,
    list_name: str,
    mapping: dict[str, str],
    labels: dict[str, float],
    score_range: tuple[float, float] | None,
    title: str | None = None,
    date: str | None = None,
    root: str | None = None,
) -> ParsedList:
    unknown = set(mapping) - FIELDS
    if unknown or "domain" not in mapping:
        raise ImportDataError(
            f"--map needs domain=COLUMN and only these fields: {', '.join(sorted(FIELDS))} "
            f"(got {', '.join(sorted(mapping)) or 'nothing'})."
        )
    require_file(path, f"ratings CSV '{list_name}'")
    roots = (root or list_name,)
    info = RatingList(
        name=list_name,
        title=title or list_name,
        publisher=title or list_name,
        date=date,
        url=None,
        scale=f"labels {labels}" if labels else f"scores rescaled from {score_range}",
        roots=roots,
        lineage=f"imported from {path.name} with a user-given column mapping",
    )
    parsed = ParsedList(info)
    delimiter = "\t" if path.suffix.lower() in {".tsv", ".tab"} else ","
    lo, hi = score_range or (0.0, 1.0)
    for line, row in read_csv(path, delimiter=delimiter):
        if line == 2:
            require_columns(path, row, list(mapping.values()))
        domain = domain_key(row[mapping["domain"]])
        if domain is None:
            parsed.bad(path, line, f"'{row[mapping['domain']]}' is not a domain")
            continue
        label = row.get(mapping.get("label", ""), "") or None
        score = parse_score(row.get(mapping.get("score", ""), "") or "")
        if "score" in mapping and score is None and row.get(mapping["score"]):
            parsed.bad(path, line, f"score '{row[mapping['score']]}' is not a number")
            continue
        value = None
        if score is not None and hi > lo:
            value = clamp01((score - lo) / (hi - lo))
        elif label is not None and label.lower() in labels:
            value = labels[label.lower()]
        parsed.add_name(domain, row.get(mapping.get("name", ""), ""))
        parsed.ratings.append(
            RatingRecord(
                domain,
                "reliability",
                roots[0],
                roots,
                label,
                score,
                value,
                row.get(mapping.get("date", ""), "") or date,
                f"{path.name}:{line}",
                row.get(mapping.get("url", ""), "") or None,
            )
        )
    return parsed
