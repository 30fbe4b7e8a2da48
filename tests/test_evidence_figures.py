"""Figures a passage gives differently from the claim (factsift.evidence.figures)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from factsift.cli.main import cli
from factsift.corpus.importer import import_corpus
from factsift.evidence.figures import figure_conflicts, quantities
from factsift.evidence.verdict import claim_verdict
from factsift.settings import Options
from factsift.stance.predictor import StanceResult
from factsift.store.base import open_store


def _texts(text: str) -> list[tuple[str, str]]:
    return [(q.kind, q.text) for q in quantities(text)]


def test_evidence_figures_kinds_and_what_is_not_a_figure() -> None:
    text = (
        "On May 16, 2024 some 4,000 visitors paid $4.2m; 12% left; a 5m wall; "
        "between 75% and 90% of it; from 1,000 to 2,000 years ago; 17.5mln grants."
    )
    assert _texts(text) == [
        ("year", "2024"),
        ("count", "4,000"),
        ("money", "$4.2m"),
        ("percent", "12%"),
    ]
    assert _texts("It cost 6.9 million dollars") == [("money", "6.9 million dollars")]


def test_evidence_figures_conflicts_need_the_same_kind_unit_and_subject() -> None:
    dam = "The Riverton dam was completed in 1998."
    [conflict] = figure_conflicts(dam, "The Riverton dam was completed in 2004, officials said.")
    assert (conflict.kind, conflict.claim, conflict.passage) == ("year", "1998", ("2004",))
    # Another subject sharing the unit (repairs, not the sale price): no conflict.
    claim = "The council voted to sell the Old Mill dam for 4.2 million dollars."
    assert not figure_conflicts(
        claim, "A county report found the Riverton dam needs repairs costing 1.8 million dollars."
    )
    # Counts compare only when they count the same thing.
    assert not figure_conflicts(
        "The plant hired 500 workers last year.", "The plant hired 300 engineers last year."
    )
    assert figure_conflicts(
        "The plant hired 500 workers last year.", "The plant hired 300 workers last year."
    )


def test_evidence_figures_precision_hedges_and_the_claims_other_figures() -> None:
    assert not figure_conflicts("The bridge cost $4.2 million.", "The bridge cost $4,213,000.")
    assert not figure_conflicts("The bridge cost about $100 million.", "The bridge cost $112m.")
    assert not figure_conflicts(
        "The bridge cost more than $100 million.", "The bridge cost $140 million."
    )
    assert figure_conflicts("The bridge cost $100 million.", "The bridge cost $140 million.")
    assert not figure_conflicts(
        "The economy grew by 6.1% in 2018.", "The economy grew 6.2% in 2018."
    )
    # "3 of 12": the passage's 3 is the claim's own figure, not a contradiction of 12.
    assert not figure_conflicts(
        "Only 3 out of 12 regions are net contributors to the Treasury.",
        "This is 3 regions that are net contributors to the Treasury.",
    )
    # A table of figures answers nothing by itself.
    assert not figure_conflicts(
        "Cement output could be cut by 19% this year.",
        "Output was cut: cement 7%, steel 5%, iron 38%, copper 9% this year.",
    )


def test_evidence_figures_keep_a_supports_label_from_counting() -> None:
    stances = [("supports", 0.9, 1), ("supports", 0.9, 2), ("supports", 0.9, 3)]
    assert claim_verdict(stances) is not None
    assert claim_verdict(stances, figures_differ={0, 1}) is None
    refutes = [("refutes", 0.9, 1), ("refutes", 0.9, 2)]
    verdict = claim_verdict(refutes, figures_differ={0, 1})
    assert verdict is not None and verdict.status == "refuted"


ARTICLE = (
    "Bridge repairs came in under budget\n\nBy Dana Whitfield\nMarch 14, 2024\n\n"
    "The Harbor Bridge repairs cost 12 million dollars, less than half of the original "
    "estimate, according to the city's public works department.\n"
)


def _report(publisher: str, host: str, text: str) -> dict[str, str]:
    return {
        "url": f"https://{host}/harbor-bridge-cost",
        "title": "Harbor Bridge bill",
        "publisher": publisher,
        "date": "2024-03-10",
        "text": f"Harbor Bridge bill\n\n{text}",
    }


def _supports(claims: list[str], passages: list[str]) -> list[StanceResult]:
    probs = {"supports": 0.9, "refutes": 0.05, "not enough info": 0.05}
    return [StanceResult("supports", probs) for _ in claims]


def test_evidence_figures_block_a_supported_status_and_are_reported(
    tmp_path: Path, kb_path: Path
) -> None:
    from factsift.ingest import load_article
    from factsift.stages import build_pipeline

    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    records = [
        _report(
            "Gazette",
            "gazette.example",
            "Public works officials told the council on Friday that the Harbor Bridge repairs "
            "had cost 31 million dollars, well above the original estimate.",
        ),
        _report(
            "Herald",
            "herald.example",
            "Repairs to the Harbor Bridge cost 31 million dollars in the end, according to "
            "figures from the city's public works department released this week.",
        ),
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with open_store(kb_path) as store:
        import_corpus(store, corpus)
        pipeline = build_pipeline(store, Options())
        stage = next(s for s in pipeline.stages if s.name == "evidence")
        stage.stance = _supports  # type: ignore[attr-defined]
        result = pipeline(load_article(article, Options()))
    index = next(i for i, c in enumerate(result.claims) if "12 million" in c.text)
    # Two documents "support" it with 0.9, yet both give another cost: no status.
    assert result.claims[index].status == "not_enough_evidence"
    entry = result.extras["evidence"]["claims"][index]
    assert len(entry["passages"]) == 2
    for passage in entry["passages"]:
        assert passage["strong"] is False
        assert passage["figures_differ"] == [
            {"kind": "money", "claim": "12 million dollars", "passage": ["31 million dollars"]}
        ]
    [finding] = [f for f in result.findings if f.kind == "figures_differ"]
    assert finding.claim == index
    assert {c.url for c in finding.cites if c.kind == "passage"} == {
        "https://gazette.example/harbor-bridge-cost",
        "https://herald.example/harbor-bridge-cost",
    }


def test_evidence_figures_in_the_bundled_example(kb_path: Path) -> None:
    """The README example: the open-vote report gives another sale price than the article."""
    root = Path(__file__).resolve().parent.parent / "examples"
    runner = CliRunner()
    imported = runner.invoke(cli, ["corpus", "import", str(root / "riverton-corpus.jsonl")])
    assert imported.exit_code == 0, imported.output
    checked = runner.invoke(cli, ["check", str(root / "riverton-dam.txt"), "--format", "json"])
    assert checked.exit_code == 0, checked.output
    report = json.loads(checked.output)
    differ = [
        (p["publisher"], c)
        for e in report["sections"]["evidence"]["claims"]
        for p in e["passages"]
        for c in p["figures_differ"]
    ]
    assert (
        "Valley Public Radio",
        {"kind": "money", "claim": "4.2 million dollars", "passage": ["6.9 million dollars"]},
    ) in differ
    html = runner.invoke(cli, ["check", str(root / "riverton-dam.txt"), "--format", "html"])
    assert "Figures differ: the claim says 4.2 million dollars" in html.output


def test_evidence_figures_gate_on_fever_symmetric(data_dir: Path) -> None:
    """Quality gate: where the rule fires on FEVER-Symmetric dev, the gold is "refutes".

    Measured: fires on 20 of 708 pairs, all refutes (BENCHMARKS.md, "Figures differ").
    """
    from factsift.bench.figures import run

    path = data_dir / "fever-symmetric" / "symmetric_v0.2" / "fever_symmetric_dev.jsonl"
    result = run(path, "fever-symmetric")
    assert result["fired"] >= 15
    assert result["fired_by_gold"].get("supports", 0) <= 1
