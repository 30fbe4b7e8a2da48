"""Generic terminal rendering of plain data, for the report's ``sections``.

Later capabilities (fact-checks, sources, trace, evidence) put their data under
``sections``; rendering any JSON-like value here means they appear without renderer
changes. Every string goes through ``terminal_text.shown`` (a ``rich.text.Text``, never
markup, hidden characters as markers), so text from the article or the store cannot inject
rich markup or reorder the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from factsift.report.terminal_text import shown

MAX_DEPTH = 8
MAX_TABLE_COLUMNS = 6
MAX_INLINE_LIST = 80  # characters; longer lists of scalars get one line per item


def _is_scalar(value: object) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def scalar_text(value: object) -> Text:
    if value is None:
        return Text("none", style="dim")
    if isinstance(value, bool):
        return Text("yes" if value else "no")
    if isinstance(value, int | float):
        return Text(str(value))
    return shown(value)


def _flat_records(value: list[Any]) -> list[str] | None:
    """Column names if ``value`` is a list of flat dicts that fits a table, else None."""
    if not value or not all(isinstance(item, Mapping) for item in value):
        return None
    columns: list[str] = []
    for item in value:
        for key, cell in item.items():
            if not _is_scalar(cell):
                return None
            if str(key) not in columns:
                columns.append(str(key))
    return columns if len(columns) <= MAX_TABLE_COLUMNS else None


def records_table(value: list[Any], columns: list[str]) -> Table:
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for column in columns:
        table.add_column(shown(column), overflow="fold")
    for item in value:
        table.add_row(*(scalar_text(item.get(column)) for column in columns))
    return table


def _add(tree: Tree, label: str, value: object, depth: int) -> None:
    name = shown(label, style="bold")
    if _is_scalar(value):
        tree.add(Text.assemble(name, ": ", scalar_text(value)))
        return
    if depth >= MAX_DEPTH:
        tree.add(Text.assemble(name, ": ", Text("(nested too deep to show)", style="dim")))
        return
    if isinstance(value, list) and all(_is_scalar(item) for item in value):
        inline = Text(", ").join(scalar_text(item) for item in value)
        if len(inline) <= MAX_INLINE_LIST:
            tree.add(Text.assemble(name, ": ", inline or Text("(empty)")))
            return
    if isinstance(value, list) and (columns := _flat_records(value)) is not None:
        tree.add(name).add(records_table(value, columns))
        return
    branch = tree.add(name)
    if isinstance(value, Mapping):
        if not value:
            branch.add(Text("(empty)", style="dim"))
        for key, item in value.items():
            _add(branch, str(key), item, depth + 1)
    elif isinstance(value, list):
        if not value:
            branch.add(Text("(empty)", style="dim"))
        for position, item in enumerate(value, start=1):
            _add(branch, f"#{position}", item, depth + 1)
    else:
        branch.add(shown(repr(value)))


def render_value(title: str, value: object) -> RenderableType:
    """Any JSON-like value as a tree headed by ``title``."""
    tree = Tree(shown(title, style="bold cyan"), guide_style="dim")
    if isinstance(value, Mapping):
        if not value:
            tree.add(Text("(empty)", style="dim"))
        for key, item in value.items():
            _add(tree, str(key), item, 1)
    elif isinstance(value, list):
        columns = _flat_records(value)
        if columns is not None:
            tree.add(records_table(value, columns))
        elif not value:
            tree.add(Text("(empty)", style="dim"))
        else:
            for position, item in enumerate(value, start=1):
                _add(tree, f"#{position}", item, 1)
    else:
        tree.add(scalar_text(value))
    return tree
