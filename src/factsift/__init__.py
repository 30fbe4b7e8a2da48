"""factsift: check a news article the way a trained fact-checker does, and show the work.

The public API is what ``__all__`` lists; everything else is private and may change.
"""

from __future__ import annotations

__version__ = "0.1.0"

from factsift.api import check
from factsift.article import Article, Span
from factsift.errors import (
    FactsiftError,
    FetchError,
    InputError,
    PipelineError,
    StoreError,
)
from factsift.report.model import Report
from factsift.settings import Options

__all__ = [
    "Article",
    "FactsiftError",
    "FetchError",
    "InputError",
    "Options",
    "PipelineError",
    "Report",
    "Span",
    "StoreError",
    "__version__",
    "check",
]
