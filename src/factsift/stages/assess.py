"""Article-level findings from the language layer, and each claim's status.

Runs last: a claim gets a status only from findings that cite evidence for it (a prior
fact-check, evidence passages); otherwise its status is "not enough evidence".
"""

from __future__ import annotations

from collections import Counter

from factsift.article import Article, AttributionKind, Cite, Finding
from factsift.report.model import anonymous_share

# Finding kinds that may set a claim's status, strongest first.
STATUS_FROM_FINDING = {
    "claim_refuted": "refuted",
    "claim_disputed": "disputed",
    "claim_supported": "supported",
    "previously_fact_checked": "previously_fact_checked",
}
NOT_ENOUGH = "not_enough_evidence"


class AssessStage:
    name = "assess"
    requires = ("claims", "badges", "author_box", "attributions", "publisher")
    assigns = ("findings",)

    def __call__(self, article: Article) -> Article:
        article.findings.extend(_badge_findings(article))
        # The author box itself is report data (``author_box``); the sources stage states
        # what it implies (article volume, self-description against the topic).
        restated = _restated_outlets(article)
        if restated is not None:
            article.findings.append(restated)
        if article.claims:
            article.findings.append(_anonymous_share_finding(article))
        _set_claim_status(article)
        return article


def _badge_findings(article: Article) -> list[Finding]:
    findings = []
    for badge in article.badges:
        who = badge.claimed_by or "an unnamed checker"
        findings.append(
            Finding(
                kind="self_applied_badge",
                summary=f'"{badge.text}" is a label the page gives itself: it names {who} as '
                "the checker, not an independent fact-checking organisation. It is not "
                "evidence that the article was checked.",
                cites=[Cite(kind="article", label=badge.text, span=badge.span)],
                data={"label": badge.label, "claimed_by": badge.claimed_by},
            )
        )
    return findings


def _restated_outlets(article: Article) -> Finding | None:
    """The body says it restates another outlet's report ("The WSJ report: ...")."""
    carried = Counter(
        a.source
        for a in article.attributions
        if a.kind is AttributionKind.NEWS_OUTLET and a.carried_from is not None and a.source
    )
    if not carried:
        return None
    heads = [
        a
        for a in article.attributions
        if a.kind is AttributionKind.NEWS_OUTLET and a.source in carried and a.source_span
    ]
    names = ", ".join(sorted(carried))
    count = sum(carried.values()) + len(heads)
    return Finding(
        kind="restates_other_outlet",
        summary=f"The text says it restates another outlet's reporting ({names}): "
        f"{count} sentences are attributed to it. Compare with the original report "
        "(trace section) before relying on this copy.",
        cites=[
            Cite(kind="article", label=f"{a.source} {a.cue or ''}".strip(), span=a.source_span)
            for a in heads
        ],
        data={"outlets": sorted(carried), "sentences": count},
    )


def _anonymous_share_finding(article: Article) -> Finding:
    share = anonymous_share(article)
    claims = [article.claims[i] for i in share["anonymous_claims"]]
    spans = [
        article.attributions[c.attribution].source_span or c.span
        for c in claims
        if c.attribution is not None
    ]
    percent = f"{share['share']:.0%}" if share["share"] is not None else "n/a"
    return Finding(
        kind="anonymous_source_share",
        summary=f"{share['anonymous']} of {share['claims']} claims ({percent}) rest on "
        "anonymous sources (unnamed officials or sources).",
        cites=[Cite(kind="article", label=article.span_text(s), span=s) for s in spans],
        data=share,
    )


def _set_claim_status(article: Article) -> None:
    by_claim: dict[int, list[str]] = {}
    for finding in article.findings:
        if finding.claim is not None and finding.kind in STATUS_FROM_FINDING:
            by_claim.setdefault(finding.claim, []).append(finding.kind)
    order = list(STATUS_FROM_FINDING)
    for index, claim in enumerate(article.claims):
        kinds = by_claim.get(index)
        if kinds:
            claim.status = STATUS_FROM_FINDING[min(kinds, key=order.index)]
        else:
            claim.status = NOT_ENOUGH
    unchecked = [i for i, c in enumerate(article.claims) if c.status == NOT_ENOUGH]
    if unchecked:
        article.findings.append(
            Finding(
                kind="not_enough_evidence",
                summary=f"{len(unchecked)} of {len(article.claims)} claims: not enough "
                "evidence. No prior fact-check in the store matches them and no evidence "
                "passage speaks to them strongly and consistently, so the report gives no "
                "verdict on them.",
                cites=[
                    Cite(kind="article", label=f"claim {i + 1}", span=article.claims[i].span)
                    for i in unchecked
                ],
                data={"claims": unchecked},
            )
        )
