"""Self-applied trust badges (fictional texts)."""

from __future__ import annotations

import pytest

from factsift.language.badges import find_badges
from language_fixtures import analyse


@pytest.mark.parametrize(
    ("line", "label", "claimed_by"),
    [
        (
            "Fact checked by The Daily Lantern Community",
            "Fact checked by",
            "The Daily Lantern Community",
        ),
        ("Fact-checked by Alex Poe on March 3, 2024", "Fact-checked by", "Alex Poe"),
        ("Verified by Truth Desk", "Verified by", "Truth Desk"),
        ("Reviewed by our community", "Reviewed by", "our community"),
        ("✓ Checked by FactCorp.", "Checked by", "FactCorp"),
        ("Approved by The Editors", "Approved by", "The Editors"),
        ("Trusted source", "Trusted source", None),
    ],
)
def test_badges_standalone_labels(line: str, label: str, claimed_by: str | None) -> None:
    text = f"Some Headline\n{line}\nThe body starts here."
    badges = find_badges(text)
    assert len(badges) == 1
    badge = badges[0]
    assert (badge.label, badge.claimed_by, badge.self_applied) == (label, claimed_by, True)
    assert text[badge.span.start : badge.span.end] == badge.text == line


def test_badges_segment_of_a_byline() -> None:
    badges = find_badges("By Jane Roe | Fact checked by Lantern Team | 3 min read\n")
    assert [b.claimed_by for b in badges] == ["Lantern Team"]


@pytest.mark.parametrize(
    "text",
    [
        "The claim was fact-checked by Reuters.",
        "Fact checked by Reuters, the claim turned out to be false.",
        "It was verified by police who arrived at the scene later that night.",
        "Checked by the doctors every morning and found healthy.",
    ],
)
def test_badges_body_sentences_are_not_badges(text: str) -> None:
    assert find_badges(text) == []


def test_badges_sentence_part_and_no_attribution() -> None:
    article = analyse(
        "Some Headline\n\nVerified by Truth Desk\n\nThe ferry was late, officials said."
    )
    parts = {s.text: s.part for s in article.sentences}
    assert parts["Verified by Truth Desk"] == "badge"
    assert [a.sentence for a in article.attributions] == [2]
