"""Publisher candidates found in the text (fictional texts)."""

from __future__ import annotations

from factsift.article import Metadata
from language_fixtures import analyse


def _names(text: str, meta: Metadata | None = None) -> list[tuple[str, str]]:
    article = analyse(text, meta)
    for candidate in article.publisher_candidates:
        if candidate.span is not None:
            assert text[candidate.span.start : candidate.span.end] == candidate.name
    return [(c.name, c.where) for c in article.publisher_candidates]


def test_publishers_badge_name_without_community() -> None:
    text = "Some Headline\nFact checked by The Lantern Voice Community\n\nThe ferry was late."
    assert _names(text) == [("The Lantern Voice", "badge")]


def test_publishers_badge_naming_our_community_names_no_one() -> None:
    assert _names("Some Headline\nReviewed by our community\n\nThe ferry was late.") == []


def test_publishers_byline_copyright_author_box_and_site_name() -> None:
    text = (
        "Ferry Late Again\n"
        "By Jane Roe, The Harbour Herald\n\n"
        "The ferry was late on Monday.\n\n"
        "Jane Roe is a writer for Quay News.\n"
        "© 2024 Harbour Media Group. All rights reserved.\n"
    )
    assert _names(text, Metadata(site_name="Harbour Herald")) == [
        ("The Harbour Herald", "byline"),
        ("Quay News", "author_box"),
        ("Harbour Media Group", "copyright"),
        ("Harbour Herald", "site_name"),
    ]


def test_publishers_staff_byline_and_picture_credit() -> None:
    text = "By Quay News Staff\n\nThe ferry was late on Monday.\n© Jane Roe\n"
    assert _names(text) == [("Quay News", "byline")]


def test_publishers_copyright_by_form() -> None:
    text = "The ferry was late on Monday.\nCopyright 2016 by Quay Free Press\n"
    assert _names(text) == [("Quay Free Press", "copyright")]


def test_publishers_staff_line_without_by() -> None:
    text = "Quay News Staff\n\nThe ferry was late on Monday.\n"
    assert _names(text) == [("Quay News", "byline")]
