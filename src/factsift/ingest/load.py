"""Assemble an ``Article`` from raw input: sniff, decode, extract."""

from __future__ import annotations

from pathlib import Path

import httpx

from factsift.article import Article, Metadata, SourceInfo, Span
from factsift.errors import NothingExtractedError
from factsift.ingest.decode import decode_bytes
from factsift.ingest.html import extract_page
from factsift.ingest.plaintext import normalise_text, read_layout
from factsift.ingest.read import RawInput, read_source
from factsift.ingest.sniff import HTML, TEXT, detect_content_type, reject_binary
from factsift.settings import Options

SECTION = "ingest"  # key of this layer's data in Article.extras


def load_article(
    source: str | Path | bytes,
    options: Options,
    *,
    transport: httpx.BaseTransport | None = None,
) -> Article:
    """Read ``source`` (file path, http(s) URL, ``"-"`` for stdin, or bytes) into an Article."""
    raw = read_source(source, options.fetch, transport=transport)
    return article_from_raw(raw, options)


def article_from_raw(raw: RawInput, options: Options) -> Article:
    """Sniff, decode and extract bytes already read."""
    reject_binary(raw.data, raw.label)
    kind = detect_content_type(
        raw.data, forced=options.content_type, declared=raw.media_type, path=raw.path
    )
    text, encoding = decode_bytes(raw.data, raw.label, http_charset=raw.charset, html=kind == HTML)
    if kind == HTML:
        article = _html_article(text, raw.label, user_url=options.url, fetched=raw.source.final_url)
    else:
        article = _text_article(text, raw.label, url=options.url or raw.source.final_url)
    info = raw.source
    info.content_type = kind
    info.encoding = encoding
    article.source = info
    return article


def article_from_html(html: str | bytes, *, url: str | None = None) -> Article:
    """An Article from one HTML page held in memory (``url``: the page's address, if known)."""
    label = f"the HTML page {url}" if url else "the HTML page given"
    if isinstance(html, bytes):
        reject_binary(html, label)
        text, encoding = decode_bytes(html, label, html=True)
        size = len(html)
    else:
        text, encoding, size = html, None, len(html.encode("utf-8", "surrogatepass"))
    article = _html_article(text, label, user_url=url, fetched=None)
    article.source = SourceInfo(
        kind="text", location=url, content_type=HTML, encoding=encoding, bytes_read=size
    )
    return article


def article_from_text(text: str, *, url: str | None = None) -> Article:
    """An Article from plain text held in memory (``url``: where it was published, if known)."""
    article = _text_article(text, "the text given", url=url)
    article.source = SourceInfo(
        kind="text", location=url, content_type=TEXT, bytes_read=len(text.encode("utf-8"))
    )
    return article


def _html_article(html: str, label: str, *, user_url: str | None, fetched: str | None) -> Article:
    """Title line, blank line, body; the user's URL, then the fetched one, over the page's own.

    A page can claim any canonical URL (a copy can claim to be the original), so the address
    the user gave or the one actually fetched wins; the page's claim stays in extras.
    """
    page = extract_page(html, url=fetched or user_url)
    if page is None:
        raise NothingExtractedError(
            f"No article text found in {label}: the page has no main text that can be "
            "extracted (it may be built by JavaScript, or be an index page). Copy the "
            "article's text into a file and check it with --content-type text."
        )
    title = page.title
    text = f"{title}\n\n{page.body}" if title else page.body
    meta = Metadata(
        title=title,
        authors=list(page.authors),
        date=page.date,
        site_name=page.site_name,
        url=user_url or fetched or page.url,
        description=page.description,
        headline_span=Span(0, len(title)) if title else None,
    )
    layout = read_layout(text)  # a "By ..." line in the body gives the byline's span
    if layout.byline_span is not None:
        meta.byline_span = layout.byline_span
        if not meta.authors:
            meta.authors = layout.authors
    extras: dict[str, object] = {"extractor": "trafilatura", "content_type": HTML}
    if page.url and page.url != meta.url:
        extras["page_url"] = page.url
    if page.language:
        extras["language"] = page.language
    return Article(text=text, source=SourceInfo(kind="text"), meta=meta, extras={SECTION: extras})


def _text_article(text: str, label: str, *, url: str | None) -> Article:
    text = normalise_text(text)
    if not text.strip():
        raise NothingExtractedError(
            f"No text found in {label}: it is empty or only white space. Give a file or page "
            "that holds the article."
        )
    layout = read_layout(text)
    meta = Metadata(
        title=layout.title,
        authors=layout.authors,
        date=layout.date,
        url=url,
        headline_span=layout.headline_span,
        byline_span=layout.byline_span,
    )
    extras: dict[str, object] = {"extractor": "plain text layout", "content_type": TEXT}
    if layout.date_span is not None:
        extras["date_span"] = [layout.date_span.start, layout.date_span.end]
    return Article(text=text, source=SourceInfo(kind="text"), meta=meta, extras={SECTION: extras})
