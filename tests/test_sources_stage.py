"""The sources stage on the public lists: The People's Voice, unknown domains, gates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from factsift.article import Article, Entity, Publisher, PublisherCandidate, SourceInfo, Span
from factsift.bench.datasets.baly import load_baly
from factsift.bench.sources import ccnews_domains, coverage
from factsift.bench.sources_predictor import evaluate
from factsift.sources.importers import PUBLIC_LISTS, import_public_list
from factsift.sources.lineage import independence
from factsift.sources.model import StoredRating
from factsift.stages.sources import SourcesStage
from factsift.store import KnowledgeStore, open_store

pytestmark = pytest.mark.data
PREDICTOR_MIN_MACRO_F1 = 38.0  # measured 42.6 on fold 0 (BENCHMARKS.md)
CCNEWS_MIN_COVERAGE = (
    0.22  # measured 0.255 on all 15,425 domains (BENCHMARKS.md); a floor, not a target
)


@pytest.fixture(scope="module")
def store(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeStore]:
    kb = open_store(tmp_path_factory.mktemp("sources") / "kb.sqlite3")
    for name, (folder, _) in PUBLIC_LISTS.items():
        import_public_list(kb, name, data_dir / folder)
    yield kb
    kb.close()


def _article(publisher: Publisher | None) -> Article:
    article = Article(text="Iran and Iraq near Tikrit.", source=SourceInfo(kind="text"))
    article.publisher = publisher
    article.assigned.add("publisher")
    return article


def test_sources_stage_peoples_voice_by_name_has_three_independent_ratings(
    store: KnowledgeStore,
) -> None:
    from factsift.stages.publisher import PublisherStage

    article = _article(None)
    article.publisher_candidates = [
        PublisherCandidate("The People\u2019s Voice Community", "badge", Span(0, 4))
    ]
    article.entities = [Entity(Span(0, 4), "Iran", "GPE")]
    article.assigned.add("publisher_candidates")
    article = SourcesStage(store)(PublisherStage(store)(article))
    section = article.extras["sources"]
    assert section["publisher"]["domain"] == "thepeoplesvoice.tv"
    relations = {d["domain"]: d["relation"] for d in section["domains"]}
    assert relations == {
        "thepeoplesvoice.tv": "self",
        "newspunch.com": "former",
        "yournewswire.com": "former",
    }
    rated_domains = {r["domain"] for r in section["ratings"]}
    assert {"newspunch.com", "yournewswire.com", "thepeoplesvoice.tv"} <= rated_domains
    assert all(r["list_name"] and (r["date"] or r["list_date"]) for r in section["ratings"])
    assert section["independence"]["independent_count"] >= 3
    assert "mbfc" in section["independence"]["shared_roots"]  # Lin, Burdisso rest on MBFC too
    kinds = [f.kind for f in article.findings]
    assert "source_agreement" in kinds and kinds.count("source_rating") >= 3
    for finding in article.findings:
        if finding.kind == "source_rating":
            assert all(c.kind == "rating" and c.ref and "(" in c.label for c in finding.cites)
    assert section["agreement"]["readings"] == ["low"]


def test_sources_stage_unknown_domain_says_no_independent_rating(store: KnowledgeStore) -> None:
    publisher = Publisher(
        name=None,
        domain="surely-unlisted-site.example.org",
        method="url",
        evidence="https://surely-unlisted-site.example.org/a",
    )
    article = SourcesStage(store)(_article(publisher))
    [finding] = [f for f in article.findings if f.kind == "source_unrated"]
    assert finding.kind == "source_unrated"
    assert finding.summary.startswith("No independent rating found")
    assert article.extras["sources"]["ratings"] == []
    [guess] = [f for f in article.findings if f.kind == "source_prediction"]
    assert guess.summary.startswith("Prediction, not a rating")
    probabilities = article.extras["sources"]["prediction"]["probabilities"]
    assert sum(probabilities.values()) == pytest.approx(1.0, abs=0.01)


def test_sources_gate_ccnews_coverage_floor(store: KnowledgeStore, data_dir: Path) -> None:
    result = coverage(store, ccnews_domains(data_dir)[::10])
    assert result["coverage"] >= CCNEWS_MIN_COVERAGE


def _rating(list_name: str, rater: str, roots: tuple[str, ...]) -> StoredRating:
    return StoredRating(
        list_name,
        list_name,
        None,
        False,
        "x.com",
        "flag",
        rater,
        roots,
        None,
        None,
        0.0,
        None,
        "f:1",
        None,
        None,
    )


def test_sources_independence_counts_a_shared_root_once() -> None:
    result = independence(
        [
            _rating("mbfc", "mbfc", ("mbfc",)),
            _rating("baly2018", "mbfc", ("mbfc",)),
            _rating("lin2023", "lin2023-pc1", ("mbfc", "newsguard")),
            _rating("hearvox-snopes", "snopes", ("snopes",)),
        ]
    )
    assert [(s.list_name, s.rater) for s in result.independent] == [
        ("mbfc", "mbfc"),
        ("hearvox-snopes", "snopes"),
    ]
    assert len(result.shared["mbfc"]) == 3


def test_sources_check_end_to_end_peoples_voice(
    store: KnowledgeStore, acceptance_path: Path
) -> None:
    from factsift import check

    report = check(acceptance_path, store=store).to_dict()
    assert report["publisher"]["domain"] == "thepeoplesvoice.tv"
    section = report["sections"]["sources"]
    assert section["independence"]["independent_count"] >= 3
    former = {d["domain"] for d in section["domains"] if d["relation"] == "former"}
    assert former == {"newspunch.com", "yournewswire.com"}
    assert {r["domain"] for r in section["ratings"]} >= former
    kinds = {f["kind"] for f in report["findings"]}
    assert {"source_agreement", "source_rating", "author_topic"} <= kinds


def test_sources_gate_name_predictor_fold0(data_dir: Path) -> None:
    result = evaluate(load_baly(data_dir / "baly-news-media-reliability"), "name", [0])
    assert result["macro_f1"] >= PREDICTOR_MIN_MACRO_F1
