"""Mark spans of the article text in HTML, nesting overlapping spans correctly.

The marked text is built from a sorted list of boundaries: between two boundaries the
article text is escaped and written; at each boundary the marks that end are closed and the
marks that start are opened. When two spans cross, the marks opened inside the one that
ends are closed with it and reopened right after, so the elements always nest; a crossing
mark becomes two elements with the same class and title (only the first has the id).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from factsift.report.common import clean


@dataclass(frozen=True, slots=True)
class Mark:
    """One span of the article to wrap in ``<span class=... title=...>``.

    ``lead_html`` is markup inserted once, right after the first opening tag (a claim
    number, a "self-applied" tag); it must be built by the renderer from escaped parts,
    never taken from the article. ``anchor`` is the element id, put on the first piece.
    """

    start: int
    end: int
    classes: str
    title: str
    anchor: str | None = None
    lead_html: str = ""
    order: int = 0  # among marks with the same span, lower opens first (outside)


def _open_tag(mark: Mark, first: bool) -> str:
    classes, title = escape(mark.classes, quote=True), escape(clean(mark.title), quote=True)
    attrs = f' class="{classes}" title="{title}"'
    if first and mark.anchor:
        attrs += f' id="{escape(mark.anchor, quote=True)}"'
    return f"<span{attrs}>" + (mark.lead_html if first else "")


def mark_text(text: str, marks: list[Mark]) -> str:
    """``text`` escaped, with each mark wrapped in a span; marks outside the text are cut."""
    usable = []
    for mark in marks:
        start, end = max(0, mark.start), min(len(text), mark.end)
        if start < end:
            usable.append((start, end, mark))
    # Longer marks open first so that they enclose shorter ones and need no splitting.
    usable.sort(key=lambda item: (item[0], -item[1], item[2].order))
    starts: dict[int, list[int]] = {}
    for number, (start, _, _) in enumerate(usable):
        starts.setdefault(start, []).append(number)
    boundaries = sorted({0, len(text)} | {s for s, _, _ in usable} | {e for _, e, _ in usable})

    out: list[str] = []
    stack: list[int] = []  # numbers of the open marks, innermost last
    for position, boundary in enumerate(boundaries):
        ending = {n for n in stack if usable[n][1] == boundary}
        reopen: list[int] = []
        while ending & set(stack):
            number = stack.pop()
            out.append("</span>")
            if number not in ending:
                reopen.append(number)
        for number in reversed(reopen):
            out.append(_open_tag(usable[number][2], first=False))
            stack.append(number)
        for number in starts.get(boundary, []):
            out.append(_open_tag(usable[number][2], first=True))
            stack.append(number)
        if position + 1 < len(boundaries):
            out.append(escape(clean(text[boundary : boundaries[position + 1]]), quote=True))
    out.extend("</span>" for _ in stack)
    return "".join(out)
