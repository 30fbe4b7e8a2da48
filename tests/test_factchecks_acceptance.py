"""Acceptance: an article built from a real PolitiFact claim gets that fact-check first.

The text is built at run time from the CheckThat! 2022 2B data (never copied into the
repository): the first Pants-on-Fire record whose claim has at least 12 words, quoted by its
speaker among filler sentences. The store holds that fact-check among 200 other PolitiFact
fact-checks from the same archive. Checked end to end through ``factsift check`` and, with
a known article date, through the stage itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsift.article import Article, Claim, Sentence, SourceInfo, Span
from factsift.cli.main import cli
from factsift.factchecks.importers import run_import
from factsift.factchecks.importers.checkthat import SET_2B, default_path, read_2022_2b
from factsift.factchecks.models import FactCheck
from factsift.stages.factchecks import FactChecksStage
from factsift.store.base import open_store

OTHERS = 200


def _pick(data_dir: Path) -> tuple[FactCheck, list[FactCheck]]:
    chosen: FactCheck | None = None
    others: list[FactCheck] = []
    for item in read_2022_2b(default_path(SET_2B, data_dir)):
        if not isinstance(item, FactCheck):
            continue
        if chosen is None and item.rating == "pants-fire" and len(item.claim.split()) >= 12:
            chosen = item
        elif len(others) < OTHERS:
            others.append(item)
        if chosen is not None and len(others) >= OTHERS:
            break
    assert chosen is not None
    return chosen, others


def _sentences(fc: FactCheck) -> list[str]:
    speaker = fc.claimant or "The candidate"
    return [
        f"{speaker} spoke to supporters at a rally on Tuesday evening.",
        f"{speaker} told the crowd that {fc.claim.rstrip('.')}.",
        "Local officials did not respond to requests for comment.",
        "The event drew a crowd of about 2,000 people, organisers said.",
    ]


@pytest.fixture(scope="module")
def politifact(
    data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[FactCheck, Path]]:
    folder = tmp_path_factory.mktemp("politifact")
    chosen, others = _pick(data_dir)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FACTSIFT_CACHE", str(folder / "cache"))
        kb = folder / "kb.sqlite3"
        with open_store(kb) as store:
            run_import(store, "acceptance", [*others, chosen], show_progress=False)
        yield chosen, kb


def test_factchecks_acceptance_check_command_shows_it_first(
    politifact: tuple[FactCheck, Path], tmp_path: Path
) -> None:
    chosen, kb = politifact
    article = tmp_path / "article.txt"
    article.write_text("\n\n".join(_sentences(chosen)) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["check", str(article), "--kb", str(kb), "--format", "json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output[result.output.index("{") :])
    found = [f for f in report["findings"] if f["kind"] == "previously_fact_checked"]
    assert found, report["sections"].get("factchecks")
    first = found[0]
    assert first["cites"][0]["kind"] == "factcheck"
    assert first["cites"][0]["url"] == chosen.url
    assert first["data"]["rating"] == "pants-fire" and first["data"]["verdict"] == "false"
    assert first["data"]["predates_article"] is None  # the text file carries no date
    claim_text = report["claims"][first["claim"]]["text"]
    assert chosen.claim.rstrip(".")[:40] in claim_text


def test_factchecks_acceptance_stage_with_dated_article(
    politifact: tuple[FactCheck, Path],
) -> None:
    chosen, kb = politifact
    sentences = _sentences(chosen)
    article = Article(text=" ".join(sentences), source=SourceInfo("text"))
    article.meta.date = "2030-01-01"
    start = 0
    for i, sentence in enumerate(sentences):
        span = Span(start, start + len(sentence))
        article.sentences.append(Sentence(span, sentence))
        article.claims.append(Claim(sentence=i, span=span, text=sentence))
        start += len(sentence) + 1
    article.assigned.update({"sentences", "claims"})
    with open_store(kb) as store:
        FactChecksStage(store)(article)
    findings = [f for f in article.findings if f.kind == "previously_fact_checked"]
    assert findings and findings[0].claim == 1
    assert findings[0].cites[0].url == chosen.url
    assert findings[0].cites[-1].span == article.claims[1].span
    assert findings[0].data["publisher"] == "PolitiFact"
    assert findings[0].data["predates_article"] is True
