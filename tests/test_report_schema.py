"""The report's JSON schema: accepts what the model produces, rejects malformed reports."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from factsift.article import Article, SourceInfo
from factsift.report.model import SCHEMA_VERSION, Report, load_schema, validate
from test_report_samples import hostile_article, sample_article

DOCS = Path(__file__).resolve().parent.parent / "docs" / "report-schema.md"
VALIDATOR = jsonschema.Draft202012Validator(load_schema())  # built once: validate() rebuilds it


def _sample_data() -> dict[str, Any]:
    return json.loads(Report.from_article(sample_article(), stages=["language"]).to_json())


def test_report_schema_is_valid_draft_2020_12() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION


@pytest.mark.parametrize(
    "article",
    [
        sample_article(),
        hostile_article(),
        Article(text="", source=SourceInfo("text")),
    ],
    ids=["sample", "hostile", "empty"],
)
def test_report_schema_accepts_reports_the_model_builds(article: Article) -> None:
    report = Report.from_article(article, stages=["language", "claims"])
    validate(report.data)
    validate(json.loads(report.to_json()))  # and after a JSON round trip


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


def _drop(path: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        del node[last]

    return change


MALFORMED = {
    "no schema_version": _drop("schema_version"),
    "other schema_version": _set("schema_version", "2.0"),
    "unknown top-level key": _set("verdict", "false"),
    "text not a string": _set("article.text", 12),
    "authors not a list": _set("article.authors", "Jane Roe"),
    "negative span start": _set("claims.0.span", {"start": -1, "end": 4}),
    "span end a string": _set("claims.0.span", {"start": 0, "end": "4"}),
    "span as a list": _set("badges.0.span", [0, 4]),
    "span with extra key": _set("badges.0.span", {"start": 0, "end": 4, "text": "x"}),
    "span missing end": _set("attributions.0.source_span", {"start": 3}),
    "unknown attribution kind": _set("attributions.0.kind", "rumour"),
    "attribution without kind": _drop("attributions.0.kind"),
    "finding without cites": _drop("findings.0.cites"),
    "finding without summary": _drop("findings.0.summary"),
    "finding with empty kind": _set("findings.0.kind", ""),
    "cites not an array": _set("findings.0.cites", {"kind": "article"}),
    "cite without url key": _drop("findings.0.cites.0.url"),
    "cite without label": _drop("findings.0.cites.0.label"),
    "cite with bad span": _set("findings.0.cites.0.span", {"start": 1.5, "end": 3}),
    "confidence above 1": _set("findings.1.confidence", 1.5),
    "checkworthiness above 1": _set("claims.0.checkworthiness", 3),
    "section entry a string": _set("sections.trace", "copied"),
    "sections a list": _set("sections", []),
    "publisher without method": _drop("publisher.method"),
    "author box a string": _set("author_box", "Jane Roe"),
    "anonymous share without share": _drop("anonymous_share.share"),
    "badge self_applied a string": _set("badges.0.self_applied", "yes"),
}


@pytest.mark.parametrize("change", MALFORMED.values(), ids=MALFORMED.keys())
def test_report_schema_rejects_malformed_reports(change: Callable[[dict[str, Any]], None]) -> None:
    data = _sample_data()
    VALIDATOR.validate(data)  # the unchanged sample is valid, so the change is what fails
    broken = copy.deepcopy(data)
    change(broken)
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(broken)


def test_report_schema_keeps_sections_open_for_later_stages() -> None:
    data = _sample_data()
    data["sections"]["evidence"] = {"claims": [{"claim": 0, "stance": "refutes", "score": 0.7}]}
    data["sections"]["sources"] = [{"list": "any list", "rating": None}]
    validate(data)


def _property_names(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            yield key
            yield from _property_names(value)
        for key, value in node.items():
            if key != "properties":
                yield from _property_names(value)
    elif isinstance(node, list):
        for item in node:
            yield from _property_names(item)


def test_report_schema_docs_describe_every_field() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", docs))
    missing = sorted(set(_property_names(load_schema())) - documented)
    assert not missing, f"docs/report-schema.md does not describe: {missing}"
    assert f'"{SCHEMA_VERSION}"' in docs
