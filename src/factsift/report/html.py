"""The report as one self-contained HTML file: inline CSS, no JavaScript, strict CSP.

The article text is shown with its spans marked (attributions and cues coloured by kind,
self-applied badges, the author box, numbered claims, and every finding that cites a
span of the article), followed by the report's sections. Everything taken from the
article or the store is escaped, its hidden characters shown as placeholders and its runs
isolated (``html_generic``, ``untrusted``); only http(s) URLs become links.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any

from factsift.report.common import as_dict, as_list, attribution_kind_label, or_own
from factsift.report.html_article import article_marks
from factsift.report.html_generic import attr, block_dir, esc, link, own, parts_html
from factsift.report.html_marks import mark_text
from factsift.report.html_sections import body_sections, claims_list
from factsift.report.untrusted import Part

if TYPE_CHECKING:
    from factsift.report.model import Report

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def render_html(report: Report) -> str:
    """The whole report as one HTML document (a string)."""
    data = report.data
    article = as_dict(data.get("article"))
    title = or_own(article.get("title"), "(no title)")
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
            f"<title>{attr(['factsift report: ', title])}</title>",
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


def _header(article: Mapping[str, Any], title: Part) -> str:
    facts = []
    if article.get("url"):
        facts.append(f"<span>URL: {link(article['url'])}</span>")
    authors = ", ".join(name for name in map(esc, as_list(article.get("authors"))) if name)
    if authors:
        facts.append(f"<span>By {authors}</span>")
    if article.get("date"):
        facts.append(f"<span>{esc(article['date'])}</span>")
    if article.get("site_name"):
        facts.append(f"<span>Site: {esc(article['site_name'])}</span>")
    return (
        f'<header><p class="kicker">factsift report</p><h1>{parts_html([title])}</h1>'
        f'<p class="facts">{" · ".join(facts)}</p></header>'
    )


def _legend() -> str:
    kinds = ["named_person", "anonymous", "organisation", "news_outlet", "document"]
    chips = "".join(
        f'<span class="attr attr-{k}">{parts_html([attribution_kind_label(k)])}</span> '
        for k in kinds
    )
    return (
        f'<p class="legend">Sources: {chips}· <span class="cue">cue</span> · '
        '<span class="claim">claim</span> · <span class="badge">self-applied badge</span> · '
        '<span class="authorbox">author box</span> · <span class="cited">cited by a finding</span>'
        ' · <span class="cited-copied_passage">copied from an earlier document</span>'
        ' · <span class="cited-unsourced_text">no source found (added text)</span>'
        "</p>"
    )


def _article_text(data: Mapping[str, Any]) -> str:
    text = str(as_dict(data.get("article")).get("text") or "")
    marked = mark_text(text, article_marks(data))
    return (
        '<section class="article" id="article"><h2>Article text</h2>'
        f'{_legend()}<div class="text"{block_dir(text)}>{marked}</div></section>'
    )


def _footer(data: Mapping[str, Any]) -> str:
    generator = as_dict(data.get("generator"))
    stages = ", ".join(stage for stage in map(esc, as_list(generator.get("stages"))) if stage)
    name = parts_html([or_own(generator.get("name"), "factsift")])
    return (
        f"<footer>{name} {esc(generator.get('version'))}"
        f" · report schema {esc(data.get('schema_version'))} · created {esc(data.get('created'))}"
        f" · stages: {stages or own('none recorded')}</footer>"
    )
