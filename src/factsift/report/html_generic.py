"""Escaping, links and generic HTML rendering of plain data (the report's ``sections``).

Every value that reaches the page goes through ``esc`` (``html.escape`` with
``quote=True`` after removing control characters); only http(s) URLs become links.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from factsift.report.common import clean, is_web_url

MAX_DEPTH = 8
MAX_TABLE_COLUMNS = 8
LINK_REL = "noopener noreferrer nofollow"


def esc(value: object) -> str:
    return escape(clean(value), quote=True)


def link(url: object, label: object | None = None) -> str:
    """An ``<a>`` for http(s) URLs; any other URL (javascript:, data:, file:) as plain text."""
    target = clean(url).strip()
    text = esc(label if label is not None else target)
    if is_web_url(target):
        return f'<a href="{esc(target)}" rel="{LINK_REL}">{text}</a>'
    return f'<span class="url">{text}</span>'


def _is_scalar(value: object) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def scalar_html(value: object) -> str:
    if value is None:
        return '<span class="none">none</span>'
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and is_web_url(clean(value).strip()):
        return link(value)
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
