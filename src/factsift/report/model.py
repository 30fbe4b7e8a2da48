"""The report model: what a check found, as plain data with a versioned schema.

Renderers (terminal, JSON, HTML) read this model only. The JSON schema lives beside this
module (``schema.json``) and ``docs/report-schema.md`` explains each field.
"""

from __future__ import annotations

import json
from dataclasses import asdict, is_dataclass
from datetime import UTC, datetime
from enum import Enum
from functools import lru_cache
from importlib import resources
from typing import Any

from factsift import __version__
from factsift.article import Article, AttributionKind
from factsift.report.untrusted import escape_json

SCHEMA_VERSION = "1.0"

# Attribution kinds that count as "anonymous" for the share of claims on anonymous sources.
ANONYMOUS_KINDS = frozenset({AttributionKind.ANONYMOUS})


def _plain(value: Any) -> Any:
    """Dataclasses, enums, sets and tuples to JSON-ready values."""
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items) if isinstance(value, set | frozenset) else items
    return value


def anonymous_share(article: Article) -> dict[str, Any]:
    """Share of claims whose attribution is an anonymous source."""
    attributed = [c for c in article.claims if c.attribution is not None]
    anonymous = [
        c
        for c in attributed
        if c.attribution is not None and article.attributions[c.attribution].kind in ANONYMOUS_KINDS
    ]
    total = len(article.claims)
    return {
        "claims": total,
        "attributed": len(attributed),
        "anonymous": len(anonymous),
        "share": round(len(anonymous) / total, 4) if total else None,
        "anonymous_claims": [article.claims.index(c) for c in anonymous],
    }


class Report:
    """The result of a check. ``to_json()``, ``to_html()`` and ``to_text()`` render it."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    @classmethod
    def from_article(cls, article: Article, *, stages: list[str] | None = None) -> Report:
        claims = []
        for index, claim in enumerate(article.claims):
            item = _plain(claim)
            item["index"] = index
            claims.append(item)
        data: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "generator": {"name": "factsift", "version": __version__, "stages": stages or []},
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "input": _plain(article.source),
            "article": {**_plain(article.meta), "text": article.text},
            "sentences": [
                {"index": i, **_plain(s.span), "text": s.text}
                for i, s in enumerate(article.sentences)
            ],
            "entities": _plain(article.entities),
            "quotes": _plain(article.quotes),
            "attributions": _plain(article.attributions),
            "badges": _plain(article.badges),
            "author_box": _plain(article.author_box),
            "publisher_candidates": _plain(article.publisher_candidates),
            "publisher": _plain(article.publisher),
            "claims": claims,
            "anonymous_share": anonymous_share(article),
            "findings": _plain(article.findings),
            "sections": _plain(article.extras),
        }
        return cls(data)

    # -- accessors used by renderers and tests ------------------------------------------
    @property
    def text(self) -> str:
        return str(self.data["article"]["text"])

    @property
    def findings(self) -> list[dict[str, Any]]:
        return list(self.data["findings"])

    def to_dict(self) -> dict[str, Any]:
        return self.data

    def to_json(self, *, indent: int | None = 2) -> str:
        # The text stays as it was; only invisible and control characters are written as
        # \u escapes, so that printing or viewing the JSON cannot be spoofed by them.
        return escape_json(json.dumps(self.data, ensure_ascii=False, indent=indent))

    def to_html(self) -> str:
        from factsift.report.html import render_html

        return render_html(self)

    def to_text(self, *, width: int = 100, color: bool = False) -> str:
        from factsift.report.terminal import render_text

        return render_text(self, width=width, color=color)


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The JSON schema of the report (draft 2020-12)."""
    text = (resources.files("factsift.report") / "schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    schema = load_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``data`` does not follow the schema."""
    import jsonschema

    error = jsonschema.exceptions.best_match(_validator().iter_errors(data))
    if error is not None:
        raise error
