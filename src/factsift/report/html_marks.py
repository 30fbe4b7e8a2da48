"""Mark spans of the article text in HTML, nesting overlapping spans correctly.

The marked text is built from a sorted list of boundaries: between two boundaries the
article text is escaped and written; at each boundary the marks that end are closed and the
marks that start are opened. When two spans cross, the marks opened inside the one that
ends are closed with it and reopened right after, so the elements always nest; a crossing
mark becomes two elements with the same class and title (only the first has the id).

Each character the page must not pass on raw (``untrusted.hidden_positions``: bidi
controls, invisible and control characters) is a boundary too, and is written as a
placeholder element of its own, so the marks keep their offsets into the original text.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from factsift.report.html_generic import hidden_char
from factsift.report.untrusted import hidden_positions


@dataclass(frozen=True, slots=True)
class Mark:
    """One span of the article to wrap in ``<span class=... title=...>``.

    ``title`` is plain text ready for an attribute (built with ``untrusted.plain``, which
    shows hidden characters and isolates right-to-left runs). ``lead_html`` is markup
    inserted once, right after the first opening tag (a claim number, a "self-applied"
    tag); it must be built by the renderer from escaped parts, never taken from the
    article. ``anchor`` is the element id, put on the first piece.
    """

    start: int
    end: int
    classes: str
    title: str
    anchor: str | None = None
    lead_html: str = ""
    order: int = 0  # among marks with the same span, lower opens first (outside)


def _open_tag(mark: Mark, first: bool) -> str:
    classes, title = escape(mark.classes, quote=True), escape(mark.title, quote=True)
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
    hidden = set(hidden_positions(text))
    boundaries = sorted(
        {0, len(text)}
        | {s for s, _, _ in usable}
        | {e for _, e, _ in usable}
        | hidden
        | {p + 1 for p in hidden}
    )

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
            piece = text[boundary : boundaries[position + 1]]
            out.append(hidden_char(piece) if boundary in hidden else escape(piece, quote=True))
    out.extend("</span>" for _ in stack)
    return "".join(out)
