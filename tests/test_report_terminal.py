"""The terminal report: what it says, in what order, and that it fits the width."""

from __future__ import annotations

import json

import pytest

from factsift.article import Article, Cite, Finding, SourceInfo, Span
from factsift.report.common import SELF_APPLIED_NOTE
from factsift.report.model import Report
from factsift.report.terminal import render_text
from test_report_samples import HOSTILE, hostile_article, sample_article


@pytest.fixture(scope="module")
def text() -> str:
    return Report.from_article(sample_article(), stages=["language", "claims"]).to_text()


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def _flat(text: str) -> str:
    """Lines joined, so assertions do not depend on where rich wraps."""
    return " ".join(text.split())


def test_report_terminal_header_names_title_url_and_how_publisher_was_found(text: str) -> None:
    header = text[: text.index("Self-applied badges")]
    assert "Bridge closed after storm, officials say" in header
    assert "https://dailylantern.example/2024/bridge" in header
    assert "The Daily Lantern (dailylantern.example)" in header
    assert "identified from a badge in the text" in header


def test_report_terminal_labels_badges_as_self_applied(text: str) -> None:
    badges = _between(text, "Self-applied badges", "Author box")
    assert "Fact checked by The Daily Lantern Community" in badges
    assert SELF_APPLIED_NOTE in badges


def test_report_terminal_shows_author_box(text: str) -> None:
    box = _between(text, "Author box", "Claims (4)")
    assert "Jane Roe" in box
    assert "1234" in box
    assert "Jane writes about local affairs." in box


def test_report_terminal_lists_claims_with_attribution_and_score(text: str) -> None:
    claims = _between(text, "Claims (4)", "Findings (6)")
    first = _between(claims, "[1]", "[2]")
    assert "a city official who asked not to be named (anonymous source, cue “said”)" in first
    assert "check-worthiness: 0.91 (rules)" in first
    third = _flat(_between(claims, "[3]", "[4]"))
    assert "Alan Smith, the mayor (named person, cue “said”)" in third
    second = _between(claims, "[2]", "[3]")
    assert "the Riverton Gazette (news outlet, cue “according to”)" in second
    fourth = claims[claims.index("[4]") :]
    assert "(document, cue “report:”)" in fourth
    assert "check-worthiness" not in fourth  # not scored, so not shown
    assert "anonymous sources: 1 of 4 (25%)" in claims


def test_report_terminal_groups_findings_by_kind_with_their_citations(text: str) -> None:
    findings = _between(text, "Findings (6)", "Sections")
    headings = [
        "Self applied badge (1)",
        "Anonymous sources (1)",
        "Restated report (1)",
        "Publisher rating (1)",
        "Not enough evidence (1)",
        "Claim evidence (1)",
    ]
    positions = [findings.index(h) for h in headings]
    assert positions == sorted(positions)
    restated = _between(findings, "Restated report (1)", "Publisher rating (1)")
    assert "Two sentences restate another outlet's report." in restated
    assert "[article] the restating sentences (article, characters 193–240)" in restated
    assert "[url] Riverton Gazette https://gazette.example/bridge" in restated
    rating = _flat(_between(findings, "Publisher rating (1)", "Not enough evidence (1)"))
    assert "[ref ratings:dailylantern.example]" in rating


def test_report_terminal_says_not_enough_evidence_plainly(text: str) -> None:
    findings = _between(text, "Findings (6)", "Sections")
    assert "Not enough evidence: No fact-check or evidence passage was found" in findings
    assert "No citations given." in findings
    # The other convention: a finding of another kind with data.not_enough_evidence.
    assert "Not enough evidence: Evidence search found nothing decisive." in findings
    assert "Not enough evidence: Two sentences" not in findings


def test_report_terminal_renders_every_section_generically(text: str) -> None:
    sections = text[text.index("Sections") :]
    for expected in ["factchecks", "Snopes", "Mixture", "trace", "first_seen", "2024-03-04"]:
        assert expected in sections


def test_report_terminal_shows_a_new_section_without_renderer_changes() -> None:
    article = sample_article()
    article.extras["evidence"] = {"claims": [{"claim": 0, "stance": "refutes", "score": 0.7}]}
    text = Report.from_article(article).to_text()
    evidence = text[text.index("evidence\n") :]
    assert "refutes" in evidence


@pytest.mark.parametrize("width", [100, 72])
def test_report_terminal_fits_the_width(width: int) -> None:
    text = Report.from_article(sample_article()).to_text(width=width)
    too_long = [line for line in text.splitlines() if len(line) > width]
    assert not too_long


def test_report_terminal_colour_only_when_asked() -> None:
    report = Report.from_article(sample_article())
    assert "\x1b[" not in render_text(report, color=False)
    assert "\x1b[" in render_text(report, color=True)


def test_report_terminal_strips_control_codes_and_markup_from_the_page() -> None:
    report = Report.from_article(hostile_article())
    for color in (False, True):
        text = render_text(report, width=100, color=color)
        assert "\x1b]0;pwned" not in text
        assert "\x07" not in text
        assert "\x1b[2J" not in text
    plain = render_text(report)
    assert HOSTILE["markup"] in plain  # shown literally, not interpreted as rich markup
    assert HOSTILE["script"] in plain


def test_report_terminal_renders_an_empty_article() -> None:
    text = Report.from_article(Article(text="", source=SourceInfo("text"))).to_text()
    assert "(no title)" in text
    assert "Publisher: not identified" in text
    assert "No check-worthy claims were found." in text
    assert "No claims were found, so there is no anonymous-source share." in text
    assert "No findings." in text


def test_report_terminal_reads_a_report_loaded_from_json() -> None:
    report = Report.from_article(sample_article())
    again = Report(json.loads(report.to_json()))
    assert render_text(again) == render_text(report)


def test_report_terminal_survives_a_span_outside_the_text() -> None:
    article = sample_article()
    article.findings.append(
        Finding("odd", "Cites past the end.", [Cite("article", "beyond", span=Span(9000, 9100))])
    )
    text = Report.from_article(article).to_text()
    assert "Cites past the end." in text
    assert "[article] beyond" in text


def test_report_terminal_names_the_claim_an_attribution_is_carried_from() -> None:
    article = sample_article()
    article.attributions[3].carried_from = 3  # the sentence of claim [2]
    text = _flat(Report.from_article(article).to_text())
    assert "(document, cue “report:”, carried from claim [2])" in text
    article.attributions[3].carried_from = 1  # a sentence that is no claim
    text = _flat(Report.from_article(article).to_text())
    assert "carried from an earlier sentence)" in text
