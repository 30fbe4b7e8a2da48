"""HTML pages: body and metadata with trafilatura, title line, URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsift.errors import NothingExtractedError
from factsift.ingest import article_from_html, load_article
from factsift.settings import Options

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CANONICAL = "https://gazette.example/2024/04/footbridge-approved"


@pytest.fixture(scope="module")
def page() -> bytes:
    return (FIXTURES / "article.html").read_bytes()


def test_ingest_html_metadata(page: bytes) -> None:
    article = article_from_html(page)
    meta = article.meta
    assert meta.title == "Council approves footbridge over the Lark"
    assert meta.authors == ["Mara Quill"]
    assert meta.date == "2024-04-08"
    assert meta.site_name == "Riverton Gazette"
    assert meta.url == CANONICAL
    assert meta.description is not None and "seven to two" in meta.description
    assert article.source.content_type == "text/html"
    assert article.source.encoding == "utf-8"


def test_ingest_html_text_is_title_blank_line_body(page: bytes) -> None:
    article = article_from_html(page)
    title, blank, *body = article.text.split("\n")
    assert (title, blank) == ("Council approves footbridge over the Lark", "")
    assert article.meta.headline_span is not None
    assert article.span_text(article.meta.headline_span) == title
    assert title not in body  # the page's <h1> is not repeated
    assert any(line.startswith("The Riverton town council voted") for line in body)
    assert any("Wenche Lund" in line for line in body)
    assert all("Home" not in line and "Copyright" not in line for line in body)


def test_ingest_html_byline_span(page: bytes) -> None:
    article = article_from_html(page)
    assert article.meta.byline_span is not None
    assert article.span_text(article.meta.byline_span) == "By Mara Quill"


def test_ingest_html_user_url_wins_and_page_url_kept(page: bytes) -> None:
    article = load_article(page, Options(url="https://mirror.example/copy"))
    assert article.meta.url == "https://mirror.example/copy"
    assert article.extras["ingest"]["page_url"] == CANONICAL


def test_ingest_html_str_input_and_url_argument(page: bytes) -> None:
    article = article_from_html(page.decode(), url=CANONICAL)
    assert article.meta.url == CANONICAL
    assert "page_url" not in article.extras["ingest"]
    assert article.source.location == CANONICAL


def test_ingest_html_short_page_still_extracted() -> None:
    html = "<html><body><p>Ferry service resumes on Monday after storm repairs.</p></body></html>"
    article = article_from_html(html)
    assert "Ferry service resumes on Monday" in article.text


def test_ingest_html_no_text_raises_naming_input() -> None:
    html = "<html><body><script>x()</script></body></html>"
    with pytest.raises(NothingExtractedError, match=r"https://empty\.example/"):
        article_from_html(html, url="https://empty.example/")
