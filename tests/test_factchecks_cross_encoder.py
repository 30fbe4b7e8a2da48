"""The claim-matching cross-encoder and the "same claim" decision that reads its logit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from factsift.factchecks.cross_encoder import (
    MatchingModelError,
    PairScorer,
    default_scorer,
    doc_text,
    packaged_dir,
    pair_tokenizer,
)
from factsift.factchecks.importers import run_import
from factsift.factchecks.matching import ClaimMatcher
from factsift.factchecks.models import FactCheck
from factsift.factchecks.reranker import Reranker
from factsift.store.base import open_store

VEIL = "President Trump announced intent to ban full face veils in public places."
OTHERS = [
    "A video shows an augmented reality dragon flying over a baseball stadium.",
    "Hobby Lobby came under fire for using cotton in its home decor products.",
    "Pranksters changed the Hollywood sign to read Hollyweed.",
]
QUERY = (
    "BREAKING: Trump just declared a ban on full-face veils in public places. Do you support this?"
)


@pytest.fixture()
def scorer() -> PairScorer:
    return PairScorer(packaged_dir(), threads=1)


@pytest.fixture()
def fresh_default() -> Iterator[None]:
    default_scorer.cache_clear()
    yield
    default_scorer.cache_clear()


TITLES = [
    "Did Trump Announce a Ban on Full-Face Veils?",
    "Dragon Over a Stadium?",
    "Hobby Lobby Cotton Decor",
    "Hollyweed Sign",
]


def _records() -> list[FactCheck]:
    return [
        FactCheck(key=f"https://check.example/{i}", collection="test", claim=c, title=t)
        for i, (c, t) in enumerate(zip([VEIL, *OTHERS], TITLES, strict=True))
    ]


def test_packaged_model_scores_the_same_claim_above_others(scorer: PairScorer) -> None:
    logits = scorer.logits(QUERY, [VEIL, *OTHERS])
    assert logits[0] > logits[1:].max() + 1.0, logits


def test_a_pair_scores_the_same_alone_and_among_others(scorer: PairScorer) -> None:
    alone = scorer.logits(QUERY, [OTHERS[1]])[0]
    among = scorer.logits(QUERY, [VEIL, OTHERS[0], OTHERS[1]])[2]
    assert alone == among


def test_pairs_are_not_padded() -> None:
    # Pads change the int8 model's activation scales: a pair must run as trained, unpadded.
    enc = pair_tokenizer().encode("short claim", "short fact-check")
    assert len(enc.ids) == sum(enc.attention_mask) < 20


def test_doc_text_adds_a_title_only_when_it_says_more() -> None:
    assert doc_text("Claim.", "A title") == "Claim. | A title"
    assert doc_text("Same words", "same words") == "Same words"
    assert doc_text("Claim.", None) == "Claim."


def test_shipped_reranker_has_the_cross_encoder_decision() -> None:
    shipped = Reranker.load()
    assert shipped.decision_ce is not None
    assert 0.0 <= shipped.floor_ce < shipped.threshold_ce < 1.0
    assert shipped.threshold <= shipped.ceiling_ce
    again = Reranker.from_json(shipped.to_json())
    assert again.to_json() == shipped.to_json()


def test_matcher_decides_with_the_cross_encoder_logit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scorer: PairScorer
) -> None:
    monkeypatch.setenv("FACTSIFT_CACHE", str(tmp_path / "cache"))
    matcher = ClaimMatcher.from_records(_records())
    reranker = matcher.reranker
    # A looser wording that the first decision model is unsure of: the cross-encoder decides.
    loose = "Trump wants to outlaw face coverings worn by Muslim women in public"
    cleaned, vectors = matcher.encode_queries([QUERY, loose])
    hits = matcher.rank(cleaned[1], vectors[1], 4)
    assert hits[0].index == 0 and "cross_encoder" in hits[0].features
    row = [v for name, v in hits[0].features.items() if name != "cross_encoder"]
    logit = float(scorer.logits(cleaned[1], [doc_text(VEIL, TITLES[0])])[0])
    assert hits[0].features["cross_encoder"] == pytest.approx(logit, abs=1e-4)
    expected = float(reranker.same_claim_prob_ce([row], np.asarray([logit]))[0])
    assert hits[0].score == pytest.approx(expected, abs=1e-3)
    assert hits[0].same_claim == (hits[0].score >= reranker.threshold_ce)
    # Candidates outside [floor, ceiling) are not read: below, not the same claim.
    for hit in hits[1:]:
        assert "cross_encoder" not in hit.features
        assert hit.score < reranker.floor_ce and not hit.same_claim
    # The tweet itself: the first model is sure, and its "same claim" stands unread.
    sure = matcher.rank(cleaned[0], vectors[0], 1)[0]
    assert sure.index == 0 and sure.same_claim and "cross_encoder" not in sure.features
    assert sure.score >= reranker.ceiling_ce


def test_without_the_cross_encoder_the_first_decision_model_decides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTSIFT_CACHE", str(tmp_path / "cache"))
    matcher = ClaimMatcher.from_records(_records())
    matcher.use_cross_encoder = False
    cleaned, vectors = matcher.encode_queries([QUERY])
    hits = matcher.rank(cleaned[0], vectors[0], 4)
    assert all("cross_encoder" not in h.features for h in hits)
    assert all(h.same_claim == (h.score >= matcher.reranker.threshold) for h in hits)


def test_store_gives_the_matcher_its_texts(
    kb_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTSIFT_CACHE", str(tmp_path / "cache"))
    store = open_store(kb_path)
    run_import(store, "test", _records(), show_progress=False)
    matcher = store.factcheck_matcher()  # type: ignore[attr-defined]
    assert matcher.texts is not None
    ids = [int(i) for i in matcher.doc_ids]
    records = store.factchecks_by_id(ids)
    assert matcher.texts([0, 2]) == [
        doc_text(records[ids[r]].claim, records[ids[r]].title) for r in (0, 2)
    ]
    loose = "Trump wants to outlaw face coverings worn by Muslim women in public"
    matches = store.search_factchecks(loose, 3)
    assert matches[0].factcheck.claim == VEIL
    assert "cross_encoder" in matches[0].features  # read through the store's texts


def test_cross_encoder_can_be_turned_off(
    monkeypatch: pytest.MonkeyPatch, fresh_default: None
) -> None:
    monkeypatch.setenv("FACTSIFT_MATCH_CROSS_ENCODER", "off")
    assert default_scorer() is None
    default_scorer.cache_clear()
    monkeypatch.delenv("FACTSIFT_MATCH_CROSS_ENCODER")
    assert default_scorer() is not None


def test_missing_model_file_says_how_to_fix(tmp_path: Path) -> None:
    (tmp_path / "matching.json").write_text('{"onnx": "gone.onnx"}')
    with pytest.raises(MatchingModelError, match="re-export"):
        PairScorer(tmp_path)
