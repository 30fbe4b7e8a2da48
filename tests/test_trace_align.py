"""Passage alignment, word diffs, passages and the PAN measures."""

from __future__ import annotations

import pytest

from factsift.bench.reuse_metrics import Pair, score
from factsift.corpus.passages import split_passages
from factsift.trace.align import align, word_diff
from factsift.trace.tokens import tokenize
from factsift.trace.tracer import unsourced_spans
from trace_fixtures import ORIGINAL, UNRELATED

FRAME = "Nobody in the capital wants you to read the following report, so share it widely now."


def _align(article: str, source: str) -> list[tuple[str, str, str]]:
    found = align(article, tokenize(article), source, tokenize(source))
    return [
        (a.kind, article[a.article_start : a.article_end], source[a.source_start : a.source_end])
        for a in found
    ]


def test_align_verbatim_copy_inside_framing() -> None:
    paragraph = ORIGINAL.split("\n\n")[1]
    article = FRAME + "\n\n" + paragraph + "\n\n" + FRAME
    [(kind, in_article, in_source)] = _align(article, ORIGINAL)
    assert kind == "verbatim"
    assert in_article.rstrip(".") == paragraph.rstrip(".")
    assert in_source.rstrip(".") == paragraph.rstrip(".")


def test_align_reordered_and_edited_passage_is_one_near_verbatim_fragment() -> None:
    first, second = ORIGINAL.split("\n\n")[3].split(". ", 1)
    edited = second.replace("told", "informed") + " " + first.replace("argued", "claimed") + "."
    found = _align(FRAME + " " + edited, ORIGINAL)
    assert len(found) == 1
    kind, in_article, _ = found[0]
    assert kind == "near-verbatim"
    assert "informed" in in_article and "claimed" in in_article


def test_align_unrelated_texts_share_nothing() -> None:
    assert _align(UNRELATED, ORIGINAL) == []


def test_align_short_common_phrase_is_not_a_passage() -> None:
    article = "He said the vote was passed by nine votes to four on a quiet night in May."
    assert _align(article, ORIGINAL) == []


def test_word_diff_marks_replacements_and_insertions() -> None:
    diff = word_diff("the gates would harm the fleet", "the gates would destroy the whole fleet")
    assert ("delete", "harm") in diff and ("insert", "destroy") in diff
    assert ("insert", "whole") in diff
    rebuilt = " ".join(text for op, text in diff if op != "delete")
    assert rebuilt == "the gates would destroy the whole fleet"


def test_passages_cover_paragraphs_with_valid_offsets() -> None:
    spans = split_passages(ORIGINAL)
    assert spans and all(0 <= s < e <= len(ORIGINAL) for s, e in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
    joined = " ".join(ORIGINAL[s:e] for s, e in spans).split()
    assert joined == ORIGINAL.split()


def test_unsourced_spans_are_paragraph_pieces_outside_copies() -> None:
    text = "Added framing words here today.\n\nCopied text here.\n\nMore text was added here too."
    copied = [(text.index("Copied"), text.index("More") - 2)]
    spans = unsourced_spans(text, copied)
    assert [text[s:e] for s, e in spans] == [
        "Added framing words here today.",
        "More text was added here too.",
    ]


def test_pan_measures_perfect_partial_and_split_detection() -> None:
    case = Pair("a", "s", (0, 100), (0, 100))
    assert score([case], [case]).plagdet == pytest.approx(1.0)
    half = score([case], [Pair("a", "s", (0, 50), (0, 50))])
    assert (half.precision, half.recall) == (pytest.approx(1.0), pytest.approx(0.5))
    split = score([case], [Pair("a", "s", (0, 50), (0, 50)), Pair("a", "s", (50, 100), (50, 100))])
    assert split.recall == pytest.approx(1.0) and split.granularity == 2.0
    assert split.plagdet == pytest.approx(1 / 1.5849625, rel=1e-6)  # F1 / log2(3)
    wrong_source = score([case], [Pair("a", "other", (0, 100), (0, 100))])
    assert wrong_source.recall == 0.0 and wrong_source.precision == 0.0


def test_choose_origins_prefers_earliest_dated_document() -> None:
    from factsift.corpus.model import StoredDocument
    from factsift.trace.align import Alignment
    from factsift.trace.tracer import choose_origins

    def doc(doc_id: int, date: str | None) -> StoredDocument:
        return StoredDocument(doc_id, f"k{doc_id}", "text", None, f"T{doc_id}", None, None, date)

    early, late, undated = doc(1, "2024-01-01"), doc(2, "2024-06-01"), doc(3, None)
    passage = Alignment(0, 100, 0, 100, "verbatim", 1.0)
    longer = Alignment(0, 300, 0, 300, "near-verbatim", 0.9)
    chosen = choose_origins([(passage, late), (passage, undated), (passage, early), (longer, late)])
    assert [(p.doc.doc_id, p.alignment.article_end) for p in chosen] == [(1, 100), (2, 300)]
    assert [d.doc_id for d in chosen[0].also_in] == [2, 3]
