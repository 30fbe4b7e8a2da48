"""Evidence through the CLI and the pipeline, with a real store, real vectors and the model.

Acceptance (issue 7): with a small reference corpus holding a report that contradicts a
claim, ``factsift check`` shows that passage as refuting, with its source and date; with an
empty corpus every claim is "not enough evidence".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from factsift.cli.main import cli
from factsift.corpus.importer import import_corpus
from factsift.settings import Options
from factsift.stance.predictor import StanceResult
from factsift.store.base import open_store

ARTICLE = (
    "City says Harbor Bridge repairs finished on time\n\n"
    "By Dana Whitfield\nMarch 14, 2024\n\n"
    "The Harbor Bridge repairs were completed in February, two months ahead of schedule, "
    "Mayor Lena Ortiz said on Tuesday.\n\n"
    "The repairs cost $12 million, less than half of the original estimate, according to the "
    "city's public works department.\n"
)
CLAIM = "The Harbor Bridge repairs were completed in February"
REFUTING = {
    "url": "https://www.rivertongazette.example/news/harbor-bridge-delay",
    "title": "Harbor Bridge repairs delayed again",
    "publisher": "Riverton Gazette",
    "date": "2024-03-01",
    "text": "Harbor Bridge repairs delayed again\n\nThe Harbor Bridge repairs will not be "
    "finished before June, the state transportation department said on Friday, after "
    "inspectors found new cracks in two support beams.\n\nTrucks will remain banned from the "
    "bridge until the work is done, officials said.",
}
UNRELATED = {
    "url": "https://weather.example/spring-outlook",
    "title": "Spring outlook",
    "publisher": "Weather Desk",
    "date": "2024-03-02",
    "text": "Spring outlook\n\nForecasters expect a warmer than usual spring across the "
    "region, with rain concentrated in April. Farmers said the mild winter helped early crops.",
}


def _write(tmp_path: Path, records: list[dict[str, str]]) -> tuple[Path, Path]:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return article, corpus


def _check(*args: str) -> str:
    result = CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _claim_index(report: dict[str, Any], needle: str) -> int:
    return next(c["index"] for c in report["claims"] if needle in c["text"])


def test_evidence_cli_shows_a_contradicting_report_as_refuting(
    tmp_path: Path, kb_path: Path
) -> None:
    article, corpus = _write(tmp_path, [REFUTING, UNRELATED])
    result = CliRunner().invoke(cli, ["corpus", "import", str(corpus), "--quiet"])
    assert result.exit_code == 0, result.output
    report = json.loads(_check(str(article), "--format", "json"))
    section = report["sections"]["evidence"]
    assert section["status"] == "ok" and section["documents_searched"] == 2
    index = _claim_index(report, CLAIM)
    entry = next(e for e in section["claims"] if e["claim"] == index)
    top = entry["passages"][0]
    assert top["publisher"] == "Riverton Gazette" and top["date"] == "2024-03-01"
    assert top["url"] == REFUTING["url"]
    assert "will not be finished before June" in top["text"]
    assert top["stance"] == "refutes"
    assert top["probabilities"]["refutes"] > top["probabilities"]["supports"]
    # The cited span is the passage's place in the stored document.
    start, end = top["span"]
    assert REFUTING["text"][start:end] == top["text"]
    # The weather report is not evidence about the bridge.
    assert all(p["publisher"] != "Weather Desk" for e in section["claims"] for p in e["passages"])
    text = _check(str(article))
    assert "Evidence from the reference corpus" in text
    assert "refutes" in text and "Riverton Gazette, 2024-03-01" in text


def test_evidence_cli_empty_corpus_says_not_enough_evidence_for_every_claim(
    tmp_path: Path, kb_path: Path
) -> None:
    article, _ = _write(tmp_path, [])
    report = json.loads(_check(str(article), "--format", "json"))
    section = report["sections"]["evidence"]
    assert section["status"] == "empty" and "corpus import" in section["note"]
    assert report["claims"]
    assert {c["status"] for c in report["claims"]} == {"not_enough_evidence"}
    assert not [f for f in report["findings"] if f["kind"].startswith("claim_")]
    nee = next(f for f in report["findings"] if f["kind"] == "not_enough_evidence")
    assert nee["data"]["claims"] == [c["index"] for c in report["claims"]]
    assert "not enough evidence" in _check(str(article)).lower()


def test_evidence_filters_later_documents_and_the_articles_own_publisher(
    tmp_path: Path, kb_path: Path
) -> None:
    later = {**REFUTING, "url": "https://later.example/x", "date": "2024-04-30"}
    own = {**REFUTING, "url": "https://www.citynews.example/bridge-2", "date": "2024-03-02"}
    own["text"] = own["text"].replace("Trucks", "Lorries")  # a different text, same site
    article, corpus = _write(tmp_path, [later, own])
    with open_store(kb_path) as store:
        import_corpus(store, corpus)
    report = json.loads(
        _check(str(article), "--format", "json", "--url", "https://citynews.example/bridge")
    )
    section = report["sections"]["evidence"]
    entry = section["claims"][_claim_index(report, CLAIM)]
    assert entry["passages"] == []
    assert entry["excluded"] == {"after_article": 1, "same_publisher": 1}
    # A wider window lets the later report in.
    report = json.loads(_check(str(article), "--format", "json", "--evidence-after-days", "60"))
    entry = report["sections"]["evidence"]["claims"][_claim_index(report, CLAIM)]
    assert [p["url"] for p in entry["passages"]][:1] == ["https://later.example/x"]
    no_evidence = json.loads(_check(str(article), "--format", "json", "--no-evidence"))
    assert "evidence" not in no_evidence["sections"]


def test_evidence_excludes_documents_the_article_copies(tmp_path: Path, kb_path: Path) -> None:
    copied = {
        "url": "https://wire.example/bridge",
        "title": "Bridge repairs done",
        "publisher": "Wire",
        "date": "2024-03-13",
        "text": ARTICLE.split("\n\n", 3)[3],  # the article's body, word for word
    }
    article, corpus = _write(tmp_path, [copied])
    with open_store(kb_path) as store:
        import_corpus(store, corpus)
    report = json.loads(_check(str(article), "--format", "json"))
    assert any(f["kind"] == "copied_passage" for f in report["findings"])
    for entry in report["sections"]["evidence"]["claims"]:
        assert entry["passages"] == []
        assert set(entry["excluded"]) <= {"copy", "repeats_claim"}


def _fixed_stance(label: str, p: float) -> Any:
    rest = (1.0 - p) / 2

    def stance(claims: list[str], passages: list[str]) -> list[StanceResult]:
        probs = {"supports": rest, "refutes": rest, "not enough info": rest}
        probs[label] = p
        return [StanceResult(label, probs) for _ in claims]

    return stance


@pytest.mark.parametrize(
    ("label", "p", "status"),
    [("refutes", 0.95, "refuted"), ("supports", 0.9, "supported"), ("refutes", 0.55, None)],
)
def test_evidence_status_rests_on_strong_passages_and_cites_them(
    tmp_path: Path, kb_path: Path, label: str, p: float, status: str | None
) -> None:
    from factsift.ingest import load_article
    from factsift.stages import build_pipeline

    second = {**REFUTING, "url": "https://harbor-herald.example/bridge", "publisher": "Herald"}
    second["text"] = second["text"].replace("two support beams", "the north support beams")
    article, corpus = _write(tmp_path, [REFUTING, second])
    with open_store(kb_path) as store:
        import_corpus(store, corpus)
        pipeline = build_pipeline(store, Options())
        stage = next(s for s in pipeline.stages if s.name == "evidence")
        stage.stance = _fixed_stance(label, p)  # type: ignore[attr-defined]
        result = pipeline(load_article(article, Options()))
    index = next(i for i, c in enumerate(result.claims) if CLAIM in c.text)
    claim = result.claims[index]
    findings = [f for f in result.findings if f.claim == index and f.kind.startswith("claim_")]
    if status is None:
        assert claim.status == "not_enough_evidence" and not findings
        return
    assert claim.status == status
    [finding] = findings
    assert finding.kind == f"claim_{status}"
    passage_cites = [c for c in finding.cites if c.kind == "passage"]
    assert {c.url for c in passage_cites} == {REFUTING["url"], second["url"]}
    assert passage_cites[0].ref is not None and passage_cites[0].ref.startswith("corpus:")
    assert any(c.kind == "article" and c.span == claim.span for c in finding.cites)


def test_evidence_html_escapes_corpus_text(tmp_path: Path, kb_path: Path) -> None:
    hostile = {**REFUTING, "publisher": "<b>Gazette</b>"}
    hostile["text"] = hostile["text"].replace(
        "officials said.", "officials said. <script>alert(1)</script>"
    )
    article, corpus = _write(tmp_path, [hostile])
    with open_store(kb_path) as store:
        import_corpus(store, corpus)
    html = _check(str(article), "--format", "html")
    assert 'id="evidence"' in html
    assert "<script" not in html and "<b>Gazette" not in html
    assert "&lt;b&gt;Gazette&lt;/b&gt;" in html


def test_evidence_corpus_index_fills_vectors_after_a_no_vectors_import(
    tmp_path: Path, kb_path: Path
) -> None:
    _, corpus = _write(tmp_path, [REFUTING, UNRELATED])
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["corpus", "import", str(corpus), "--no-vectors", "--quiet"]).exit_code
        == 0
    )
    stats = json.loads(runner.invoke(cli, ["corpus", "stats", "--json"]).output)
    assert stats["passage_vectors"] == 0 and stats["passages"] >= 2
    article = tmp_path / "article.txt"
    before = json.loads(_check(str(article), "--format", "json"))["sections"]["evidence"]
    assert "corpus index" in before["vectors_note"]
    result = runner.invoke(cli, ["corpus", "index", "--quiet"])
    assert result.exit_code == 0, result.output
    assert f"{stats['passages']} passages embedded" in result.output
    again = json.loads(runner.invoke(cli, ["corpus", "stats", "--json"]).output)
    assert again["passage_vectors"] == stats["passages"]
    assert "0 passages embedded" in runner.invoke(cli, ["corpus", "index", "--quiet"]).output
    after = json.loads(_check(str(article), "--format", "json"))["sections"]["evidence"]
    assert "vectors_note" not in after and after["passages_with_vectors"] == stats["passages"]


def test_evidence_store_passage_texts_match_the_documents(kb_path: Path, tmp_path: Path) -> None:
    _, corpus = _write(tmp_path, [REFUTING, UNRELATED])
    with open_store(kb_path) as store:
        import_corpus(store, corpus)
        hits = store.search_passages(["bridge", "june"], 10)
        assert hits and all(score > 0 for _, score in hits)
        [passage] = store.passage_texts([hits[0][0]])
        document = store.document(passage.doc_id)
        assert document is not None
        assert document.text[passage.start : passage.end] == passage.text
        assert passage.publisher == "Riverton Gazette"
        assert store.search_passages([]) == []
        assert store.passage_vector_count() == len(store.passage_vectors()[0])


def test_evidence_api_options(tmp_path: Path, kb_path: Path) -> None:
    import factsift

    article, corpus = _write(tmp_path, [REFUTING])
    with open_store(kb_path) as store:
        import_corpus(store, corpus)
    report = factsift.check(article, kb_path=kb_path, evidence_after_days=0)
    section = report.data["sections"]["evidence"]
    assert section["after_days"] == 0 and section["article_date"] == "2024-03-14"
    assert (
        "evidence" not in factsift.check(article, kb_path=kb_path, evidence=False).data["sections"]
    )


def test_evidence_vector_copy_beside_the_store_follows_new_vectors(
    tmp_path: Path, kb_path: Path
) -> None:
    _, corpus = _write(tmp_path, [REFUTING])
    with open_store(kb_path) as store:
        import_corpus(store, corpus)
        ids, vectors = store.passage_vectors()
        copies = sorted(p.name for p in (tmp_path / "kb.sqlite3.evidence").glob("*.npy"))
        assert len(copies) == 2 and vectors.shape == (len(ids), 384)
        again_ids, again = store.passage_vectors()  # now read from the copy
        assert isinstance(again, np.memmap) and (again == vectors).all()
        assert (again_ids == ids).all()
    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps(UNRELATED) + "\n", encoding="utf-8")
    with open_store(kb_path) as store:
        import_corpus(store, more)
        new_ids, _ = store.passage_vectors()
        assert len(new_ids) > len(ids)
    copies_after = sorted(p.name for p in (tmp_path / "kb.sqlite3.evidence").glob("*.npy"))
    assert len(copies_after) == 2 and copies_after != copies  # the old copy is gone


def test_evidence_bundled_example_corpus(kb_path: Path) -> None:
    """The README's example: the copied original is traced and kept out of the evidence."""
    root = Path(__file__).resolve().parent.parent / "examples"
    runner = CliRunner()
    imported = runner.invoke(cli, ["corpus", "import", str(root / "riverton-corpus.jsonl")])
    assert imported.exit_code == 0, imported.output
    report = json.loads(_check(str(root / "riverton-dam.txt"), "--format", "json"))
    origin = report["sections"]["trace"]["origin"]
    assert origin["publisher"] == "The Harbor Gazette"
    publishers = {
        p["publisher"] for e in report["sections"]["evidence"]["claims"] for p in e["passages"]
    }
    assert "The Harbor Gazette" not in publishers
    assert {"Valley Public Radio", "Riverton Courier"} <= publishers
    for claim in report["claims"]:
        if claim["status"] in ("supported", "refuted", "disputed"):
            finding = next(
                f
                for f in report["findings"]
                if f["claim"] == claim["index"] and f["kind"] == f"claim_{claim['status']}"
            )
            assert len({c["url"] for c in finding["cites"] if c["kind"] == "passage"}) >= 2


def test_evidence_import_embeds_only_its_own_passages(tmp_path: Path, kb_path: Path) -> None:
    _, first = _write(tmp_path, [REFUTING])
    second = tmp_path / "second.jsonl"
    second.write_text(json.dumps(UNRELATED) + "\n", encoding="utf-8")
    with open_store(kb_path) as store:
        import_corpus(store, first, vectors=False)
        before = store.passage_vector_count()
        import_corpus(store, second)
        added = store.passage_vector_count() - before
        missing = store.passages_missing_vectors()
    assert before == 0 and added >= 1
    assert missing and all(text in REFUTING["text"] for _, text in missing)
