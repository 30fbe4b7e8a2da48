"""The report's source section: every rating with its parts, agreement, independence.

No single opaque score: each rating is listed with its list, rater, date, raw value and
normalised value; agreement is the spread of the normalised values; independence counts
ratings whose original raters do not overlap (see ``lineage``).
"""

from __future__ import annotations

from dataclasses import asdict
from statistics import mean
from typing import Any

from factsift.article import Cite, Finding, Publisher
from factsift.sources.lineage import ROOTS, independence, root_names
from factsift.sources.model import FamilyMember, RatingList, StoredRating

SCALE = "0 = least reliable .. 1 = most reliable (docs/sources.md); None: not about reliability"
LOW, HIGH = 0.35, 0.7  # below LOW reads as unreliable, above HIGH as reliable


def reading(value: float) -> str:
    if value < LOW:
        return "low"
    if value > HIGH:
        return "high"
    return "middling"


def _rating_dict(rating: StoredRating, relation: str) -> dict[str, Any]:
    data = asdict(rating)
    data["roots"] = list(rating.roots)
    data["rater_name"] = ROOTS.get(rating.rater, rating.rater)
    data["domain_relation"] = relation
    return data


def _describe(rating: StoredRating) -> str:
    raw = rating.raw_label if rating.raw_label is not None else f"{rating.raw_score:g}"
    facet = {"flag": "listed as", "quality": "quality", "score": "score"}.get(
        rating.facet, rating.facet
    )
    who = (
        f" by {ROOTS.get(rating.rater, rating.rater)}"
        if rating.rater not in (rating.list_name, "lin2023-pc1")
        else ""
    )
    value = f" -> {rating.value:.2f}" if rating.value is not None else ""
    return f"{facet} {raw}{who}{value}"


def _cite(rating: StoredRating) -> Cite:
    date = rating.date or rating.list_date or "undated"
    return Cite(
        kind="rating",
        label=f"{rating.list_title} ({date})",
        url=rating.url,
        ref=f"{rating.list_name}:{rating.record}",
    )


def agreement(ratings: list[StoredRating]) -> dict[str, Any]:
    values = [r.value for r in ratings if r.value is not None]
    if not values:
        return {"values": 0}
    readings = sorted({reading(v) for v in values})
    return {
        "values": len(values),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
        "mean": round(mean(values), 3),
        "readings": readings,
        "agree": len(readings) == 1,
    }


def build(
    publisher: Publisher,
    family: list[FamilyMember],
    ratings: list[StoredRating],
    lists: list[RatingList],
) -> tuple[dict[str, Any], list[Finding]]:
    """The section and its findings for a resolved publisher."""
    relation = {m.domain: m.relation for m in family}
    home = family[0].domain if family else publisher.domain
    findings: list[Finding] = []
    section: dict[str, Any] = {
        "scale": SCALE,
        "publisher": {"name": publisher.name, "domain": home, "source_id": publisher.source_id},
        "domains": [
            {"domain": m.domain, "relation": m.relation, "links": [asdict(k) for k in m.links]}
            for m in family
        ],
        "ratings": [_rating_dict(r, relation.get(r.domain, "self")) for r in ratings],
    }
    for member in family:
        if member.relation == "self" or not member.links:
            continue
        findings.append(
            Finding(
                kind="source_history",
                summary=f"{member.domain} is a {member.relation} domain of {home}: "
                + " ".join(
                    f"{k.domain} -> {k.target} ({k.kind}, {k.date or 'undated'}): {k.evidence}"
                    for k in member.links
                    if member.domain in (k.domain, k.target)
                )[:600],
                cites=[
                    Cite(
                        kind="document" if k.evidence_url else "rule",
                        label=f"{k.origin} link {k.domain} -> {k.target}",
                        url=k.evidence_url,
                    )
                    for k in member.links
                ],
                data={"domain": member.domain, "relation": member.relation},
            )
        )
    judged = [r for r in ratings if r.value is not None or r.facet == "flag"]
    by_list: dict[str, list[StoredRating]] = {}
    for rating in judged:
        by_list.setdefault(rating.list_name, []).append(rating)
    for name, items in sorted(by_list.items()):
        parts = []
        for domain in sorted({r.domain for r in items}, key=lambda d: d != home):
            rel = relation.get(domain, "self")
            where = domain if rel == "self" else f"{domain} ({rel} domain)"
            parts.append(
                f"{where}: " + "; ".join(_describe(r) for r in items if r.domain == domain)
            )
        first = items[0]
        findings.append(
            Finding(
                kind="source_rating",
                summary=f"{first.list_title} ({first.list_date or 'undated'}) rates "
                + " | ".join(parts)
                + ".",
                cites=[_cite(r) for r in items],
                data={"list": name, "values": [r.value for r in items]},
            )
        )
    ind = independence(judged)
    agree = agreement(judged)
    covered = set(by_list) | {r.list_name for r in ratings}
    not_covering = [
        {"list": x.name, "title": x.title, "date": x.date, "flags_only": x.flags_only}
        for x in lists
        if x.name not in covered
    ]
    section["agreement"] = agree
    section["independence"] = {
        "independent_count": len(ind.independent),
        "independent": [asdict(s) for s in ind.independent],
        "shared_roots": {
            root: [f"{s.list_name}/{s.rater}" for s in items] for root, items in ind.shared.items()
        },
        "roots": ind.roots,
    }
    section["not_covering"] = not_covering
    if not judged:
        findings.append(unrated_finding(home or publisher.name or "the publisher", lists))
        return section, findings
    independent = "; ".join(
        f"{s.list_name}/{s.rater} ({', '.join(root_names(s.roots))})" for s in ind.independent
    )
    shared = "; ".join(
        f"{ROOTS.get(root, root)}: {', '.join(f'{s.list_name}/{s.rater}' for s in items)}"
        for root, items in ind.shared.items()
    )
    spread = (
        f"all {agree['readings'][0]} ({agree['min']:.2f}-{agree['max']:.2f} on the 0-1 scale)"
        if agree.get("agree")
        else f"they disagree ({agree['min']:.2f}-{agree['max']:.2f}: "
        f"{', '.join(agree['readings'])})"
        if agree.get("values")
        else "none gives a value on the reliability scale"
    )
    findings.insert(
        0,
        Finding(
            kind="source_agreement",
            summary=f"{len(judged)} rating(s) from {len(by_list)} list(s) cover {home}"
            f"{' and its former domains' if len(family) > 1 else ''}: {spread}. "
            f"{len(ind.independent)} rest on independent raters: {independent}. "
            + (f"Lists sharing a root: {shared}. " if shared else "")
            + f"{len(not_covering)} imported list(s) do not cover it"
            + (f" ({', '.join(str(x['list']) for x in not_covering)})" if not_covering else "")
            + (
                "; lists that only name unreliable sites say nothing by leaving a site out."
                if any(x["flags_only"] for x in not_covering)
                else "."
            ),
            cites=[_cite(r) for r in judged if r.value is not None][:12],
            data={"agreement": agree, "independent_count": len(ind.independent)},
        ),
    )
    return section, findings


def unrated_finding(who: str, lists: list[RatingList]) -> Finding:
    names = ", ".join(x.name for x in lists) or "none imported"
    return Finding(
        kind="source_unrated",
        summary=f"No independent rating found for {who}: none of the imported rating lists "
        f"({names}) covers it or a domain linked to it. This is not a judgement either way.",
        cites=[Cite(kind="rule", label=f"searched lists: {names}")],
    )
