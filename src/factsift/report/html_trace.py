"""The trace section of the HTML report: where the article's text comes from.

Each copied passage is shown as two columns, the source's text beside the article's, from
the word diff the trace stage stores (``equal`` plain on both sides, ``delete`` struck
through on the source side, ``insert`` highlighted on the article side). Every string is
article or corpus content and goes through ``esc`` (``esc_run`` inside the two columns,
blocks that hold nothing else); only http(s) URLs become links.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from factsift.report.common import (
    as_dict,
    as_list,
    as_text,
    confidence_text,
    is_web_url,
    kind_token,
    or_own,
    percent,
    span_bounds,
)
from factsift.report.html_generic import block_dir, esc, esc_run, link, own, parts_html

SECTION = "trace"
_WORD = re.compile(r"\S+")
TITLE = "Trace: where this text comes from"
NO_TEXT = '<span class="none">(no text)</span>'
KIND_LABELS = {
    "verbatim": "verbatim (word for word)",
    "near-verbatim": "near-verbatim (a few words changed)",
    "paraphrase": "paraphrase (same meaning, other words)",
}


def _pair_span(value: object) -> dict[str, Any] | None:
    """The section's ``[start, end]`` pairs as the span dicts ``span_bounds`` reads."""
    pair = as_list(value)
    if len(pair) != 2:
        return None
    return {"start": pair[0], "end": pair[1]}


def _document(doc: object) -> str:
    """A source document's label, as a link only when its URL is http(s)."""
    fields = as_dict(doc)
    label = as_text(fields.get("label") or fields.get("title") or fields.get("url"))
    url = as_text(fields.get("url")).strip()
    if is_web_url(url):
        return link(url, label or "(unnamed)")
    shown = f'<span class="trace-doc">{parts_html([or_own(label, "(unnamed)")])}</span>'
    if url and url != label:
        shown += f" {link(url)}"  # not http(s): shown as text, never as a link
    return shown


def _diff_ops(diff: object) -> list[tuple[str, str]]:
    ops = []
    for item in as_list(diff):
        pair = as_list(item)
        if len(pair) == 2 and pair[0] in {"equal", "delete", "insert"}:
            ops.append((str(pair[0]), str(pair[1])))
    return ops


def _side(ops: list[tuple[str, str]], keep: str, tag: str, original: str) -> str:
    """One column of a diff: ``equal`` text plain, the ``keep`` op wrapped in ``tag``.

    The diff stores words joined by single spaces; when its words are those of
    ``original``, the spacing between them (paragraph breaks) is taken from ``original``.
    """
    runs = [(op == keep, text.split()) for op, text in ops if op in {"equal", keep}]
    runs = [(marked, words) for marked, words in runs if words]
    matches = list(_WORD.finditer(original))
    if [m.group() for m in matches] != [w for _, words in runs for w in words]:
        pieces = [(marked, " ".join(words)) for marked, words in runs]
        return " ".join(
            f"<{tag}>{esc_run(t)}</{tag}>" if marked else esc_run(t) for marked, t in pieces
        )
    out: list[str] = []
    position, previous_end = 0, 0
    for marked, words in runs:
        start, end = matches[position].start(), matches[position + len(words) - 1].end()
        if position:
            out.append(esc_run(original[previous_end:start]))
        piece = esc_run(original[start:end])
        out.append(f"<{tag}>{piece}</{tag}>" if marked else piece)
        position, previous_end = position + len(words), end
    return "".join(out)


def _columns(
    ops: list[tuple[str, str]], source_head: str, article_head: str, texts: tuple[str, str]
) -> str:
    """Source and article side by side; without a diff, the two texts as given."""
    if ops:
        source = _side(ops, "delete", "del", texts[0])
        article = _side(ops, "insert", "ins", texts[1])
    else:
        source, article = esc_run(texts[0].strip()), esc_run(texts[1].strip())
    return (
        '<div class="trace-cols">'
        f'<div class="trace-col trace-source"><p class="trace-col-head">{source_head}</p>'
        f'<p class="trace-text"{block_dir(texts[0])}>{source or NO_TEXT}</p></div>'
        f'<div class="trace-col trace-article"><p class="trace-col-head">{article_head}</p>'
        f'<p class="trace-text"{block_dir(texts[1])}>{article or NO_TEXT}</p></div>'
        "</div>"
    )


def _finding_anchors(data: Mapping[str, Any], kind: str) -> dict[tuple[int, int], str]:
    """Where each finding of ``kind`` marks the article text, by span: ``#finding-i-cite-p``."""
    anchors: dict[tuple[int, int], str] = {}
    text_length = len(str(as_dict(data.get("article")).get("text") or ""))
    for index, finding in enumerate(as_dict(f) for f in as_list(data.get("findings"))):
        if finding.get("kind") != kind:
            continue
        for position, cite in enumerate(as_dict(c) for c in as_list(finding.get("cites"))):
            bounds = span_bounds(cite.get("span"), text_length)
            if cite.get("kind") == "article" and bounds is not None:
                anchors.setdefault(bounds, f"finding-{index}-cite-{position}")
    return anchors


def _in_text(anchors: dict[tuple[int, int], str], bounds: tuple[int, int] | None) -> str:
    if bounds is None or bounds not in anchors:
        return ""
    return f' <a class="back" href="#{own(anchors[bounds])}">\u2191 in text</a>'


