"""Author boxes under articles (fictional texts)."""

from __future__ import annotations

from factsift.language.author_box import find_author_box

BODY = "The ferry was late on Monday.\n\n"


def test_author_box_about_name_with_count_and_description() -> None:
    text = (
        BODY + "Jane Roe\nAbout Jane Roe 1,204 Articles\nI am a sailor who writes about ferries.\n"
    )
    found = find_author_box(text)
    assert found is not None
    box = found.box
    assert (box.name, box.article_count) == ("Jane Roe", 1204)
    assert box.description == "I am a sailor who writes about ferries."
    assert box.description_span is not None
    assert text[box.description_span.start : box.description_span.end] == box.description
    assert text[box.span.start : box.span.end].startswith("Jane Roe\nAbout Jane Roe")
    assert text[box.span.start : box.span.end].endswith("ferries.")


def test_author_box_about_without_count_needs_the_name_line() -> None:
    assert find_author_box(BODY + "About Us\nContact\n") is None
    found = find_author_box(BODY + "Jane Roe\nAbout Jane Roe\nShe writes about boats.\n")
    assert found is not None and found.box.name == "Jane Roe"


def test_author_box_is_a_writer_for_at_the_end() -> None:
    text = BODY + "Jane Roe is a staff writer for The Harbour Herald, covering transport.\n"
    found = find_author_box(text)
    assert found is not None
    assert found.box.name == "Jane Roe"
    assert found.publication == "The Harbour Herald"
    assert found.publication_span is not None
    span = found.publication_span
    assert text[span.start : span.end] == "The Harbour Herald"


def test_author_box_writer_sentence_in_the_body_is_not_a_box() -> None:
    text = "Jane Roe is a writer for The Harbour Herald.\n\n" + "More text.\n" * 5
    assert find_author_box(text) is None
