"""Escaping, links and generic HTML rendering of plain data (the report's ``sections``).

Text from the report reaches the page through ``esc`` (an inline run among factsift's
words: escaped, hidden characters as marked placeholders, in ``<bdi>`` when it holds
right-to-left text), ``esc_run`` (the same without ``<bdi>``, for running text in a block
that holds nothing else, see ``block_dir``) or ``attr`` (attributes and the page title:
plain text, see ``untrusted.plain``); factsift's own words through ``own``. Only http(s)
URLs become links.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from urllib.parse import quote

from factsift.report.common import as_text, is_web_url
from factsift.report.untrusted import (
    Part,
    Untrusted,
    char_label,
    hidden_positions,
    marker,
    needs_isolate,
    pieces,
    plain,
    visible,
)

MAX_DEPTH = 8
MAX_TABLE_COLUMNS = 8
LINK_REL = "noopener noreferrer nofollow"


def own(text: str) -> str:
    """factsift's own words, escaped."""
    return escape(text, quote=True)


def hidden_char(char: str) -> str:
    """A hidden character as a visible, styled placeholder naming it."""
    return f'<span class="hidden-char" title="{own(char_label(char))}">{own(marker(char))}</span>'


def esc_run(value: object) -> str:
    """Untrusted text escaped, hidden characters as placeholders, not isolated: for running
    text in a block that holds nothing else (a block is a bidi paragraph of its own)."""
    text = value.text if isinstance(value, Untrusted) else as_text(value)
    return "".join(hidden_char(run) if hidden else own(run) for run, hidden in pieces(text))


def esc(value: object) -> str:
    """Untrusted text as an inline run among factsift's words, in ``<bdi>`` when it holds
    right-to-left text (nothing else can reorder its neighbours: see ``untrusted``)."""
    text = value.text if isinstance(value, Untrusted) else as_text(value)
    html = esc_run(text)
    return f"<bdi>{html}</bdi>" if needs_isolate(visible(text)) else html


def block_dir(text: str) -> str:
    """``dir="auto"`` for a block of untrusted running text that holds right-to-left text,
    so the block reads in the text's own direction (a block isolates its text already)."""
    return ' dir="auto"' if needs_isolate(visible(text)) else ""


def parts_html(parts: Iterable[Part]) -> str:
    """A sentence of factsift's words (``own``) and untrusted runs (``esc``)."""
    return "".join(esc(p) if isinstance(p, Untrusted) else own(p) for p in parts)


def attr(parts: Iterable[Part]) -> str:
    """A sentence as an attribute value or the page title: plain text, escaped."""
    return own(plain(parts))


def href(url: str) -> str:
    """A web URL for ``href``: hidden characters percent-encoded, as a browser would."""
    hidden = hidden_positions(url)
    if hidden:
        chars = list(url)
        for index in hidden:
            chars[index] = quote(chars[index], safe="", errors="surrogatepass")
        url = "".join(chars)
    return own(url)


def link(url: object, label: object | None = None) -> str:
    """An ``<a>`` for http(s) URLs; any other URL (javascript:, data:, file:) as plain text."""
    target = as_text(url).strip()
    text = esc(label if label is not None else target)
    if is_web_url(target):
        return f'<a href="{href(target)}" rel="{LINK_REL}">{text}</a>'
    return f'<span class="url">{text}</span>'


def _is_scalar(value: object) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def scalar_html(value: object) -> str:
    if value is None:
        return '<span class="none">none</span>'
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and is_web_url(value.strip()):
        return link(value)
    if isinstance(value, int | float):
        return own(str(value))  # a number carries no hidden characters, needs no isolate
    return esc(value)


def _table_columns(value: list[object]) -> list[str] | None:
    if not value or not all(isinstance(item, Mapping) for item in value):
        return None
    columns: list[str] = []
    for item in value:
        assert isinstance(item, Mapping)
        for key, cell in item.items():
            if not _is_scalar(cell):
                return None
            if str(key) not in columns:
                columns.append(str(key))
    return columns if len(columns) <= MAX_TABLE_COLUMNS else None


def _table(value: list[object], columns: list[str]) -> str:
    head = "".join(f"<th>{esc(c)}</th>" for c in columns)
    rows = []
    for item in value:
        assert isinstance(item, Mapping)
        rows.append("".join(f"<td>{scalar_html(item.get(c))}</td>" for c in columns))
    body = "".join(f"<tr>{r}</tr>" for r in rows)
    return f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def render_value(value: object, depth: int = 0) -> str:
    """Any JSON-like value as HTML: tables for lists of flat records, lists, definition lists."""
    if _is_scalar(value):
        return scalar_html(value)
    if depth >= MAX_DEPTH:
        return '<span class="none">(nested too deep to show)</span>'
    if isinstance(value, Mapping):
        if not value:
            return '<span class="none">(empty)</span>'
        items = "".join(
            f"<dt>{esc(key)}</dt><dd>{render_value(item, depth + 1)}</dd>"
            for key, item in value.items()
        )
        return f'<dl class="data">{items}</dl>'
    if isinstance(value, list):
        if not value:
            return '<span class="none">(empty)</span>'
        columns = _table_columns(value)
        if columns is not None:
            return _table(value, columns)
        items = "".join(f"<li>{render_value(item, depth + 1)}</li>" for item in value)
        return f'<ul class="data">{items}</ul>'
    return esc(repr(value))
