"""The pipeline runner: stages declare what they require and assign, and it checks both.

A stage is any object with ``name``, ``requires``, ``assigns`` and ``__call__(article)``
returning the article. The runner checks the whole order before running anything, so a
stage placed too early fails at start with a message naming the missing field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, runtime_checkable

from factsift.article import Article
from factsift.errors import PipelineError

INITIAL_FIELDS = frozenset({"text", "source", "meta"})


@runtime_checkable
class Stage(Protocol):
    # Read-only in the protocol so that stages may declare narrower tuple types.
    @property
    def name(self) -> str: ...
    @property
    def requires(self) -> tuple[str, ...]: ...
    @property
    def assigns(self) -> tuple[str, ...]: ...

    def __call__(self, article: Article) -> Article: ...


def check_order(stages: Sequence[Stage], available: Iterable[str] = INITIAL_FIELDS) -> None:
    """Raise ``PipelineError`` if some stage requires a field no earlier stage assigns."""
    have = set(available)
    for stage in stages:
        missing = [name for name in stage.requires if name not in have]
        if missing:
            raise PipelineError(
                f"Stage '{stage.name}' requires {', '.join(missing)}, which no earlier stage "
                f"assigns. Put a stage that assigns it before '{stage.name}'."
            )
        have.update(stage.assigns)


ProgressHook = Callable[[str], None]


class Pipeline:
    """An ordered list of stages, checked at construction."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        check_order(stages)
        self.stages = list(stages)

    @property
    def names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    def __call__(self, article: Article, on_stage: ProgressHook | None = None) -> Article:
        for stage in self.stages:
            missing = [name for name in stage.requires if name not in article.assigned]
            if missing:
                raise PipelineError(
                    f"Stage '{stage.name}' requires {', '.join(missing)}, which this article "
                    "does not have yet. Run the stage that assigns it first."
                )
            if on_stage is not None:
                on_stage(stage.name)
            result = stage(article)
            if not isinstance(result, Article):
                raise PipelineError(
                    f"Stage '{stage.name}' returned {type(result).__name__}, not an Article. "
                    "A stage must return the article it was given."
                )
            result.assigned.update(stage.assigns)
            article = result
        return article
