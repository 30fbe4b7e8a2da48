"""The evidence section of the HTML report: per claim, its status and the passages.

Passage text, titles and source names are corpus content: every string goes through
``esc`` (or ``parts_html``, for sentences that mix it with factsift's words) and only
http(s) URLs become links (``link``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from factsift.report.common import (
    EVIDENCE_SECTION,
    as_dict,
    as_list,
    claim_status_label,
    evidence_line,
    evidence_note,
    figures_note,
    kind_token,
)
from factsift.report.html_generic import block_dir, esc_run, link, own, parts_html

SECTION = EVIDENCE_SECTION
TITLE = "Evidence from the reference corpus"


def accepts(value: object) -> bool:
    """True for a section of the evidence stage's shape; any other is shown generically."""
    return isinstance(value, Mapping) and "status" in value and "claims" in value


def _passage(passage: Mapping[str, Any]) -> str:
    stance = kind_token(passage.get("stance"))
    url = f" {link(passage['url'])}" if passage.get("url") else ""
    note = figures_note(passage)
    text = str(passage.get("text") or "")
    figures = f'<p class="figures">{parts_html(note)}</p>' if note else ""
    return (
        f'<li class="stance-{stance}"><p class="meta">{parts_html(evidence_line(passage))}{url}'
        f"</p><blockquote{block_dir(text)}>{esc_run(text)}</blockquote>{figures}</li>"
    )


def evidence_section(data: Mapping[str, Any]) -> str:
    """The evidence section, or "" when the report has none."""
    value = as_dict(data.get("sections")).get(SECTION)
    if not accepts(value):
        return ""
    section = as_dict(value)
    parts = [f'<p class="note">{parts_html(evidence_note(section))}</p>']
    for item in as_list(section.get("claims")):
        entry = as_dict(item)
        index = entry.get("claim")
        if not isinstance(index, int):
            continue
        status = entry.get("status")
        passages = [as_dict(p) for p in as_list(entry.get("passages"))]
        listed = "".join(_passage(p) for p in passages)
        body = (
            f'<ul class="evidence">{listed}</ul>'
            if passages
            else ('<p class="meta">No passage about this claim.</p>')
        )
        parts.append(
            f'<h3 id="evidence-{index}"><a href="#claim-{index}">Claim {index + 1}</a>: '
            f'<span class="status status-{kind_token(status)}">'
            f"{own(claim_status_label(status))}</span></h3>{body}"
        )
    return f'<section class="part" id="evidence"><h2>{own(TITLE)}</h2>{"".join(parts)}</section>'
