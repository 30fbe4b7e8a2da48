"""Ingest: read an article from a file, a URL, standard input or bytes, safely.

``load_article`` is the entry point; ``article_from_html`` and ``article_from_text`` build
an Article from content already in memory (the corpus importers use them).
"""

from __future__ import annotations

from factsift.ingest.load import article_from_html, article_from_text, load_article

__all__ = ["article_from_html", "article_from_text", "load_article"]
