"""Which spans of the article the HTML report marks, and how.

Marks come from the report data only: the author box, self-applied badges, numbered
claims, attributions (source, role, cue; coloured by kind) and every ``"article"`` cite of
every finding, whatever its kind. A cite whose span is exactly that of another mark (a
finding about a claim, a badge, an attribution) adds its finding label and tooltip to that
mark instead of a second underline, so claim-level findings do not bury the text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from factsift.report.common import (
    SELF_APPLIED_NOTE,
    as_dict,
    as_list,
    attribution_kind_label,
    claim_status_label,
    kind_title,
    kind_token,
    or_own,
    span_bounds,
)
from factsift.report.html_generic import own
from factsift.report.html_marks import Mark
from factsift.report.untrusted import Part, plain, untrusted


class _Marks:
    """Marks collected in order, findable by their bounds."""

    def __init__(self, text_length: int) -> None:
        self.length = text_length
        self.items: list[Mark] = []
        self.by_bounds: dict[tuple[int, int], int] = {}

    def add(
        self, span: object, classes: str, title: Sequence[Part], order: int, **extra: Any
    ) -> None:
        bounds = span_bounds(span, self.length)
        if bounds is None:
            return
        self.by_bounds.setdefault(bounds, len(self.items))
        self.items.append(Mark(bounds[0], bounds[1], classes, plain(title), order=order, **extra))

    def add_finding(self, span: object, kind: str, title: Sequence[Part], label: str) -> None:
        bounds = span_bounds(span, self.length)
        if bounds is None:
            return
        if bounds in self.by_bounds:
            number = self.by_bounds[bounds]
            mark = self.items[number]
            self.items[number] = replace(
                mark,
                classes=f"{mark.classes} cited-{kind}",
                title=f"{mark.title}\n{plain(title)}",
                lead_html=mark.lead_html + label,
            )
        else:
            self.add(span, f"cited cited-{kind}", title, 5, lead_html=label)


def article_marks(data: Mapping[str, Any]) -> list[Mark]:
    """Every span of the article the page marks, from any report (missing parts skipped)."""
    marks = _Marks(len(str(as_dict(data.get("article")).get("text") or "")))
    box = data.get("author_box")
    if isinstance(box, Mapping):
        marks.add(box.get("span"), "authorbox", ["Author box: ", untrusted(box.get("name"))], 0)
    for badge in (as_dict(b) for b in as_list(data.get("badges"))):
        tag = '<span class="tag">self-applied</span>' if badge.get("self_applied", True) else ""
        title: list[Part] = ["Badge"]
        if badge.get("claimed_by"):
            title.extend([" naming ", untrusted(badge["claimed_by"]), " as checker"])
        title.append(f": {SELF_APPLIED_NOTE}")
        marks.add(badge.get("span"), "badge", title, 1, lead_html=tag)
    for index, claim in enumerate(as_dict(c) for c in as_list(data.get("claims"))):
        number = f'<a class="ref" href="#claim-{index}">{index + 1}</a>'
        status = claim_status_label(claim.get("status"))
        about = [f"Claim {index + 1}, {status}: see the claims list"]
        classes = f"claim status-{kind_token(claim.get('status') or 'not_enough_evidence')}"
        marks.add(
            claim.get("span"), classes, about, 2, anchor=f"claim-{index}-text", lead_html=number
        )
    for attribution in (as_dict(a) for a in as_list(data.get("attributions"))):
        _add_attribution(marks, attribution)
    for index, finding in enumerate(as_dict(f) for f in as_list(data.get("findings"))):
        kind = kind_token(finding.get("kind"))
        said = [f"F{index + 1}, ", kind_title(finding.get("kind")), ": "]
        said.append(untrusted(finding.get("summary")))
        for position, cite in enumerate(as_dict(c) for c in as_list(finding.get("cites"))):
            if cite.get("kind") == "article":
                anchor = own(f"finding-{index}-cite-{position}")
                label = (
                    f'<a class="ref finding-ref" id="{anchor}" href="#finding-{index}">'
                    f"F{index + 1}</a>"
                )
                marks.add_finding(cite.get("span"), kind, said, label)
    return marks.items


def _add_attribution(marks: _Marks, attribution: Mapping[str, Any]) -> None:
    kind = kind_token(attribution.get("kind"))
    about: list[Part] = [or_own(attribution.get("source"), "(no source named)")]
    if attribution.get("role"):
        about.extend([", ", untrusted(attribution["role"])])
    about.extend([" (", attribution_kind_label(attribution.get("kind")), ")"])
    marks.add(attribution.get("source_span"), f"attr attr-{kind}", ["Attributed to: ", *about], 3)
    marks.add(attribution.get("role_span"), f"attr attr-{kind} role", ["Role of: ", *about], 3)
    cue = ["Cue \u201c", untrusted(attribution.get("cue")), "\u201d for ", *about]
    marks.add(attribution.get("cue_span"), f"cue cue-{kind}", cue, 4)
