"""The trace section in the terminal: copied share, origin, each passage's diff, quotes.

A diff is written in one line of running text, ``[-deleted-]`` for words only in the
source and ``{+inserted+}`` for words only in the article, so it reads the same without
colour. All strings are corpus or article content, passed as ``Text`` through
``terminal_text`` (hidden characters as markers, right-to-left runs isolated).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from factsift.report.common import as_dict, as_list, as_text, confidence_text, or_own, percent
from factsift.report.terminal_text import line, run_of, shown
from factsift.report.untrusted import Untrusted, visible

SECTION = "trace"
TITLE = "Trace: where this text comes from"
DIFF_STYLES = {"delete": "red strike", "insert": "bold green"}
DIFF_MARKS = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}
QUOTE_CHARS = 160


def _document(doc: object) -> Text:
    fields = as_dict(doc)
    label = as_text(fields.get("label") or fields.get("title") or fields.get("url"))
    out = shown(label) if label else Text("(unnamed)")
    url = as_text(fields.get("url")).strip()
    if url and url != label:
        out.append_text(line([" ", Untrusted(url)], style="underline"))
    return out


def diff_text(diff: object) -> Text:
    """A word diff as one line: equal words plain, ``[-deleted-]``, ``{+inserted+}``.

    The whole line is one untrusted run (its words are the source's and the article's), so
    right-to-left text reads in one isolate rather than piece by piece.
    """
    out = Text()
    for item in as_list(diff):
        pair = as_list(item)
        if len(pair) != 2 or pair[0] not in {"equal", "delete", "insert"}:
            continue
        op, words = str(pair[0]), visible(as_text(pair[1]).replace("\n", " "))
        if out:
            out.append(" ")
        if op == "equal":
            out.append(words)
        else:
            opening, closing = DIFF_MARKS[op]
            out.append(f"{opening}{words}{closing}", style=DIFF_STYLES[op])
    return run_of(out)


def _short(text: object) -> Untrusted:
    words = as_text(text).replace("\n", " ")
    return Untrusted(words if len(words) <= QUOTE_CHARS else words[: QUOTE_CHARS - 1] + "\u2026")


def _hanging(marker: str, lines: list[RenderableType]) -> Table:
    """``marker`` in a narrow column and ``lines`` beside it, so wrapped lines stay indented."""
    table = Table.grid(padding=(0, 1, 0, 0))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    table.add_row(Text(marker), Group(*lines))
    return table


def _field(label: str, value: Text | str) -> Text:
    return Text.assemble((f"{label}: ", "bold"), value)


def _passage(passage: Mapping[str, Any]) -> list[RenderableType]:
    head = line([or_own(passage.get("kind"), "unknown kind")], style="bold")
    if (similarity := confidence_text(passage.get("similarity"))) is not None:
        head.append(f", similarity {similarity}")
    span = as_list(passage.get("article_span"))
    if len(span) == 2 and all(isinstance(x, int) for x in span):
        head.append(f", article characters {span[0]}\u2013{span[1]}", style="dim")
    lines: list[RenderableType] = [head, _field("from", _document(passage.get("source")))]
    also = [_document(d) for d in as_list(passage.get("also_in"))]
    if also:
        lines.append(_field("also in", Text("; ").join(also)))
    diff = diff_text(passage.get("diff"))
    if not diff:  # no diff stored: the source's words as they are
        diff = shown(as_text(passage.get("source_text")).replace("\n", " "))
    lines.append(_field("diff", diff))
    return lines


def _headline(headline: object) -> list[RenderableType]:
    if not isinstance(headline, Mapping):
        return []
    return [
        Text("Headline changed", style="bold"),
        _hanging(" ", [_field("origin", shown(headline.get("source_title")))]),
        _hanging(" ", [_field("article", shown(headline.get("article_title")))]),
        _hanging(" ", [_field("diff", diff_text(headline.get("diff")))]),
    ]


def _unsourced(item: Mapping[str, Any]) -> Text:
    """An added paragraph in full: it is what the reader needs to weigh."""
    said = Untrusted(as_text(item.get("text")).replace("\n", " "))
    out = line(["\u201c", said, "\u201d"])
    span = as_list(item.get("span"))
    if len(span) == 2 and all(isinstance(x, int) for x in span):
        out.append(f" (article characters {span[0]}\u2013{span[1]})", style="dim")
    return out


def _quote(quote: Mapping[str, Any]) -> Text:
    out = line(["\u201c", _short(quote.get("text")), "\u201d"], style="italic")
    first = quote.get("first_appearance")
    if isinstance(first, Mapping):
        out.append(": first appears in ")
        out.append_text(_document(first))
        if isinstance(quote.get("documents"), int):
            out.append(f" ({quote['documents']} reference document(s) hold it)", style="dim")
    else:
        out.append(": not found in the reference corpus", style="dim")
    return out


def accepts(value: object) -> bool:
    """True for a section of the trace stage's shape; any other is shown generically."""
    return isinstance(value, Mapping) and ("status" in value or "passages" in value)


def render_trace(data: Mapping[str, Any]) -> RenderableType:
    """The trace section of a report (an empty group when there is none)."""
    value = as_dict(data.get("sections")).get(SECTION)
    if not accepts(value):
        return Group()
    section = as_dict(value)
    rows: list[RenderableType] = [Rule(Text(TITLE), align="left")]
    rows.append(shown(section.get("summary")))
    if "copied_share" in section:
        rows.append(_field("Copied share", percent(section.get("copied_share"))))
    if isinstance(section.get("origin"), Mapping):
        rows.append(_field("Origin", _document(section["origin"])))
    if section.get("note"):
        rows.append(shown(section["note"], style="yellow"))
    rows.extend(_headline(section.get("headline")))
    passages = [as_dict(p) for p in as_list(section.get("passages"))]
    if passages:
        rows.append(Text(f"Copied passages ({len(passages)})", style="bold"))
        rows.extend(_hanging(f"[{n}]", _passage(p)) for n, p in enumerate(passages, start=1))
    unsourced = [as_dict(u) for u in as_list(section.get("unsourced"))]
    if unsourced:
        rows.append(Text(f"Text with no source in the corpus ({len(unsourced)})", style="bold"))
        rows.extend(_hanging("\u2022", [_unsourced(u)]) for u in unsourced)
    quotes = [as_dict(q) for q in as_list(section.get("quotes"))]
    if quotes:
        rows.append(Text(f"Quotes ({len(quotes)})", style="bold"))
        rows.extend(_hanging("\u2022", [_quote(q)]) for q in quotes)
    later = [_document(d) for d in as_list(section.get("later_documents"))]
    if later:
        rows.append(Text(f"Later documents, not taken as sources ({len(later)})", style="bold"))
        rows.extend(_hanging("\u2022", [doc]) for doc in later)
    return Group(*rows)
