"""The HTML report: self-contained, no script, marks nested correctly, everything escaped."""

from __future__ import annotations

import json
import random
import re

import lxml.etree
import lxml.html
import pytest

from factsift.article import Cite, Finding, Span
from factsift.report.common import SELF_APPLIED_NOTE
from factsift.report.html import CSP, render_html
from factsift.report.html_marks import Mark, mark_text
from factsift.report.model import Report
from test_report_samples import HOSTILE, hostile_article, sample_article

FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base"}
INSERTED = "a[contains(@class, 'ref')] | span[contains(@class, 'tag')]"


@pytest.fixture(scope="module")
def page() -> str:
    return Report.from_article(sample_article(), stages=["language"]).to_html()


@pytest.fixture(scope="module")
def doc(page: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(page)


def _text_without_inserted(element: lxml.html.HtmlElement) -> str:
    """Text of ``element`` without the labels the renderer inserts (claim numbers, tags)."""
    copy = lxml.html.fromstring(lxml.html.tostring(element, encoding="unicode", with_tail=False))
    for inserted in copy.xpath(f".//{INSERTED.replace(' | ', ' | .//')}"):
        inserted.drop_tree()
    return str(copy.text_content())


def _marked_text(doc: lxml.html.HtmlElement, css_class: str) -> str:
    """All article text inside elements of ``css_class``, in order, labels left out."""
    pieces = doc.xpath(
        f"//div[@class='text']//span[contains(concat(' ', @class, ' '), ' {css_class} ')]"
    )
    return "".join(_text_without_inserted(p) for p in pieces)


def test_report_html_is_self_contained_with_a_strict_csp(doc: lxml.html.HtmlElement) -> None:
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert csp == [CSP] == ["default-src 'none'; style-src 'unsafe-inline'; img-src data:"]
    assert doc.xpath("//style")  # the CSS is inline
    assert not doc.xpath("//script | //link | //*[@src] | //iframe | //object | //embed")
    assert not [a for e in doc.iter() for a in e.attrib if a.lower().startswith("on")]


def test_report_html_article_text_is_complete_and_marks_nest(
    page: str, doc: lxml.html.HtmlElement
) -> None:
    article = sample_article()
    text_div = doc.xpath("//div[@class='text']")[0]
    assert _text_without_inserted(text_div) == article.text
    # Well-formed nesting: the marked text parses as XML, which forbids crossing tags.
    inner = page[
        page.index('<div class="text">') : page.index(
            "</section>", page.index('<div class="text">')
        )
    ]
    lxml.etree.fromstring(inner.encode())


def test_report_html_marks_attributions_by_kind_with_a_tooltip(
    doc: lxml.html.HtmlElement,
) -> None:
    anonymous = doc.xpath("//div[@class='text']//span[contains(@class, 'attr-anonymous')]")
    assert [_text_without_inserted(s) for s in anonymous] == [
        "a city official who asked not to be named"
    ]
    title = anonymous[0].get("title")
    assert "a city official who asked not to be named" in title
    assert "anonymous source" in title
    assert _marked_text(doc, "attr-news_outlet") == "the Riverton Gazette"
    assert _marked_text(doc, "attr-named_person") == "Alan Smiththe mayor"  # name, then role
    role = doc.xpath("//div[@class='text']//span[contains(@class, 'role')]")[0]
    assert role.text_content() == "the mayor"
    assert "Alan Smith, the mayor (named person)" in role.get("title")
    cues = doc.xpath("//div[@class='text']//span[contains(@class, 'cue-anonymous')]")
    assert [c.text_content() for c in cues] == ["said"]
    assert "Cue “said” for a city official" in cues[0].get("title")


def test_report_html_marks_badges_as_self_applied(doc: lxml.html.HtmlElement) -> None:
    badge = doc.xpath("//div[@class='text']//span[contains(@class, 'badge')]")[0]
    assert badge.xpath("./span[@class='tag']")[0].text_content() == "self-applied"
    assert SELF_APPLIED_NOTE in badge.get("title")
    assert _marked_text(doc, "badge") == "Fact checked by The Daily Lantern Community"
    section = doc.xpath("//section[@id='badges']")[0].text_content()
    assert SELF_APPLIED_NOTE in section


def test_report_html_marks_the_author_box(doc: lxml.html.HtmlElement) -> None:
    assert _marked_text(doc, "authorbox").startswith("About Jane Roe 1234 Articles")
    box = doc.xpath("//section[@id='author-box']")[0].text_content()
    assert "Jane Roe" in box and "1234" in box


def test_report_html_numbers_claims_and_links_them_to_the_list(
    doc: lxml.html.HtmlElement,
) -> None:
    article = sample_article()
    for index, claim in enumerate(article.claims):
        first = doc.xpath(f"//span[@id='claim-{index}-text']")[0]
        number = first.xpath("./a[@class='ref']")[0]
        assert number.get("href") == f"#claim-{index}"
        assert number.text_content() == str(index + 1)
        assert _marked_text(doc, "claim").count(claim.text) == 1
        entry = doc.xpath(f"//aside//li[@id='claim-{index}']")[0]
        assert claim.text in entry.text_content()
        assert entry.xpath(".//a[@class='back']/@href") == [f"#claim-{index}-text"]
    first_entry = doc.xpath("//li[@id='claim-0']")[0].text_content()
    assert "a city official who asked not to be named" in first_entry
    assert "anonymous source" in first_entry and "cue “said”" in first_entry
    assert "Check-worthiness 0.91 (rules)" in first_entry
    assert "1 of 4 (25%)" in doc.xpath("//aside//p[@class='share']")[0].text_content()


def test_report_html_marks_any_finding_that_cites_the_article(
    doc: lxml.html.HtmlElement,
) -> None:
    article = sample_article()
    overlap = article.findings[2].cites[0].span
    assert overlap is not None
    assert _marked_text(doc, "cited-restated_report") == article.span_text(overlap)
    # It crosses the ends of an attribution and a claim, so it is split (not the others).
    assert len(doc.xpath("//span[contains(@class, 'cited-restated_report')]")) == 3
    ref = doc.xpath("//div[@class='text']//a[@id='finding-2-cite-0']")[0]
    assert ref.get("href") == "#finding-2"
    assert ref.getparent().get("class") == "cited cited-restated_report"
    # A cite of exactly a badge's span labels the badge instead of underlining it again.
    badge = doc.xpath("//div[@class='text']//span[contains(@class, 'badge')]")[0]
    assert badge.get("class") == "badge cited-self_applied_badge"
    assert badge.xpath("./a[@id='finding-0-cite-0']/@href") == ["#finding-0"]
    assert "F1, Self applied badge: The page labels itself" in badge.get("title")
    # A finding kind no renderer knows is marked the same way.
    article.findings.append(
        Finding("brand_new_check", "A new stage's finding.", [Cite("article", "x", Span(0, 6))])
    )
    new_doc = lxml.html.fromstring(render_html(Report.from_article(article)))
    assert _marked_text(new_doc, "cited-brand_new_check") == "Bridge"
    assert new_doc.xpath("//li[@id='finding-6']")


def test_report_html_lists_findings_with_citations_and_safe_links(
    doc: lxml.html.HtmlElement,
) -> None:
    findings = doc.xpath("//section[@id='findings']")[0]
    headings = [h.text_content() for h in findings.xpath(".//h3")]
    assert headings[:2] == ["Self applied badge (1)", "Anonymous sources (1)"]
    rating = findings.xpath(".//li[@id='finding-3']")[0]
    assert rating.xpath(".//a/@href") == ["https://lists.example/ratings"]
    assert "ref ratings:dailylantern.example" in rating.text_content()
    assert "file:///tmp/list.csv" in rating.xpath(".//span[@class='url']")[0].text_content()
    nee = findings.xpath(".//li[@id='finding-4']")[0]
    assert nee.xpath(".//span[@class='nee']")[0].text_content() == "Not enough evidence"
    assert "No citations given." in nee.text_content()
    by_data = findings.xpath(".//li[@id='finding-5']")[0]
    assert by_data.xpath(".//span[@class='nee']")
    assert not findings.xpath(".//li[@id='finding-2']//span[@class='nee']")


def test_report_html_renders_every_section_generically(doc: lxml.html.HtmlElement) -> None:
    sections = doc.xpath("//section[@id='sections']")[0]
    assert [h.text_content() for h in sections.xpath(".//h3")] == ["Factchecks", "Trace"]
    table = sections.xpath(".//table")[0]
    assert [th.text_content() for th in table.xpath(".//th")] == [
        "claim",
        "rating",
        "publisher",
        "url",
    ]
    assert table.xpath(".//a/@href") == ["https://www.snopes.example/fact-check/bridge"]
    assert "Riverton Gazette" in sections.text_content()


def test_report_html_reads_a_report_loaded_from_json() -> None:
    report = Report.from_article(sample_article())
    assert render_html(Report(json.loads(report.to_json()))) == render_html(report)


def _coverage(marked: str, length: int) -> list[set[str]]:
    """For each character of the text, the classes of the marks around it."""
    root = lxml.etree.fromstring(f"<div>{marked}</div>".encode())
    covered: list[set[str]] = []

    def walk(node: lxml.etree._Element, classes: set[str]) -> None:
        here = classes | {node.get("class")} if node.get("class") else classes
        covered.extend(set(here) for _ in node.text or "")
        for child in node:
            walk(child, here)
            covered.extend(set(classes if node is root else here) for _ in child.tail or "")

    walk(root, set())
    assert len(covered) == length
    return covered


@pytest.mark.parametrize("seed", range(20))
def test_report_html_marks_cover_exactly_their_spans(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice("ab <&>\"'\n") for _ in range(60))
    marks = []
    for number in range(rng.randint(1, 8)):
        start = rng.randint(-3, 60)
        marks.append(Mark(start, start + rng.randint(0, 25), f"m{number}", f"t{number}"))
    marked = mark_text(text, marks)
    covered = _coverage(marked, len(text))
    for position in range(len(text)):
        expected = {m.classes for m in marks if m.start <= position < m.end}
        assert covered[position] == expected


def test_report_html_mark_ids_and_labels_appear_once_per_mark() -> None:
    marks = [
        Mark(0, 10, "outer", "o", anchor="a1", lead_html="<b>1</b>"),
        Mark(5, 15, "crossing", "c", anchor="a2", lead_html="<b>2</b>"),
    ]
    marked = mark_text("0123456789abcdefghij", marks)
    assert marked.count('id="a1"') == marked.count('id="a2"') == 1
    assert marked.count("<b>2</b>") == 1
    root = lxml.etree.fromstring(f"<div>{marked}</div>".encode())
    assert len(root.xpath("//span[@class='crossing']")) == 2  # split where it crosses


def test_report_html_hostile_page_is_escaped_everywhere() -> None:
    page = Report.from_article(hostile_article()).to_html()
    assert "<script" not in page.lower()
    assert "<svg" not in page.lower()
    assert "<img" not in page.lower()
    assert "\x1b" not in page
    doc = lxml.html.fromstring(page)
    for element in doc.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        assert element.tag.lower() not in FORBIDDEN_TAGS | {"svg", "img"}
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name.lower() in {"href", "src", "action", "formaction", "xlink:href"}:
                assert re.match(r"(https?:|#)", value.strip(), re.IGNORECASE), value
    hrefs = [h.strip().lower() for h in doc.xpath("//@href")]
    assert hrefs and not [h for h in hrefs if h.startswith("javascript:")]
    # The hostile text is still there for the reader to see, as text.
    visible = doc.text_content()
    for needle in (HOSTILE["script"], HOSTILE["img"], HOSTILE["svg"], HOSTILE["js"]):
        assert needle in visible
    title = doc.xpath("//title")[0].text_content()
    assert HOSTILE["script"] in title
    # Tooltips (title attributes) carry the hostile strings as inert text too.
    tooltips = " ".join(doc.xpath("//div[@class='text']//span/@title"))
    assert HOSTILE["svg"] in tooltips
    # The javascript: URL of the article and of a cite is shown, but not as a link.
    urls = [e.text_content() for e in doc.xpath("//span[@class='url']")]
    assert HOSTILE["js"] in urls
    assert "data:text/html,<script>alert(1)</script>" in urls


def test_report_html_links_the_claim_an_attribution_is_carried_from() -> None:
    article = sample_article()
    article.attributions[3].carried_from = 3  # the sentence of claim 2
    doc = lxml.html.fromstring(render_html(Report.from_article(article)))
    entry = doc.xpath("//li[@id='claim-3']")[0]
    assert "carried from claim 2" in entry.text_content()
    assert "#claim-1" in entry.xpath(".//p[@class='who']//a/@href")
