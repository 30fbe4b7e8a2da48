"""Media Bias/Fact Check, as packaged by the MBFC browser extension (combined.json v5).

Per source: factual reporting, credibility and bias, the MBFC page, the source's name (a
name in parentheses is kept as an alias when it is an acronym or the MBFC page's own slug,
which keeps a former name: "The People's Voice (Newspunch)" at /news-punch/), and the
extension's alias table of domains.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from factsift.errors import ImportDataError
from factsift.names import squash
from factsift.sources.importers.common import ParsedList, domain_key, has_path, require_file
from factsift.sources.model import DomainLink, RatingList, RatingRecord
from factsift.sources.scale import CREDIBILITY, FACTUAL

FOLDER = "mbfc-mbfcext-scrape"
_PAREN = re.compile(r"^(?P<outer>.*?)\s*\((?P<inner>[^()]+)\)\s*$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,9}$")


def info(date: str | None) -> RatingList:
    return RatingList(
        name="mbfc",
        title="Media Bias/Fact Check",
        publisher="Media Bias/Fact Check (via the mbfcext browser extension data)",
        date=date,
        url="https://mediabiasfactcheck.com/",
        scale="factual reporting: very-low 0, low 0.2, mixed 0.5, mostly-factual 0.7, "
        "high 0.85, very-high 1; credibility: low 0.15, medium 0.5, high 0.85; bias: no value",
        roots=("mbfc",),
        lineage="MBFC's own editorial ratings",
    )


def source_names(name: str, page_url: str | None) -> list[str]:
    """The name, and the name without a parenthesis, and the parenthesis when it is a name."""
    names = [name]
    match = _PAREN.match(name)
    if match:
        outer, inner = match.group("outer").strip(), match.group("inner").strip()
        names.append(outer)
        slug = squash((page_url or "").rstrip("/").rsplit("/", 1)[-1].replace("-", " "))
        if _ACRONYM.match(inner) or (squash(inner) and squash(inner) in slug):
            names.append(inner)
    return [n for n in names if n]


def parse(folder: Path) -> ParsedList:
    path = require_file(folder / "combined_v5.json", "MBFC")
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        sources: list[dict[str, Any]] = data["sources"]
    # ValueError: malformed JSON or not UTF-8; RecursionError: nested too deeply to read.
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise ImportDataError(
            f"{path}: not the MBFC extension's combined.json (v5) ({type(exc).__name__}: "
            f"{exc}). Give the folder holding that file."
        ) from exc
    date = str(data.get("date", ""))[:10] or None
    parsed = ParsedList(info(date))
    for index, item in enumerate(sources):
        where = f"{path.name}:sources[{index}]"
        raw_domain = str(item.get("domain", ""))
        if has_path(raw_domain):
            parsed.skip("a section of a site (domain with a path)")
            continue
        domain = domain_key(raw_domain)
        if domain is None:
            parsed.bad(path, index + 1, f"sources[{index}]: '{raw_domain}' is not a domain")
            continue
        url = item.get("url") or None
        for name in source_names(str(item.get("name", "")), url):
            parsed.add_name(domain, name)
        questionable = ", ".join(item.get("questionable") or [])
        note = f"questionable: {questionable}" if questionable else None
        reporting = item.get("reporting")
        if reporting:
            parsed.ratings.append(
                RatingRecord(
                    domain,
                    "factual",
                    "mbfc",
                    ("mbfc",),
                    reporting,
                    None,
                    FACTUAL.get(reporting),
                    date,
                    where,
                    url,
                    note,
                )
            )
        credibility = item.get("credibility")
        if credibility and credibility in CREDIBILITY:
            parsed.ratings.append(
                RatingRecord(
                    domain,
                    "credibility",
                    "mbfc",
                    ("mbfc",),
                    credibility,
                    None,
                    CREDIBILITY[credibility],
                    date,
                    where,
                    url,
                    None,
                )
            )
        bias = item.get("bias")
        if bias:
            parsed.ratings.append(
                RatingRecord(
                    domain, "bias", "mbfc", ("mbfc",), bias, None, None, date, where, url, None
                )
            )
    for alias, target in (data.get("aliases") or {}).items():
        a, t = domain_key(str(alias)), domain_key(str(target))
        if a and t and a != t:
            parsed.links.append(
                DomainLink(
                    a,
                    t,
                    "alias",
                    "mbfc",
                    f"the MBFC extension's alias table maps {alias} to {target}",
                    None,
                    date,
                )
            )
    return parsed
