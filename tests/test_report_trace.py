"""The trace section in the HTML and terminal reports, from a real run of the trace stage."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from factsift.article import Article, Metadata, Quote, SourceInfo, Span
from factsift.corpus.importer import import_corpus
from factsift.report.model import Report, validate
from factsift.stages.trace import TraceStage
from factsift.store.base import open_store
from trace_fixtures import (
    COPY,
    COPY_DATE,
    COPY_TITLE,
    COPY_URL,
    FRAMING,
    ORIGINAL,
    ORIGINAL_DATE,
    ORIGINAL_PUBLISHER,
    ORIGINAL_TITLE,
    ORIGINAL_URL,
    QUOTE,
)

# A hostile corpus: the source's title, URL and text, and the copy's own words, try to
# break out of the page.
HOSTILE_TITLE = "<script>alert('title')</script> Gazette"
HOSTILE_URL = "javascript:alert(document.cookie)"
HOSTILE_SOURCE_WORDS = "<img src=x onerror=alert(1)>"
HOSTILE_ARTICLE_WORDS = "<script>alert(2)</script>"


def _article(text: str) -> Article:
    article = Article(
        text=text,
        source=SourceInfo(kind="text"),
        meta=Metadata(title=COPY_TITLE, url=COPY_URL, date=COPY_DATE),
    )
    start = text.find(QUOTE)
    article.quotes.append(Quote(Span(start, start + len(QUOTE)), QUOTE, sentence=0))
    article.assigned.update({"sentences", "quotes"})
    return article


def _traced_report(tmp_path: Path, original: dict[str, str], copy: str) -> dict[str, Any]:
    """The report of ``copy`` after the trace stage compared it with a one-document corpus."""
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps(original), encoding="utf-8")
    with open_store(tmp_path / "kb.sqlite3") as store:
        import_corpus(store, corpus)
        article = TraceStage(store, paraphrase=False)(_article(copy))
    data = Report.from_article(article, stages=["trace"]).data
    validate(data)
    return data


@pytest.fixture(scope="module")
def traced(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    original = {
        "url": ORIGINAL_URL,
        "title": ORIGINAL_TITLE,
        "text": ORIGINAL,
        "date": ORIGINAL_DATE,
        "publisher": ORIGINAL_PUBLISHER,
    }
    return _traced_report(tmp_path_factory.mktemp("trace"), original, COPY)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    original = {
        "url": HOSTILE_URL,
        "title": HOSTILE_TITLE,
        "text": ORIGINAL.replace("48 million", f"{HOSTILE_SOURCE_WORDS} 48 million"),
        "date": ORIGINAL_DATE,
        "publisher": "Gazette onerror=alert(3)",
    }
    copy = COPY.replace("a staggering", f"a staggering {HOSTILE_ARTICLE_WORDS}")
    return _traced_report(tmp_path_factory.mktemp("hostile"), original, copy)


def _page(data: dict[str, Any]) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(Report(data).to_html())


def _texts(elements: list[lxml.html.HtmlElement]) -> list[str]:
    return [str(e.text_content()) for e in elements]


def test_report_trace_html_shows_share_origin_and_passages_in_two_columns(
    traced: dict[str, Any],
) -> None:
    section = traced["sections"]["trace"]
    doc = _page(traced)
    (trace,) = doc.xpath("//section[@id='trace']")
    assert "Trace: where this text comes from" in trace.findtext("h2")
    facts = dict(zip(_texts(trace.xpath("./dl/dt")), trace.xpath("./dl/dd"), strict=True))
    assert facts["Copied share"].text_content() == f"{section['copied_share'] * 100:.0f}%"
    assert facts["Origin"].xpath(".//a/@href") == [ORIGINAL_URL]
    passages = trace.xpath(".//article[@class='trace-passage']")
    assert len(passages) == len(section["passages"]) >= 1
    first = passages[0]
    head = first.xpath(".//p[@class='trace-head']")[0].text_content()
    similarity = section["passages"][0]["similarity"]
    assert "near-verbatim" in head and f"similarity {similarity:.2f}" in head
    assert first.xpath(".//p[@class='trace-from']//a/@href") == [ORIGINAL_URL]
    (target,) = first.xpath(".//p[@class='trace-head']/a[@class='back']/@href")
    (mark,) = doc.xpath(f"//div[@class='text']//*[@id='{target[1:]}']/..")
    assert "cited-copied_passage" in mark.get("class")
    (source,) = first.xpath(".//div[contains(@class, 'trace-source')]/p[@class='trace-text']")
    (copied,) = first.xpath(".//div[contains(@class, 'trace-article')]/p[@class='trace-text']")
    # The words the copy changed: struck through on the source side, marked on the article's.
    assert "debate" in _texts(source.xpath(".//del"))
    assert "fight" in _texts(copied.xpath(".//ins"))
    assert not source.xpath(".//ins") and not copied.xpath(".//del")
    # Each column, read as text, is that side's passage, paragraph breaks included.
    source_span = section["passages"][0]["source_span"]
    article_span = section["passages"][0]["article_span"]
    assert source.text_content() == ORIGINAL[slice(*source_span)].strip()
    assert copied.text_content() == COPY[slice(*article_span)].strip()
    assert "\n\n" in copied.text_content()
    # Shown are the section only, not also the generic rendering of it.
    assert not doc.xpath("//section[@id='sections']")


def test_report_trace_html_headline_unsourced_and_quotes(traced: dict[str, Any]) -> None:
    doc = _page(traced)
    (trace,) = doc.xpath("//section[@id='trace']")
    headline = trace.xpath(".//div[@class='trace-cols']")[0]
    (source,) = headline.xpath(".//div[contains(@class, 'trace-source')]/p[@class='trace-text']")
    (article,) = headline.xpath(".//div[contains(@class, 'trace-article')]/p[@class='trace-text']")
    assert source.text_content() == ORIGINAL_TITLE and article.text_content() == COPY_TITLE
    assert "debate" in " ".join(_texts(source.xpath(".//del")))
    assert "Globalist" in " ".join(_texts(article.xpath(".//ins")))
    (unsourced,) = trace.xpath(".//ul[@class='trace-unsourced']/li")
    assert unsourced.findtext("q") == FRAMING
    # The added paragraph is marked in the article text, and the list links to that mark.
    (target,) = unsourced.xpath(".//a[@class='back']/@href")
    (mark,) = doc.xpath(f"//div[@class='text']//*[@id='{target[1:]}']/..")
    assert "cited-unsourced_text" in mark.get("class")
    assert mark.text_content().replace(mark.xpath("./a")[0].text_content(), "", 1) == FRAMING
    (quote,) = trace.xpath(".//ul[@class='trace-quotes']/li")
    assert quote.findtext("q") == QUOTE
    assert quote.xpath(".//a/@href") == [ORIGINAL_URL]
    assert "1 reference document(s) hold it" in quote.text_content()


def test_report_trace_html_escapes_hostile_source_and_article(hostile: dict[str, Any]) -> None:
    page = Report(hostile).to_html()
    doc = lxml.html.fromstring(page)
    assert not doc.xpath("//script | //img | //*[@src]")
    assert not [a for e in doc.iter() for a in e.attrib if a.lower().startswith("on")]
    assert not [h for h in doc.xpath("//a/@href") if not h.startswith(("#", "http"))]
    (trace,) = doc.xpath("//section[@id='trace']")
    # The hostile strings are there, as text: the origin's title, its URL (not a link),
    # the source's words (struck through) and the article's (inserted).
    text = trace.text_content()
    assert HOSTILE_TITLE in text and HOSTILE_URL in text and "onerror=alert(3)" in text
    passage = trace.xpath(".//article[@class='trace-passage']")[0]
    assert not passage.xpath(".//p[@class='trace-from']//a")
    assert any(HOSTILE_SOURCE_WORDS in t for t in _texts(passage.xpath(".//del")))
    assert any(HOSTILE_ARTICLE_WORDS in t for t in _texts(passage.xpath(".//ins")))
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_report_trace_html_tolerates_a_section_of_another_shape() -> None:
    data = {"sections": {"trace": {"passages": [{"diff": [["bogus", 1], "x"], "kind": 3}]}}}
    page = Report(data).to_html()
    assert 'class="trace-passage"' in page and "(no text)" in page
    # A section of another shape is shown generically, as any other section.
    other = lxml.html.fromstring(Report({"sections": {"trace": {"seen": ["<i>"]}}}).to_html())
    assert not other.xpath("//section[@id='trace']")
    assert other.xpath("//section[@id='sections']//li")[0].text_content() == "<i>"
    assert "seen" in Report({"sections": {"trace": {"seen": 1}}}).to_text()


def test_report_trace_html_diff_that_disagrees_with_the_texts_is_shown_as_stored() -> None:
    diff = [["equal", "one two"], ["delete", "<b>"], ["insert", "3"]]
    passage = {"diff": diff, "source_text": "other words"}
    page = Report({"sections": {"trace": {"passages": [passage]}}}).to_html()
    assert '<p class="trace-text">one two <del>&lt;b&gt;</del></p>' in page
    assert '<p class="trace-text">one two <ins>3</ins></p>' in page


def test_report_trace_terminal_shows_share_origin_and_compact_diff(
    traced: dict[str, Any],
) -> None:
    section = traced["sections"]["trace"]
    out = " ".join(Report(traced).to_text(width=120).split())  # wrapped lines joined
    assert "Trace: where this text comes from" in out
    assert f"Copied share: {section['copied_share'] * 100:.0f}%" in out
    assert f"Origin: {section['origin']['label']} {ORIGINAL_URL}" in out
    assert "ending a [-debate-] {+fight+} that has divided" in out
    assert "Headline changed" in out and f"origin: {ORIGINAL_TITLE}" in out
    assert f"\u201c{FRAMING}\u201d" in out
    assert f"first appears in {section['origin']['label']}" in out
    assert "Sections" not in out  # the trace is the only section, shown by its own renderer


def test_report_trace_terminal_cannot_be_restyled_by_the_corpus(
    hostile: dict[str, Any],
) -> None:
    hostile = json.loads(json.dumps(hostile))
    hostile["sections"]["trace"]["origin"]["label"] = "\x1b]0;pwned\x07[bold red]x[/] Gazette"
    out = Report(hostile).to_text(width=200, color=True)
    assert "\x1b]0" not in out and "\x07" not in out
    assert "[bold red]x[/] Gazette" in out  # shown as text, not read as markup
    assert HOSTILE_SOURCE_WORDS in out and HOSTILE_ARTICLE_WORDS in out


def _doc(title: str, url: str | None) -> dict[str, Any]:
    return {"id": 1, "title": title, "publisher": None, "date": None, "url": url, "label": title}


def test_report_trace_html_also_in_later_documents_and_unfound_quote() -> None:
    text = "Quoted words here and a copied passage of the text."
    section = {
        "status": "copied",
        "summary": "Some of it was copied.",
        "passages": [
            {
                "article_span": [0, len(text)],
                "kind": "verbatim",
                "similarity": 1.0,
                "source": _doc("First", "https://first.test/a"),
                "source_text": text,
                "diff": [["equal", text]],
                "also_in": [
                    _doc("Mirror", "https://mirror.test/b"),
                    _doc("Bad", "data:text/html,x"),
                ],
            }
        ],
        "quotes": [{"span": [0, 12], "text": "Quoted words", "first_appearance": None}],
        "later_documents": [_doc("Later", "https://later.test/c")],
        "note": "Paraphrase detection is off: no model.",
    }
    data = {"article": {"text": text}, "sections": {"trace": section}}
    (trace,) = lxml.html.fromstring(Report(data).to_html()).xpath("//section[@id='trace']")
    (also,) = trace.xpath(".//p[@class='trace-also']")
    assert also.xpath(".//a/@href") == ["https://mirror.test/b"]
    assert "Bad data:text/html,x" in also.text_content()
    (quote,) = trace.xpath(".//ul[@class='trace-quotes']/li")
    assert "not found in the reference corpus" in quote.text_content()
    assert trace.xpath(".//ul[@class='trace-later']//a/@href") == ["https://later.test/c"]
    assert "Paraphrase detection is off" in trace.text_content()
    assert not trace.xpath(".//p[@class='trace-text']/*")  # verbatim: no del, no ins
    out = " ".join(Report(data).to_text().split())
    assert "also in: Mirror https://mirror.test/b; Bad data:text/html,x" in out
    assert "Later documents, not taken as sources (1)" in out


def test_report_trace_without_corpus_says_so_and_claims_nothing(tmp_path: Path) -> None:
    with open_store(tmp_path / "kb.sqlite3") as store:
        article = TraceStage(store, paraphrase=False)(_article(COPY))
    report = Report.from_article(article, stages=["trace"])
    validate(report.data)
    (trace,) = lxml.html.fromstring(report.to_html()).xpath("//section[@id='trace']")
    assert "nothing to compare with" in trace.text_content()
    assert not trace.xpath(".//article | .//h3")
    assert "nothing to compare with" in " ".join(report.to_text().split())


@pytest.mark.parametrize("width", [100, 72])
def test_report_trace_terminal_fits_the_width(traced: dict[str, Any], width: int) -> None:
    text = Report(traced).to_text(width=width)
    assert not [line for line in text.splitlines() if len(line) > width]
