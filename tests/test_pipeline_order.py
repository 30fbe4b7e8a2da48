from __future__ import annotations

from dataclasses import dataclass

import pytest

from factsift.article import Article, SourceInfo
from factsift.errors import PipelineError
from factsift.pipeline import Pipeline


@dataclass
class FakeStage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    returns_article: bool = True

    def __call__(self, article: Article) -> Article:
        return article if self.returns_article else None  # type: ignore[return-value]


def test_pipeline_rejects_stage_placed_before_its_requirement() -> None:
    with pytest.raises(PipelineError, match="'claims' requires sentences"):
        Pipeline([FakeStage("claims", ("sentences",), ("claims",))])


def test_pipeline_runs_in_order_and_records_assigned_fields() -> None:
    pipeline = Pipeline(
        [
            FakeStage("language", ("text",), ("sentences",)),
            FakeStage("claims", ("sentences",), ("claims",)),
        ]
    )
    article = pipeline(Article(text="x", source=SourceInfo(kind="text")))
    assert {"sentences", "claims"} <= article.assigned


def test_pipeline_rejects_stage_that_returns_something_else() -> None:
    pipeline = Pipeline([FakeStage("broken", ("text",), ("x",), returns_article=False)])
    with pytest.raises(PipelineError, match="returned NoneType"):
        pipeline(Article(text="x", source=SourceInfo(kind="text")))
