"""The report as text for a terminal, drawn with rich.

``render_text`` records a rich Console to a string: plain text by default, ANSI colours
with ``color=True``. All article and store text is passed as ``rich.text.Text`` (never as
markup) through ``terminal_text.shown`` or ``line``: its control, bidi and invisible
characters become visible markers, so a page cannot restyle the terminal or reorder the
report's words, and each part is drawn ``Isolated`` (right-to-left runs in FSI ... PDI).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from factsift.report.common import (
    NO_CITES,
    NOT_ENOUGH_EVIDENCE,
    SELF_APPLIED_NOTE,
    anonymous_share_sentence,
    as_dict,
    as_list,
    as_text,
    attribution_kind_label,
    claim_of_sentence,
    claim_status_label,
    confidence_text,
    evidence_by_claim,
    group_findings,
    kind_title,
    or_own,
    publisher_method_label,
    says_not_enough_evidence,
    span_bounds,
)
from factsift.report.terminal_evidence import SECTION as EVIDENCE_SECTION
from factsift.report.terminal_evidence import accepts as evidence_accepts
from factsift.report.terminal_evidence import render_evidence
from factsift.report.terminal_generic import render_value
from factsift.report.terminal_text import Isolated, line, shown
from factsift.report.terminal_trace import SECTION as TRACE_SECTION
from factsift.report.terminal_trace import accepts as trace_accepts
from factsift.report.terminal_trace import render_trace
from factsift.report.untrusted import Part, Untrusted, untrusted

if TYPE_CHECKING:
    from factsift.report.model import Report

# Sections with a renderer of their own (given the whole report), used when the section
# has the shape it reads: name -> (accepts, render). Every other section is generic.
DEDICATED_SECTIONS = {
    TRACE_SECTION: (trace_accepts, render_trace),
    EVIDENCE_SECTION: (evidence_accepts, render_evidence),
}

QUOTE_CHARS = 110  # longest article excerpt quoted after a citation

KIND_STYLES = {
    "named_person": "green",
    "anonymous": "bold red",
    "organisation": "blue",
    "news_outlet": "magenta",
    "document": "cyan",
    "none": "dim",
}


def render_text(report: Report, *, width: int = 100, color: bool = False) -> str:
    """The report as terminal text, ``width`` columns wide."""
    console = Console(
        record=True,
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    for number, part in enumerate(_parts(report.data)):
        if number:
            console.print()
        console.print(Isolated(part))
    exported = console.export_text(styles=color)
    # Tables pad every line to full width; trailing spaces only make copying harder.
    return "\n".join(line.rstrip(" ") for line in exported.split("\n"))


def _parts(data: Mapping[str, Any]) -> Iterator[RenderableType]:
    article = as_dict(data.get("article"))
    text = str(article.get("text") or "")
    yield _header(article, data.get("publisher"))
    badges = [as_dict(b) for b in as_list(data.get("badges"))]
    if badges:
        yield _badges(badges)
    if isinstance(data.get("author_box"), Mapping):
        yield _author_box(as_dict(data["author_box"]))
    yield _claims(
        as_list(data.get("claims")), as_list(data.get("attributions")), evidence_by_claim(data)
    )
    yield line(anonymous_share_sentence(as_dict(data.get("anonymous_share"))))
    yield _findings(as_list(data.get("findings")), text)
    sections = as_dict(data.get("sections"))
    dedicated = {
        name: render
        for name, (accepts, render) in DEDICATED_SECTIONS.items()
        if accepts(sections.get(name))
    }
    yield from (render(data) for render in dedicated.values())
    generic = {k: v for k, v in sections.items() if k not in dedicated}
    if generic:
        yield Rule(Text("Sections"), align="left")
        for name, value in generic.items():
            yield render_value(name, value)
    yield _footer(data)


def _field(label: str, value: Text | str) -> Text:
    """``label: value``; a ``str`` value is factsift's own words, a ``Text`` may be untrusted."""
    return Text.assemble((f"{label}: ", "bold"), value)


