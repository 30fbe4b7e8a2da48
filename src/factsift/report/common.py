"""Wording and small helpers shared by the terminal and HTML renderers.

Both renderers read ``Report.data`` (plain dicts), which may come from a JSON file written
by another version or edited by hand, so every helper here tolerates missing keys and
wrong types instead of raising. Sentences that mix factsift's words with text from the
report come back as parts (``untrusted.Part``), so that each renderer can neutralise and
isolate the untrusted runs (``factsift.report.untrusted``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from factsift.report.untrusted import Part, Untrusted, untrusted

SELF_APPLIED_NOTE = "self-applied: the site says this about itself, not an independent check"
NOT_ENOUGH_EVIDENCE = "Not enough evidence"
NO_CITES = "No citations given."

ATTRIBUTION_KIND_LABELS = {
    "named_person": "named person",
    "anonymous": "anonymous source",
    "organisation": "organisation",
    "news_outlet": "news outlet",
    "document": "document",
    "none": "no attribution",
}

PUBLISHER_METHOD_LABELS = {
    "url": "from the article's URL",
    "site_name": "from the page's site name",
    "badge": "from a badge in the text",
    "copyright": "from a copyright line in the text",
    "byline": "from the byline",
    "store": "from the knowledge store",
    "author_box": "from the author box",
}

_KIND_TOKEN = re.compile(r"[^a-z0-9_]+")


def as_text(value: object) -> str:
    """Any value as a string, None as empty; still untrusted: renderers neutralise it."""
    return "" if value is None else str(value)


def kind_token(value: object) -> str:
    """A kind as a safe identifier for CSS classes and anchors (``[a-z0-9_]`` only)."""
    token = _KIND_TOKEN.sub("_", as_text(value).lower()).strip("_")
    return token or "other"


def is_web_url(value: object) -> bool:
    """True only for absolute http(s) URLs with a host: the only ones shown as links."""
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.netloc)


def or_own(value: object, fallback: str) -> Part:
    """The value as untrusted text, or factsift's ``fallback`` when it is empty."""
    text = as_text(value)
    return Untrusted(text) if text else fallback


def count_part(value: object) -> Part:
    """A count from the report: factsift's digits when it is an integer, else untrusted."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return untrusted(value)


def attribution_kind_label(kind: object) -> Part:
    return ATTRIBUTION_KIND_LABELS.get(str(kind)) or or_own(kind, "unknown")


def publisher_method_label(method: object) -> list[Part]:
    label = PUBLISHER_METHOD_LABELS.get(str(method))
    return [label] if label else ["by ", or_own(method, "unknown means")]


def span_bounds(span: object, text_length: int) -> tuple[int, int] | None:
    """``(start, end)`` of a span dict, clipped to the text; None if absent or empty."""
    if not isinstance(span, Mapping):
        return None
    start, end = span.get("start"), span.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    if isinstance(start, bool) or isinstance(end, bool):
        return None
    start, end = max(0, start), min(text_length, end)
    return (start, end) if start < end else None


def as_list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def as_dict(value: object) -> dict[str, Any]:
    return dict(value) if isinstance(value, Mapping) else {}


def says_not_enough_evidence(finding: Mapping[str, Any]) -> bool:
    """A finding says "not enough evidence" by its kind or by ``data.not_enough_evidence``."""
    kind = str(finding.get("kind", ""))
    data = as_dict(finding.get("data"))
    return kind == "not_enough_evidence" or data.get("not_enough_evidence") is True


def group_findings(findings: Iterable[Any]) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """Findings by kind, in order of first appearance, each with its index in the report."""
    groups: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for index, finding in enumerate(findings):
        if isinstance(finding, Mapping):
            groups.setdefault(as_text(finding.get("kind")) or "other", []).append(
                (index, dict(finding))
            )
    return groups


def kind_title(kind: object) -> Part:
    """``"self_applied_badge"`` -> ``"Self applied badge"``: the kind's own words, untrusted."""
    words = as_text(kind).replace("_", " ").replace("-", " ").strip()
    return Untrusted(words[:1].upper() + words[1:]) if words else "Other"


def percent(share: object) -> str:
    if isinstance(share, int | float) and not isinstance(share, bool):
        return f"{share * 100:.0f}%"
    return "n/a"


def confidence_text(value: object) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:.2f}"
    return None


