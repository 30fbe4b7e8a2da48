"""The acceptance article, checked end to end and rendered in all three formats."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import lxml.html
import pytest

from factsift.report.common import SELF_APPLIED_NOTE
from factsift.report.model import Report, validate


@pytest.fixture(scope="module")
def report(acceptance_path: Path) -> Report:
    language = importlib.import_module("factsift.language")
    if not hasattr(language, "LanguageStage"):
        pytest.skip("the language layer (factsift.language.LanguageStage) has not landed yet")
    from factsift import api

    return api.check(acceptance_path, use_store=False)


def test_report_acceptance_json_follows_the_schema(report: Report) -> None:
    validate(json.loads(report.to_json()))
    assert report.data["claims"], "the acceptance article has claims"


def test_report_acceptance_terminal_says_what_the_report_found(report: Report) -> None:
    text = report.to_text(width=100)
    assert all(len(line) <= 100 for line in text.splitlines())
    assert f"Claims ({len(report.data['claims'])})" in text
    assert "Claims resting on anonymous sources:" in text
    if report.data["badges"]:
        assert SELF_APPLIED_NOTE in text
    for claim in report.data["claims"]:
        assert " ".join(claim["text"].split()[:4]) in " ".join(text.split())


def test_report_acceptance_html_marks_the_article(report: Report) -> None:
    page = report.to_html()
    assert "<script" not in page.lower()
    doc = lxml.html.fromstring(page)
    text_div = doc.xpath("//div[@class='text']")[0]
    for inserted in text_div.xpath(".//a[contains(@class, 'ref')] | .//span[@class='tag']"):
        inserted.drop_tree()
    assert text_div.text_content() == report.text
    claims = doc.xpath("//div[@class='text']//span[starts-with(@id, 'claim-')]")
    assert len(claims) == len(report.data["claims"])
    if report.data["badges"]:
        assert doc.xpath("//div[@class='text']//span[contains(@class, 'badge')]")
    kinds = {a["kind"] for a in report.data["attributions"] if a["source_span"]}
    for kind in kinds:
        assert doc.xpath(f"//div[@class='text']//span[contains(@class, 'attr-{kind}')]")