def _header(article: Mapping[str, Any], publisher: object) -> Panel:
    lines: list[Text] = [line([or_own(article.get("title"), "(no title)")], style="bold")]
    if article.get("url"):
        lines.append(_field("URL", shown(article["url"])))
    authors = [shown(a) for a in as_list(article.get("authors"))]
    if authors:
        lines.append(_field("Authors", Text(", ").join(authors)))
    if article.get("date"):
        lines.append(_field("Date", shown(article["date"])))
    lines.append(_field("Publisher", _publisher_text(publisher)))
    return Panel(Group(*lines), title="factsift report", title_align="left")


def _publisher_text(publisher: object) -> Text:
    if not isinstance(publisher, Mapping):
        return Text("not identified", style="dim")
    out = line([or_own(publisher.get("name"), "(no name)")])
    if publisher.get("domain"):
        out.append_text(line([" (", untrusted(publisher["domain"]), ")"]))
    out.append_text(line([", identified ", *publisher_method_label(publisher.get("method"))]))
    if publisher.get("evidence"):
        out.append(": ")
        quote: list[Part] = ["\u201c", untrusted(publisher["evidence"]), "\u201d"]
        out.append_text(line(quote, style="italic"))
    if (confidence := confidence_text(publisher.get("confidence"))) is not None:
        out.append(f" (confidence {confidence})", style="dim")
    return out


def _badges(badges: list[dict[str, Any]]) -> RenderableType:
    rows: list[RenderableType] = [Rule(Text("Self-applied badges"), align="left")]
    for badge in badges:
        said = line(["\u201c", untrusted(badge.get("text")), "\u201d"])
        if badge.get("claimed_by"):
            checker: list[Part] = ["  names as checker: ", untrusted(badge["claimed_by"])]
            said.append_text(line(checker, style="dim"))
        rows.append(said)
        if badge.get("self_applied", True):
            rows.append(Text(f"  {SELF_APPLIED_NOTE}", style="yellow"))
        else:
            rows.append(Text("  not marked as self-applied", style="dim"))
    return Group(*rows)


def _author_box(box: Mapping[str, Any]) -> Panel:
    lines = [_field("Name", line([or_own(box.get("name"), "(no name)")]))]
    count = box.get("article_count")
    if isinstance(count, int):
        lines.append(_field("Articles (as the site counts them)", str(count)))
    if box.get("description"):
        lines.append(_field("Description", shown(box["description"])))
    return Panel(Group(*lines), title="Author box (from the page)", title_align="left")


def _attribution_line(attribution: Mapping[str, Any], claims: list[Any]) -> Text:
    kind = str(attribution.get("kind"))
    who = line([or_own(attribution.get("source"), "(no source named)")], KIND_STYLES.get(kind, ""))
    out = Text.assemble(("attributed to: ", "bold"), who)
    if attribution.get("role"):
        out.append_text(line([", ", untrusted(attribution["role"])]))
    out.append_text(line([" (", attribution_kind_label(attribution.get("kind"))]))
    if attribution.get("cue"):
        out.append_text(line([", cue \u201c", untrusted(attribution["cue"]), "\u201d"]))
    if isinstance(attribution.get("carried_from"), int):
        source = claim_of_sentence(claims, attribution["carried_from"])
        where = f"claim [{source + 1}]" if source is not None else "an earlier sentence"
        out.append(f", carried from {where}")
    out.append(")")
    return out


def _claims(
    claims: list[Any], attributions: list[Any], evidence: Mapping[int, Mapping[str, Any]]
) -> RenderableType:
    rows: list[RenderableType] = [Rule(Text(f"Claims ({len(claims)})"), align="left")]
    if not claims:
        rows.append(Text("No check-worthy claims were found.", style="dim"))
        return Group(*rows)
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", no_wrap=True)
    table.add_column(ratio=1)
    for position, raw in enumerate(claims, start=1):
        claim = as_dict(raw)
        lines = [shown(claim.get("text"))]
        index = claim.get("attribution")
        if isinstance(index, int) and 0 <= index < len(attributions):
            lines.append(_attribution_line(as_dict(attributions[index]), claims))
        else:
            lines.append(Text("attributed to: nobody named (the article's own statement)"))
        score = confidence_text(claim.get("checkworthiness"))
        if score is not None:
            said: list[Part] = [f"check-worthiness: {score}"]
            if method := as_text(claim.get("checkworthiness_method")):
                said.extend([" (", Untrusted(method), ")"])
            lines.append(line(said))
        lines.append(Text(f"status: {claim_status_label(claim.get('status'))}", style="bold"))
        entry = evidence.get(position - 1)
        if entry is not None:
            passages = [as_dict(p) for p in as_list(entry.get("passages"))]
            strong = ", ".join(
                f"strong {stance}: {n}"
                for stance in ("supports", "refutes")
                if (n := sum(1 for p in passages if p.get("stance") == stance and p.get("strong")))
            )
            detail = f" ({strong or 'none strong'})" if passages else ""
            lines.append(Text(f"evidence passages: {len(passages)}{detail}"))
        table.add_row(Text(f"[{position}]", style="bold"), Group(*lines))
    rows.append(table)
    return Group(*rows)