def anonymous_share_sentence(share: Mapping[str, Any]) -> list[Part]:
    """One plain sentence on how many claims rest on anonymous sources."""
    total = share.get("claims")
    if not isinstance(total, int) or total == 0:
        return ["No claims were found, so there is no anonymous-source share."]
    return [
        "Claims resting on anonymous sources: ",
        count_part(share.get("anonymous")),
        f" of {total} ({percent(share.get('share'))}); claims attributed to someone: ",
        count_part(share.get("attributed")),
        f" of {total}.",
    ]


def claim_of_sentence(claims: Iterable[Any], sentence: object) -> int | None:
    """Position of the claim made by sentence index ``sentence``, if any."""
    for position, claim in enumerate(claims):
        if isinstance(claim, Mapping) and claim.get("sentence") == sentence:
            return position
    return None


CLAIM_STATUS_LABELS = {
    "supported": "supported by evidence",
    "refuted": "refuted by evidence",
    "disputed": "disputed: strong evidence on both sides",
    "previously_fact_checked": "previously fact-checked",
    "not_enough_evidence": NOT_ENOUGH_EVIDENCE.lower(),
}
EVIDENCE_SECTION = "evidence"


def claim_status_label(status: object) -> str:
    """The claim status in words; a missing status reads as not enough evidence."""
    return CLAIM_STATUS_LABELS.get(str(status), NOT_ENOUGH_EVIDENCE.lower())


def evidence_by_claim(data: Mapping[str, Any]) -> dict[int, dict[str, Any]]:
    """The evidence section's entry of each claim, by claim index."""
    section = as_dict(as_dict(data.get("sections")).get(EVIDENCE_SECTION))
    out: dict[int, dict[str, Any]] = {}
    for item in as_list(section.get("claims")):
        entry = as_dict(item)
        if isinstance(entry.get("claim"), int):
            out[entry["claim"]] = entry
    return out


STANCES = ("supports", "refutes")


def evidence_line(passage: Mapping[str, Any]) -> list[Part]:
    """One evidence passage in words: stance, probability, source and date."""
    stance = as_text(passage.get("stance"))
    head: list[Part] = [stance if stance in STANCES else or_own(stance, "no stance")]
    if passage.get("strong"):
        head.append(" (strong)")
    elif stance == "supports" and passage.get("figures_differ"):
        head.append(" (not counted: figures differ)")
    elif stance in STANCES:
        head.insert(0, "leans ")  # below the floor: the model is not sure enough to count it
    if probability := confidence_text(passage.get("probability")):
        head.append(f" {probability}")
    source = passage.get("publisher") or passage.get("title") or passage.get("url")
    return [
        *head,
        " \u2014 ",
        or_own(source, "unknown source"),
        ", ",
        or_own(passage.get("date"), "undated"),
    ]


def figures_note(passage: Mapping[str, Any]) -> list[Part]:
    """The claim's figures this passage gives differently, in one sentence; [] when none."""
    parts: list[Part] = []
    for item in as_list(passage.get("figures_differ")):
        entry = as_dict(item)
        claim = as_text(entry.get("claim"))
        theirs = [as_text(v) for v in as_list(entry.get("passage")) if as_text(v)]
        if claim and theirs:
            parts.extend(["; " if parts else "", "the claim says ", Untrusted(claim)])
            parts.append(", this passage ")
            for position, figure in enumerate(theirs):
                parts.extend([", " if position else "", Untrusted(figure)])
    return ["Figures differ: ", *parts, "."] if parts else []


def evidence_note(section: Mapping[str, Any]) -> list[Part]:
    """What was searched, in one sentence."""
    status = section.get("status")
    if status in ("no_store", "empty") or section.get("note"):
        return [or_own(section.get("note"), "No evidence was searched.")]
    parts: list[Part] = ["Searched ", count_part(section.get("documents_searched"))]
    parts.append(" reference documents, ")
    if section.get("article_date"):
        parts.extend(["dated up to ", count_part(section.get("after_days"))])
        parts.extend([" days after the article (", untrusted(section["article_date"]), ")"])
    else:
        parts.append("with no date filter (the article's date is unknown)")
    parts.append(", excluding the article's own publisher and documents it shares text with.")
    sources = section.get("min_sources")
    if floor := confidence_text(section.get("strong_floor")):
        who: list[Part] = ["passages"]
        if sources:
            who = ["passages from at least ", count_part(sources), " documents"]
        parts.extend([" A claim gets a status only when ", *who])
        parts.append(
            f" with stance probability of at least {floor} agree and none strongly disagrees;"
            f" otherwise: {NOT_ENOUGH_EVIDENCE.lower()}."
        )
    return parts
