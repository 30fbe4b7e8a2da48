"""The sections of the HTML report below and beside the article text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from factsift.report.common import (
    NO_CITES,
    NOT_ENOUGH_EVIDENCE,
    SELF_APPLIED_NOTE,
    anonymous_share_sentence,
    as_dict,
    as_list,
    attribution_kind_label,
    claim_of_sentence,
    claim_status_label,
    confidence_text,
    evidence_by_claim,
    group_findings,
    kind_title,
    kind_token,
    or_own,
    publisher_method_label,
    says_not_enough_evidence,
    span_bounds,
)
from factsift.report.html_evidence import SECTION as EVIDENCE_SECTION
from factsift.report.html_evidence import accepts as evidence_accepts
from factsift.report.html_evidence import evidence_section
from factsift.report.html_generic import esc, link, own, parts_html, render_value
from factsift.report.html_trace import SECTION as TRACE_SECTION
from factsift.report.html_trace import accepts as trace_accepts
from factsift.report.html_trace import trace_section

# Sections with a renderer of their own (given the whole report), used when the section
# has the shape it reads: name -> (accepts, render). Every other section is generic.
DEDICATED_SECTIONS = {
    TRACE_SECTION: (trace_accepts, trace_section),
    EVIDENCE_SECTION: (evidence_accepts, evidence_section),
}


def _dedicated(name: str, value: object) -> bool:
    entry = DEDICATED_SECTIONS.get(name)
    return entry is not None and entry[0](value)


QUOTE_CHARS = 160


def _section(anchor: str, title: str, body: str) -> str:
    return f'<section class="part" id="{own(anchor)}"><h2>{own(title)}</h2>{body}</section>'


def _attribution(attribution: Mapping[str, Any], claims: list[Any]) -> str:
    kind = kind_token(attribution.get("kind"))
    who = parts_html([or_own(attribution.get("source"), "(no source named)")])
    role = f", {esc(attribution['role'])}" if attribution.get("role") else ""
    parts = [f'<span class="attr attr-{kind}">{who}</span>{role}']
    parts.append(parts_html([attribution_kind_label(attribution.get("kind"))]))
    if attribution.get("cue"):
        parts.append(f"cue \u201c{esc(attribution['cue'])}\u201d")
    if isinstance(attribution.get("carried_from"), int):
        source = claim_of_sentence(claims, attribution["carried_from"])
        if source is not None:
            parts.append(f'carried from <a href="#claim-{source}">claim {source + 1}</a>')
        else:
            parts.append("carried from an earlier sentence")
    return " · ".join(parts)


def claims_list(data: Mapping[str, Any]) -> str:
    """The numbered claims, each with its attribution, linked to and from the text."""
    claims = [as_dict(c) for c in as_list(data.get("claims"))]
    attributions = as_list(data.get("attributions"))
    about: dict[int, list[int]] = {}
    for index, finding in enumerate(as_dict(f) for f in as_list(data.get("findings"))):
        if isinstance(finding.get("claim"), int):
            about.setdefault(finding["claim"], []).append(index)
    share = parts_html(anonymous_share_sentence(as_dict(data.get("anonymous_share"))))
    evidence = evidence_by_claim(data)
    items = []
    for index, claim in enumerate(claims):
        pointer = claim.get("attribution")
        if isinstance(pointer, int) and 0 <= pointer < len(attributions):
            who = _attribution(as_dict(attributions[pointer]), claims)
        else:
            who = "nobody named (the article's own statement)"
        lines = [
            f'<p class="claim-text">{esc(claim.get("text"))} '
            f'<a class="back" href="#claim-{index}-text">\u2191 in text</a></p>',
            f'<p class="who">Attributed to: {who}</p>',
        ]
        if (score := confidence_text(claim.get("checkworthiness"))) is not None:
            method = esc(claim.get("checkworthiness_method"))
            lines.append(
                f'<p class="meta">Check-worthiness {own(score)}'
                + (f" ({method})" if method else "")
                + "</p>"
            )
        lines.append(
            f'<p class="meta status status-{kind_token(claim.get("status"))}">Status: '
            f"{own(claim_status_label(claim.get('status')))}"
            + (f' · <a href="#evidence-{index}">evidence</a>' if index in evidence else "")
            + "</p>"
        )
        if about.get(index):
            refs = " ".join(f'<a href="#finding-{i}">F{i + 1}</a>' for i in about[index])
            lines.append(f'<p class="meta">Findings: {refs}</p>')
        items.append(f'<li id="claim-{index}">{"".join(lines)}</li>')
    body = f'<ol class="claims">{"".join(items)}</ol>' if items else "<p>No claims found.</p>"
    return (
        f'<aside class="claims-list" id="claims"><h2>Claims ({len(claims)})</h2>'
        f'<p class="share">{share}</p>{body}</aside>'
    )


def _publisher(data: Mapping[str, Any]) -> str:
    publisher = data.get("publisher")
    if not isinstance(publisher, Mapping):
        return _section("publisher", "Publisher", "<p>Not identified.</p>")
    rows = [
        ("Name", parts_html([or_own(publisher.get("name"), "(no name)")])),
        ("Domain", parts_html([or_own(publisher.get("domain"), "unknown")])),
        ("Identified", parts_html(publisher_method_label(publisher.get("method")))),
        ("Evidence", f"\u201c{esc(publisher.get('evidence'))}\u201d"),
    ]
    if (confidence := confidence_text(publisher.get("confidence"))) is not None:
        rows.append(("Confidence", own(confidence)))
    candidates = [as_dict(c) for c in as_list(data.get("publisher_candidates"))]
    if candidates:
        names = ", ".join(f"{esc(c.get('name'))} ({esc(c.get('where'))})" for c in candidates)
        rows.append(("Names in the text", names))
    body = "".join(f"<dt>{own(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return _section("publisher", "Publisher", f'<dl class="facts">{body}</dl>')


def _badges(data: Mapping[str, Any]) -> str:
    items = []
    for badge in (as_dict(b) for b in as_list(data.get("badges"))):
        note = SELF_APPLIED_NOTE if badge.get("self_applied", True) else "not self-applied"
        checker = f" (names {esc(badge['claimed_by'])})" if badge.get("claimed_by") else ""
        items.append(
            f'<li><span class="badge">\u201c{esc(badge.get("text"))}\u201d</span>{checker}'
            f'<p class="warn"><span class="tag">self-applied</span> {own(note)}</p></li>'
            if badge.get("self_applied", True)
            else f"<li>\u201c{esc(badge.get('text'))}\u201d{checker} ({own(note)})</li>"
        )
    if not items:
        return ""
    return _section("badges", "Self-applied badges", f'<ul class="badges">{"".join(items)}</ul>')


def _author_box(data: Mapping[str, Any]) -> str:
    box = data.get("author_box")
    if not isinstance(box, Mapping):
        return ""
    rows = [("Name", esc(box.get("name")))]
    if isinstance(box.get("article_count"), int):
        rows.append(("Articles (as the site counts them)", own(str(box["article_count"]))))
    if box.get("description"):
        rows.append(("Description", esc(box["description"])))
    body = "".join(f"<dt>{own(k)}</dt><dd>{v}</dd>" for k, v in rows)
    note = '<p class="note">As the page describes its author; not checked.</p>'
    return _section("author-box", "Author box", f'<dl class="facts">{body}</dl>{note}')


def _cite(cite: Mapping[str, Any], finding: int, position: int, text: str) -> str:
    parts = [f'<span class="cite-kind">{esc(cite.get("kind"))}</span>']
    parts.append(parts_html([or_own(cite.get("label"), "(no label)")]))
    bounds = span_bounds(cite.get("span"), len(text))
    if bounds is not None:
        quote = text[bounds[0] : bounds[1]]
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1] + "\u2026"
        parts.append(f"<q>{esc(quote)}</q>")
        parts.append(f'<span class="meta">characters {bounds[0]}\u2013{bounds[1]}</span>')
        if cite.get("kind") == "article":
            parts.append(f'<a class="back" href="#finding-{finding}-cite-{position}">in text</a>')
    if cite.get("url"):
        parts.append(link(cite["url"]))
    if cite.get("ref"):
        parts.append(f'<span class="meta">ref {esc(cite["ref"])}</span>')
    return f"<li>{' '.join(parts)}</li>"


def _finding(index: int, finding: Mapping[str, Any], text: str) -> str:
    head = [f'<span class="fid">F{index + 1}</span>']
    if says_not_enough_evidence(finding):
        head.append(f'<span class="nee">{own(NOT_ENOUGH_EVIDENCE)}</span>')
    head.append(esc(finding.get("summary")))
    meta = []
    if isinstance(finding.get("claim"), int):
        meta.append(f'about <a href="#claim-{finding["claim"]}">claim {finding["claim"] + 1}</a>')
    if (confidence := confidence_text(finding.get("confidence"))) is not None:
        meta.append(f"confidence {own(confidence)}")
    if meta:
        head.append(f'<span class="meta">({", ".join(meta)})</span>')
    cites = [as_dict(c) for c in as_list(finding.get("cites"))]
    listed = "".join(_cite(c, index, p, text) for p, c in enumerate(cites))
    cites_html = f'<ul class="cites">{listed}</ul>' if cites else f'<p class="meta">{NO_CITES}</p>'
    data = as_dict(finding.get("data"))
    extra = f"<details><summary>Data</summary>{render_value(data)}</details>" if data else ""
    return f'<li id="finding-{index}"><p>{" ".join(head)}</p>{cites_html}{extra}</li>'


def _findings(data: Mapping[str, Any]) -> str:
    text = str(as_dict(data.get("article")).get("text") or "")
    findings = as_list(data.get("findings"))
    groups = group_findings(findings)
    parts = []
    for kind, items in groups.items():
        listed = "".join(_finding(index, finding, text) for index, finding in items)
        heading = parts_html([kind_title(kind), f" ({len(items)})"])
        parts.append(
            f'<h3 class="kind-{kind_token(kind)}">{heading}</h3><ul class="findings">{listed}</ul>'
        )
    body = "".join(parts) or "<p>No findings.</p>"
    return _section("findings", f"Findings ({len(findings)})", body)


def _generic_sections(data: Mapping[str, Any]) -> str:
    sections = as_dict(data.get("sections"))
    parts = [
        f'<section class="generic"><h3>{parts_html([kind_title(name)])}</h3>'
        f"{render_value(value)}</section>"
        for name, value in sections.items()
        if not _dedicated(str(name), value)
    ]
    return _section("sections", "More from the checks", "".join(parts)) if parts else ""


def body_sections(data: Mapping[str, Any]) -> str:
    """Publisher, badges, author box, findings, dedicated and generic sections, in order."""
    return "\n".join(
        part
        for part in (
            _publisher(data),
            _badges(data),
            _author_box(data),
            _findings(data),
            *(render(data) for _, render in DEDICATED_SECTIONS.values()),
            _generic_sections(data),
        )
        if part
    )
