"""The evidence section of the terminal report: per claim, its status and the passages.

Passage text and source names come from the reference corpus: they are passed as
``rich.text.Text`` through ``terminal_text`` (no markup, hidden characters as markers).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.text import Text

from factsift.report.common import (
    EVIDENCE_SECTION,
    as_dict,
    as_list,
    as_text,
    claim_status_label,
    evidence_line,
    evidence_note,
    figures_note,
)
from factsift.report.terminal_text import line, shown
from factsift.report.untrusted import Untrusted

SECTION = EVIDENCE_SECTION
TITLE = "Evidence from the reference corpus"
PASSAGE_CHARS = 240


def accepts(value: object) -> bool:
    """True for a section of the evidence stage's shape; any other is shown generically."""
    return isinstance(value, Mapping) and "status" in value and "claims" in value


def _passage(passage: Mapping[str, Any]) -> list[RenderableType]:
    style = {"refutes": "red", "supports": "green"}.get(str(passage.get("stance")), "")
    lines: list[RenderableType] = [Padding(line(evidence_line(passage), style), (0, 0, 0, 4))]
    quote = " ".join(as_text(passage.get("text")).split())
    if len(quote) > PASSAGE_CHARS:
        quote = quote[: PASSAGE_CHARS - 1] + "\u2026"
    lines.append(Padding(line(["\u201c", Untrusted(quote), "\u201d"]), (0, 0, 0, 6)))
    if note := figures_note(passage):
        lines.append(Padding(line(note, style="yellow"), (0, 0, 0, 6)))
    if passage.get("url"):
        lines.append(Padding(shown(passage["url"], style="dim"), (0, 0, 0, 6)))
    return lines


def render_evidence(data: Mapping[str, Any]) -> RenderableType:
    """The evidence section (an empty group when the report has none)."""
    value = as_dict(data.get("sections")).get(SECTION)
    if not accepts(value):
        return Group()
    section = as_dict(value)
    rows: list[RenderableType] = [Rule(Text(TITLE), align="left"), line(evidence_note(section))]
    for item in as_list(section.get("claims")):
        entry = as_dict(item)
        index = entry.get("claim")
        number = index + 1 if isinstance(index, int) else "?"
        passages = [as_dict(p) for p in as_list(entry.get("passages"))]
        head = f"  claim [{number}]: {claim_status_label(entry.get('status'))}"
        if not passages:
            head += " (no passage about this claim)"
        rows.append(Text(head, style="bold"))
        for passage in passages:
            rows.extend(_passage(passage))
    return Group(*rows)
