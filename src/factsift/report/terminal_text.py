"""Untrusted text in the terminal report: hidden characters shown, right-to-left runs isolated.

``shown`` turns text from the report into a ``rich.text.Text`` (never markup) whose hidden
characters are visible markers (``untrusted.visible``) and whose style carries a run number
in its meta; ``line`` does the same for a sentence of factsift's words and untrusted runs.
``Isolated`` wraps a renderable: once rich has laid it out, the pieces of one run on one
line go between FSI and PDI when they hold right-to-left text. Isolating after layout keeps
every isolate within one line (a run that wraps gets one per line) and leaves panel
borders and padding outside it; rich measures FSI and PDI as zero-width, so the layout does
not change.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style, StyleType
from rich.text import Text

from factsift.report.common import as_text
from factsift.report.untrusted import FSI, PDI, Part, Untrusted, needs_isolate, visible

RUN_KEY = "factsift_untrusted_run"
_runs = itertools.count(1)


def _tagged(style: StyleType) -> Style:
    base = Style.parse(style) if isinstance(style, str) else style
    return base + Style(meta={RUN_KEY: next(_runs)})


def shown(value: object, style: StyleType = "") -> Text:
    """Text from the report (the article, a record): hidden characters as markers, tagged."""
    text = value.text if isinstance(value, Untrusted) else as_text(value)
    return Text(visible(text), style=_tagged(style))


def run_of(text: Text) -> Text:
    """``text`` (its hidden characters already markers) tagged as one untrusted run."""
    text.stylize(_tagged(""), 0, len(text))
    return text


def line(parts: Iterable[Part], style: StyleType = "") -> Text:
    """A sentence of factsift's words and untrusted runs, in ``style``."""
    out = Text(style=style)
    for part in parts:
        if isinstance(part, Untrusted):
            out.append_text(shown(part))
        else:
            out.append(part)
    return out


def _run(segment: Segment) -> object:
    if segment.control or segment.style is None:
        return None
    return segment.style.meta.get(RUN_KEY)


def _isolate(segments: list[Segment]) -> Iterator[Segment]:
    """One line's segments, each untrusted run that needs it between FSI and PDI."""
    for run, group in itertools.groupby(segments, key=_run):
        pieces = list(group)
        if run is not None and needs_isolate("".join(p.text for p in pieces)):
            pieces[0] = Segment(FSI + pieces[0].text, pieces[0].style)
            pieces[-1] = Segment(pieces[-1].text + PDI, pieces[-1].style)
        yield from pieces


def _without_runs(segments: Iterable[Segment]) -> Iterator[Segment]:
    """Segments without the run numbers (nothing else reads them)."""
    for segment in segments:
        style = segment.style.clear_meta_and_links() if segment.style else None
        yield Segment(segment.text, style, segment.control)


class Isolated:
    """A renderable whose untrusted right-to-left runs are isolated, line by line."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segments in console.render_lines(self.renderable, options, pad=False):
            # Neighbours of one style merge, so that the run numbers split no colour code.
            yield from Segment.simplify(_without_runs(_isolate(segments)))
            yield Segment.line()