def _passage(
    number: int,
    passage: Mapping[str, Any],
    text: str,
    anchors: dict[tuple[int, int], str],
) -> str:
    kind = as_text(passage.get("kind")) or "unknown"
    bounds = span_bounds(_pair_span(passage.get("article_span")), len(text))
    label = own(KIND_LABELS[kind]) if kind in KIND_LABELS else esc(kind)
    head = [
        f'<span class="trace-num">Passage {number}</span>',
        f'<span class="trace-kind trace-kind-{kind_token(kind)}">{label}</span>',
    ]
    if (similarity := confidence_text(passage.get("similarity"))) is not None:
        head.append(f"similarity {own(similarity)}")
    if bounds is not None:
        head.append(f"article characters {bounds[0]}\u2013{bounds[1]}{_in_text(anchors, bounds)}")
    lines = [f'<p class="trace-head">{" · ".join(head)}</p>']
    lines.append(f'<p class="trace-from">From: {_document(passage.get("source"))}</p>')
    also = [_document(d) for d in as_list(passage.get("also_in"))]
    if also:
        lines.append(f'<p class="trace-also">Also in: {"; ".join(also)}</p>')
    article_text = text[bounds[0] : bounds[1]] if bounds is not None else ""
    lines.append(
        _columns(
            _diff_ops(passage.get("diff")),
            "Source (<del>struck</del>: not in the article)",
            "This article (<ins>marked</ins>: not in the source)",
            (str(passage.get("source_text") or ""), article_text),
        )
    )
    return f'<article class="trace-passage" id="trace-passage-{number}">{"".join(lines)}</article>'


def _headline(headline: object) -> str:
    if not isinstance(headline, Mapping):
        return ""
    columns = _columns(
        _diff_ops(headline.get("diff")),
        "The origin's headline",
        "This article's headline",
        (str(headline.get("source_title") or ""), str(headline.get("article_title") or "")),
    )
    return f"<h3>Headline changed</h3>{columns}"


def _unsourced(section: Mapping[str, Any], data: Mapping[str, Any], text: str) -> str:
    items = [as_dict(u) for u in as_list(section.get("unsourced"))]
    if not items:
        return ""
    anchors = _finding_anchors(data, "unsourced_text")
    listed = []
    for item in items:
        bounds = span_bounds(_pair_span(item.get("span")), len(text))
        where = f" (characters {bounds[0]}\u2013{bounds[1]})" if bounds is not None else ""
        listed.append(
            f'<li><q>{esc(item.get("text"))}</q><span class="meta">{where}</span>'
            f"{_in_text(anchors, bounds)}</li>"
        )
    note = (
        '<p class="note">Not in the document the rest was copied from, nor elsewhere in the '
        "reference corpus: added, or taken from a source the corpus does not hold.</p>"
    )
    return (
        f"<h3>Text with no source in the corpus ({len(items)})</h3>{note}"
        f'<ul class="trace-unsourced">{"".join(listed)}</ul>'
    )


def _quotes(section: Mapping[str, Any]) -> str:
    quotes = [as_dict(q) for q in as_list(section.get("quotes"))]
    if not quotes:
        return ""
    listed = []
    for quote in quotes:
        first = quote.get("first_appearance")
        if isinstance(first, Mapping):
            count = quote.get("documents")
            held = f" ({count} reference document(s) hold it)" if isinstance(count, int) else ""
            where = f"first appears in {_document(first)}{held}"
        else:
            where = "not found in the reference corpus"
        listed.append(f"<li><q>{esc(quote.get('text'))}</q> \u2014 {where}</li>")
    return f'<h3>Quotes ({len(quotes)})</h3><ul class="trace-quotes">{"".join(listed)}</ul>'


def _later(section: Mapping[str, Any]) -> str:
    later = [_document(d) for d in as_list(section.get("later_documents"))]
    if not later:
        return ""
    items = "".join(f"<li>{doc}</li>" for doc in later)
    return (
        f"<h3>Later documents ({len(later)})</h3>"
        '<p class="note">They hold this text but are dated after the article, so none is '
        f'taken as its source.</p><ul class="trace-later">{items}</ul>'
    )


def accepts(value: object) -> bool:
    """True for a section of the trace stage's shape; any other is shown generically."""
    return isinstance(value, Mapping) and ("status" in value or "passages" in value)


def trace_section(data: Mapping[str, Any]) -> str:
    """The trace section, or "" when the report has none."""
    value = as_dict(data.get("sections")).get(SECTION)
    if not accepts(value):
        return ""
    section = as_dict(value)
    text = str(as_dict(data.get("article")).get("text") or "")
    facts = []
    if "copied_share" in section:
        facts.append(("Copied share", own(percent(section.get("copied_share")))))
    if isinstance(section.get("origin"), Mapping):
        facts.append(("Origin", _document(section["origin"])))
    count = section.get("corpus_documents")
    if isinstance(count, int):
        plural = "" if count == 1 else "s"
        facts.append(("Compared with", f"{count} reference document{plural}"))
    parts = [f'<p class="trace-summary">{esc(section.get("summary"))}</p>']
    if facts:
        rows = "".join(f"<dt>{own(k)}</dt><dd>{v}</dd>" for k, v in facts)
        parts.append(f'<dl class="facts">{rows}</dl>')
    if section.get("note"):
        parts.append(f'<p class="note">{esc(section["note"])}</p>')
    parts.append(_headline(section.get("headline")))
    passages = [as_dict(p) for p in as_list(section.get("passages"))]
    if passages:
        anchors = _finding_anchors(data, "copied_passage")
        parts.append(f"<h3>Copied passages ({len(passages)})</h3>")
        parts.extend(_passage(n, p, text, anchors) for n, p in enumerate(passages, start=1))
    parts.extend((_unsourced(section, data, text), _quotes(section), _later(section)))
    body = "".join(parts)
    return f'<section class="part trace" id="trace"><h2>{own(TITLE)}</h2>{body}</section>'
