"""The counts table of a run (cases per entry point and outcome) and the list of failures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from factsift.bench.hostile.model import Outcome, Result

COLUMNS = (
    Outcome.OK,
    Outcome.CLEAN_ERROR,
    Outcome.TRACEBACK,
    Outcome.HANG,
    Outcome.STORE_CHANGED,
    Outcome.WRONG,
    Outcome.SKIPPED,
)


def counts(results: Sequence[Result], entries: Sequence[str]) -> dict[str, Counter[Outcome]]:
    """Outcome counts per entry point, every entry listed (with zeros if it has no case)."""
    table: dict[str, Counter[Outcome]] = {entry: Counter() for entry in entries}
    for result in results:
        table.setdefault(result.case.entry, Counter())[result.outcome] += 1
    return table


def table(results: Sequence[Result], entries: Sequence[str]) -> str:
    """A Markdown table: one row per entry point, then the total."""
    rows = counts(results, entries)
    head = ["entry point", "cases", *(column.value for column in COLUMNS)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    total: Counter[Outcome] = Counter()
    for entry, counter in rows.items():
        total.update(counter)
        cells = [f"`{entry}`", str(sum(counter.values())), *(str(counter[c]) for c in COLUMNS)]
        lines.append("| " + " | ".join(cells) + " |")
    cells = ["**total**", str(sum(total.values())), *(str(total[c]) for c in COLUMNS)]
    lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def failures(results: Sequence[Result]) -> list[str]:
    """One line per failed case: name, outcome, the defect it was written for, why."""
    lines = []
    for result in results:
        if not result.outcome.is_failure:
            continue
        tag = f" [{result.case.defect}]" if result.case.defect else ""
        detail = result.detail.encode("unicode_escape").decode("ascii")[:220]
        lines.append(f"{result.case.name}{tag}: {result.outcome.value}: {detail}")
    return lines


def has_failures(results: Sequence[Result]) -> bool:
    return any(result.outcome.is_failure for result in results)
