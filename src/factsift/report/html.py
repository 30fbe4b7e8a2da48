"""The report as one self-contained HTML file: inline CSS, no JavaScript, strict CSP.

The article text is shown with its spans marked (attributions and cues coloured by kind,
self-applied badges, the author box, numbered claims, and every finding that cites a
span of the article), followed by the report's sections. Everything taken from the
article or the store is escaped; only http(s) URLs become links.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any

from factsift.report.common import (
    SELF_APPLIED_NOTE,
    as_dict,
    as_list,
    attribution_kind_label,
    clean,
    kind_title,
    kind_token,
    span_bounds,
)
from factsift.report.html_generic import esc, link
from factsift.report.html_marks import Mark, mark_text
from factsift.report.html_sections import body_sections, claims_list

if TYPE_CHECKING:
    from factsift.report.model import Report

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def render_html(report: Report) -> str:
    """The whole report as one HTML document (a string)."""
    data = report.data
    article = as_dict(data.get("article"))
    title = clean(article.get("title")) or "(no title)"
    css = (resources.files("factsift.report") / "report.css").read_text(encoding="utf-8")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>factsift report: {esc(title)}</title>",
            f"<style>{css}</style>",
            "</head>",
            "<body>",
            _header(article, title),
            '<div class="layout">',
            _article_text(data),
            claims_list(data),
            "</div>",
            body_sections(data),
            _footer(data),
            "</body>",
            "</html>",
            "",
        ]
    )


def _header(article: Mapping[str, Any], title: str) -> str:
    facts = []
    if article.get("url"):
        facts.append(f"<span>URL: {link(article['url'])}</span>")
    authors = ", ".join(clean(a) for a in as_list(article.get("authors")))
    if authors:
        facts.append(f"<span>By {esc(authors)}</span>")
    if article.get("date"):
        facts.append(f"<span>{esc(article['date'])}</span>")
    if article.get("site_name"):
        facts.append(f"<span>Site: {esc(article['site_name'])}</span>")
    return (
        f'<header><p class="kicker">factsift report</p><h1>{esc(title)}</h1>'
        f'<p class="facts">{" · ".join(facts)}</p></header>'
    )


def _legend() -> str:
    kinds = ["named_person", "anonymous", "organisation", "news_outlet", "document"]
    chips = "".join(
        f'<span class="attr attr-{k}">{esc(attribution_kind_label(k))}</span> ' for k in kinds
    )
    return (
        f'<p class="legend">Sources: {chips}· <span class="cue">cue</span> · '
        '<span class="claim">claim</span> · <span class="badge">self-applied badge</span> · '
        '<span class="authorbox">author box</span> · <span class="cited">cited by a finding</span>'
        "</p>"
    )


def _article_text(data: Mapping[str, Any]) -> str:
    text = str(as_dict(data.get("article")).get("text") or "")
    marked = mark_text(text, article_marks(data))
    return (
        '<section class="article" id="article"><h2>Article text</h2>'
        f'{_legend()}<div class="text">{marked}</div></section>'
    )


def article_marks(data: Mapping[str, Any]) -> list[Mark]:
    """Every span of the article the page marks, from any report (missing parts skipped)."""
    length = len(str(as_dict(data.get("article")).get("text") or ""))
    marks: list[Mark] = []

    def add(span: object, classes: str, title: str, order: int, **extra: Any) -> None:
        bounds = span_bounds(span, length)
        if bounds is not None:
            marks.append(Mark(bounds[0], bounds[1], classes, title, order=order, **extra))

    box = data.get("author_box")
    if isinstance(box, Mapping):
        add(box.get("span"), "authorbox", f"Author box: {clean(box.get('name'))}", 0)
    for badge in (as_dict(b) for b in as_list(data.get("badges"))):
        tag = '<span class="tag">self-applied</span>' if badge.get("self_applied", True) else ""
        checker = (
            f" naming {clean(badge['claimed_by'])} as checker" if badge.get("claimed_by") else ""
        )
        title = f"Badge{checker}: {SELF_APPLIED_NOTE}"
        add(badge.get("span"), "badge", title, 1, lead_html=tag)
    for index, claim in enumerate(as_dict(c) for c in as_list(data.get("claims"))):
        number = f'<a class="ref" href="#claim-{index}">{index + 1}</a>'
        title = f"Claim {index + 1}: see the claims list"
        add(claim.get("span"), "claim", title, 2, anchor=f"claim-{index}-text", lead_html=number)
    for attribution in (as_dict(a) for a in as_list(data.get("attributions"))):
        kind = kind_token(attribution.get("kind"))
        who = clean(attribution.get("source")) or "(no source named)"
        if attribution.get("role"):
            who += f", {clean(attribution['role'])}"
        about = f"{who} ({attribution_kind_label(attribution.get('kind'))})"
        add(attribution.get("source_span"), f"attr attr-{kind}", f"Attributed to: {about}", 3)
        add(attribution.get("role_span"), f"attr attr-{kind} role", f"Role of: {about}", 3)
        cue = clean(attribution.get("cue"))
        add(attribution.get("cue_span"), f"cue cue-{kind}", f"Cue \u201c{cue}\u201d for {about}", 4)
    for index, finding in enumerate(as_dict(f) for f in as_list(data.get("findings"))):
        title = f"{kind_title(str(finding.get('kind', '')))}: {clean(finding.get('summary'))}"
        for position, cite in enumerate(as_dict(c) for c in as_list(finding.get("cites"))):
            if cite.get("kind") != "article":
                continue
            ref = f'<a class="ref finding-ref" href="#finding-{index}">F{index + 1}</a>'
            add(
                cite.get("span"),
                f"cited cited-{kind_token(finding.get('kind'))}",
                title,
                5,
                anchor=f"finding-{index}-cite-{position}",
                lead_html=ref,
            )
    return marks


def _footer(data: Mapping[str, Any]) -> str:
    generator = as_dict(data.get("generator"))
    stages = ", ".join(clean(s) for s in as_list(generator.get("stages"))) or "none recorded"
    return (
        f"<footer>{esc(generator.get('name') or 'factsift')} {esc(generator.get('version'))}"
        f" · report schema {esc(data.get('schema_version'))} · created {esc(data.get('created'))}"
        f" · stages: {esc(stages)}</footer>"
    )