def _cite_text(cite: Mapping[str, Any], text: str) -> Text:
    out = line(["[", untrusted(cite.get("kind")), "] "], style="dim")
    out.append_text(line([or_own(cite.get("label"), "(no label)")]))
    bounds = span_bounds(cite.get("span"), len(text))
    if bounds is not None:
        quote = text[bounds[0] : bounds[1]].replace("\n", " ")
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1] + "\u2026"
        out.append(f" (article, characters {bounds[0]}\u2013{bounds[1]}): ")
        out.append_text(line(["\u201c", Untrusted(quote), "\u201d"], style="italic"))
    if cite.get("url"):
        out.append_text(line([" ", untrusted(cite["url"])], style="underline"))
    if cite.get("ref"):
        out.append_text(line([" [ref ", untrusted(cite["ref"]), "]"], style="dim"))
    return out


def _hanging(marker: str, lines: list[RenderableType], indent: int = 0) -> Table:
    """``marker`` in a narrow column and ``lines`` beside it, so wrapped lines stay indented."""
    table = Table.grid(padding=(0, 1, 0, 0))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    table.add_row(Text(" " * indent + marker), Group(*lines))
    return table


def _finding(finding: Mapping[str, Any], text: str) -> RenderableType:
    head = Text()
    summary = as_text(finding.get("summary"))
    if says_not_enough_evidence(finding) and NOT_ENOUGH_EVIDENCE.lower() not in summary.lower():
        head.append(f"{NOT_ENOUGH_EVIDENCE}: ", style="bold yellow")
    head.append_text(shown(summary))
    if isinstance(finding.get("claim"), int):
        head.append(f" (claim [{finding['claim'] + 1}])", style="dim")
    if (confidence := confidence_text(finding.get("confidence"))) is not None:
        head.append(f" (confidence {confidence})", style="dim")
    cites = [as_dict(c) for c in as_list(finding.get("cites"))]
    lines: list[RenderableType] = [head]
    lines.extend(_hanging("\u2192", [_cite_text(c, text)]) for c in cites)
    if not cites:
        lines.append(Text(NO_CITES, style="dim"))
    return _hanging("\u2022", lines)


def _findings(findings: list[Any], text: str) -> RenderableType:
    rows: list[RenderableType] = [Rule(Text(f"Findings ({len(findings)})"), align="left")]
    groups = group_findings(findings)
    if not groups:
        rows.append(Text("No findings.", style="dim"))
    for kind, items in groups.items():
        rows.append(line([kind_title(kind), f" ({len(items)})"], style="bold"))
        rows.extend(_finding(finding, text) for _, finding in items)
    return Group(*rows)


def _footer(data: Mapping[str, Any]) -> Text:
    generator = as_dict(data.get("generator"))
    stages: list[Part] = []
    for stage in (as_text(s) for s in as_list(generator.get("stages"))):
        if stage:
            stages.extend([", " if stages else "", Untrusted(stage)])
    parts: list[Part] = [or_own(generator.get("name"), "factsift"), " "]
    parts.extend([untrusted(generator.get("version")), ", report schema "])
    parts.extend([untrusted(data.get("schema_version")), ", created "])
    parts.extend([untrusted(data.get("created")), "; stages: ", *(stages or ["none recorded"])])
    return line(parts, style="dim")
