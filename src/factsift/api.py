"""The Python API: ``factsift.check(source, ...) -> Report``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factsift.pipeline import ProgressHook
from factsift.report.model import Report
from factsift.settings import Options
from factsift.store.base import KnowledgeStore, open_store


def check(
    source: str | Path | bytes,
    *,
    options: Options | None = None,
    store: KnowledgeStore | None = None,
    transport: Any = None,
    on_stage: ProgressHook | None = None,
    **kwargs: Any,
) -> Report:
    """Check an article and return its report.

    ``source`` is a file path, a URL, ``"-"`` for standard input, or the raw bytes of a page.
    Keyword arguments are options (``url=``, ``kb_path=``, ``allow_private=``...), see
    ``factsift.Options``. ``transport`` replaces the HTTP transport (an ``httpx`` transport),
    for tests and proxies.
    """
    from factsift.ingest import load_article
    from factsift.stages import build_pipeline

    opts = options if options is not None else Options.from_kwargs(**kwargs)
    article = load_article(source, opts, transport=transport)
    own_store = store is None and opts.use_store
    if own_store:
        store = open_store(opts.resolved_kb_path())
    try:
        pipeline = build_pipeline(store, opts)
        article = pipeline(article, on_stage=on_stage)
    finally:
        if own_store and store is not None:
            store.close()
    return Report.from_article(article, stages=pipeline.names)
