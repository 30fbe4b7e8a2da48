"""Untrusted text in every renderer: bidi controls, invisible and control characters from
the article or a record are shown as visible markers, and right-to-left text is isolated so
that it cannot reorder factsift's own words (defect D5, issue 20 item 6)."""

from __future__ import annotations

import json
import random
import re
import unicodedata
from typing import Any

import lxml.etree
import lxml.html
import pytest

from factsift.report.html_marks import Mark, mark_text
from factsift.report.model import Report
from factsift.report.terminal import render_text
from factsift.report.untrusted import marker, visible
from test_report_samples import ARABIC, SPOOF_CHARS, sample_article, spoof, spoofing_article

FSI, PDI = "\u2068", "\u2069"
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Every spoofing character except the isolates, which factsift adds itself (checked apart).
RAW_HIDDEN = set(SPOOF_CHARS.values()) - {FSI, PDI}
SGR = re.compile(r"\x1b\[[0-9;]*m")  # the colour codes rich writes with color=True
# Blocks whose whole content is untrusted running text: they isolate it by being blocks
# and take its direction with dir="auto".
UNTRUSTED_BLOCKS = "ancestor-or-self::*[self::bdi or @dir='auto']"


def _rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in {"R", "AL", "AN"} for c in text)


def _spoofing_data() -> dict[str, Any]:
    """The spoofing article's report, with hostile values also where only a hand-edited or
    foreign JSON report could put them (enums, counts)."""
    data = Report.from_article(spoofing_article(), stages=[spoof("language")]).data
    data["created"] = spoof("2024-01-01")
    data["schema_version"] = spoof("1.0")
    data["generator"]["version"] = spoof("0.1")
    data["attributions"][0]["kind"] = spoof("anonymous")
    data["anonymous_share"]["anonymous"] = spoof("1")
    data["anonymous_share"]["attributed"] = spoof("2")
    data["publisher"]["method"] = spoof("badge")
    return data


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return _spoofing_data()


@pytest.fixture(scope="module")
def page(data: dict[str, Any]) -> str:
    return Report(data).to_html()


@pytest.fixture(scope="module")
def doc(page: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(page)


def _check_isolates(text: str, where: str) -> None:
    """The only bidi controls are FSI ... PDI pairs, balanced, each around right-to-left text."""
    depth, start = 0, 0
    for position, char in enumerate(text):
        if char in BIDI_CONTROLS - {FSI, PDI}:
            raise AssertionError(f"raw bidi control U+{ord(char):04X} in {where}: {text!r}")
        if char == FSI:
            depth += 1
            start = position
        elif char == PDI:
            assert depth > 0, f"PDI without FSI in {where}: {text!r}"
            depth -= 1
            assert _rtl(text[start:position]), f"isolate without RTL text in {where}: {text!r}"
        elif depth == 0 and _rtl(char):
            raise AssertionError(f"right-to-left text outside an isolate in {where}: {text!r}")
    assert depth == 0, f"FSI without PDI in {where}: {text!r}"


# -- HTML ------------------------------------------------------------------------------


def test_report_untrusted_html_has_no_raw_hidden_characters(page: str) -> None:
    found = {f"U+{ord(c):04X}" for c in page if c in RAW_HIDDEN}
    assert not found
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", page)


def test_report_untrusted_html_shows_each_hidden_character_as_a_marker(
    doc: lxml.html.HtmlElement,
) -> None:
    titles = doc.xpath("//span[@class='hidden-char']/@title")
    codes = {t.split()[0] for t in titles}
    for name, char in SPOOF_CHARS.items():
        assert f"U+{ord(char):04X}" in codes, name
    rlo = [t for t in titles if t.startswith("U+202E ")]
    assert rlo[0] == "U+202E RIGHT-TO-LEFT OVERRIDE"
    assert "U+001B ESCAPE" in titles
    assert doc.xpath("//span[@class='hidden-char']")[0].text_content() == "\u27e6U+202E\u27e7"


def test_report_untrusted_html_isolates_every_untrusted_run(
    doc: lxml.html.HtmlElement,
) -> None:
    # Text nodes: right-to-left text only inside <bdi> or a block holding nothing but
    # untrusted text (the placeholders are left-to-right text of factsift's).
    for element in doc.iter():
        if not isinstance(element.tag, str) or element.tag in {"title", "style"}:
            continue
        for piece, holder in ((element.text, element), (element.tail, element.getparent())):
            if piece and _rtl(piece):
                assert holder.xpath(UNTRUSTED_BLOCKS), (holder.tag, holder.get("class"), piece)
    # Tooltips and the <title> element show plain text: isolates as characters. (Links
    # are checked in test_report_untrusted_html_keeps_markup_inert.)
    for element in doc.xpath("//*[@title]"):
        _check_isolates(element.get("title"), f"{element.tag}@title")
    _check_isolates(doc.xpath("//title")[0].text_content(), "<title>")
    # Each part of the page holds its untrusted right-to-left runs in <bdi>, spot-checked.
    for xpath in (
        "//header//h1",
        "//header//p[@class='facts']",
        "//section[@id='publisher']//dd",
        "//section[@id='badges']//li",
        "//section[@id='author-box']//dd",
        "//aside//p[@class='claim-text']",
        "//aside//p[@class='who']",
        "//section[@id='findings']//li",
        "//section[@id='evidence']//p[@class='meta']",
        "//section[@id='trace']//p[@class='trace-from']",
        "//section[@id='sections']//td",
        "//footer",
    ):
        elements = doc.xpath(xpath)
        assert elements, xpath
        assert any(e.xpath(".//bdi") for e in elements), xpath


def test_report_untrusted_html_keeps_markup_inert(page: str, doc: lxml.html.HtmlElement) -> None:
    assert "<script" not in page.lower()
    assert not [a for e in doc.iter() for a in e.attrib if a.lower().startswith("on")]
    hrefs = doc.xpath("//@href")
    assert hrefs
    for href in hrefs:
        assert re.match(r"(https?://|#)", href), href
        assert not RAW_HIDDEN & set(href), href
    # A web URL with hidden characters stays a link, those characters percent-encoded.
    assert any(h.startswith("https://dailylantern.example/ %E2%80%AEevil") for h in hrefs)
    assert "[link=javascript:alert(1)]x[/link]" in doc.text_content()


def _code(hidden: lxml.etree._Element) -> str:
    """The character a placeholder stands for, from its title ("U+202E RIGHT-TO-...")."""
    return chr(int(hidden.get("title").split()[0][2:], 16))


def _original(element: lxml.etree._Element) -> str:
    """Text of ``element`` with each placeholder back to its character."""
    if element.get("class") == "hidden-char":
        return _code(element)
    out = [element.text or ""]
    for child in element:
        out.extend([_original(child) if isinstance(child.tag, str) else "", child.tail or ""])
    return "".join(out)


def _restored(element: lxml.html.HtmlElement) -> str:
    """The article text inside ``element``: labels dropped, placeholders back to characters."""
    copy = lxml.html.fromstring(lxml.html.tostring(element, encoding="unicode", with_tail=False))
    for inserted in copy.xpath(".//a[contains(@class, 'ref')] | .//span[@class='tag']"):
        inserted.drop_tree()
    return _original(copy)


def test_report_untrusted_html_marks_keep_their_offsets(doc: lxml.html.HtmlElement) -> None:
    article = spoofing_article()
    assert _restored(doc.xpath("//div[@class='text']")[0]) == article.text
    for index, claim in enumerate(article.claims):
        (mark,) = doc.xpath(f"//span[@id='claim-{index}-text']")
        assert _restored(mark) == claim.text
    # The cite over the Arabic words marks exactly them.
    cited = doc.xpath("//div[@class='text']//a[@id='finding-0-cite-0']/..")[0]
    assert _restored(cited) == ARABIC


def _coverage(marked: str) -> list[set[str]]:
    """For each character of the original text, the classes of the marks around it."""
    root = lxml.etree.fromstring(f"<div>{marked}</div>".encode())
    covered: list[set[str]] = []

    def walk(node: lxml.etree._Element, classes: set[str]) -> None:
        if node.get("class") == "hidden-char":
            covered.append(classes)
            return
        here = classes | {node.get("class")} if node.get("class") else classes
        covered.extend(set(here) for _ in node.text or "")
        for child in node:
            walk(child, here)
            covered.extend(set(classes if node is root else here) for _ in child.tail or "")

    walk(root, set())
    return covered


@pytest.mark.parametrize("seed", range(20))
def test_report_untrusted_html_marks_cover_their_spans_around_hidden_characters(
    seed: int,
) -> None:
    rng = random.Random(seed)
    alphabet = 'ab <&"\n\u202e\u200b\u2066\u2069\x1b\U000e0041\u0634'
    text = "".join(rng.choice(alphabet) for _ in range(60))
    marks = []
    for number in range(rng.randint(1, 8)):
        start = rng.randint(-3, 60)
        marks.append(Mark(start, start + rng.randint(0, 25), f"m{number}", f"t{number}"))
    covered = _coverage(mark_text(text, marks))
    assert len(covered) == len(text)
    for position in range(len(text)):
        assert covered[position] == {m.classes for m in marks if m.start <= position < m.end}


# -- terminal --------------------------------------------------------------------------


@pytest.mark.parametrize("width", [100, 72])
@pytest.mark.parametrize("color", [False, True])
def test_report_untrusted_terminal_neutralises_and_isolates(
    data: dict[str, Any], width: int, color: bool
) -> None:
    text = render_text(Report(data), width=width, color=color)
    shown = SGR.sub("", text) if color else text
    assert "\x1b" not in shown
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", shown)
    assert not {f"U+{ord(c):04X}" for c in shown if c in RAW_HIDDEN}
    for number, line in enumerate(shown.split("\n")):
        _check_isolates(line, f"line {number}")
    assert shown.count(FSI) >= 20  # the Arabic of every field is isolated
    flat = " ".join(shown.split())
    for name, char in SPOOF_CHARS.items():
        assert marker(char) in flat, name
    assert "[link=javascript:alert(1)]x[/link] [bold red]y[/]" in flat  # literal, not markup


def test_report_untrusted_terminal_isolates_right_to_left_text_line_by_line(
    data: dict[str, Any],
) -> None:
    text = render_text(Report(data), width=72)
    box = text[text.index("Author box") : text.index("Claims (")]
    lines = [line for line in box.split("\n") if _rtl(line)]
    assert len(lines) >= 3  # the box description wraps: each line isolates its own part
    for line in lines:
        assert line.rstrip().endswith("\u2502")  # the panel's border stays outside
        border = line.rindex("\u2502")
        assert line.count(FSI) == line.count(PDI) >= 1
        assert line.rindex(PDI) < border


# -- JSON ------------------------------------------------------------------------------


def test_report_untrusted_json_keeps_the_text_and_escapes_hidden_characters() -> None:
    report = Report.from_article(spoofing_article())
    dumped = report.to_json()
    assert not {f"U+{ord(c):04X}" for c in dumped if c in RAW_HIDDEN | {FSI, PDI}}
    assert "\\u202e" in dumped and "\\udb40\\udc41" in dumped  # escaped, tag A as a pair
    assert ARABIC in dumped  # right-to-left letters themselves stay as they are
    assert json.loads(dumped) == json.loads(json.dumps(report.data))
    assert json.loads(dumped)["article"]["text"] == spoofing_article().text


def test_report_untrusted_pages_from_json_match(data: dict[str, Any]) -> None:
    report = Report(data)
    again = Report(json.loads(report.to_json()))
    assert again.to_html() == report.to_html()
    assert again.to_text() == report.to_text()


# -- plain text and legitimate uses ----------------------------------------------------


def test_report_untrusted_leaves_plain_text_alone() -> None:
    report = Report.from_article(sample_article())
    for color in (False, True):
        text = report.to_text(color=color)
        assert FSI not in text and "\u27e6" not in text
    page = report.to_html()
    body = page.split("</style>")[1]
    assert "hidden-char" not in body and "<bdi>" not in body and "dir=" not in body
    assert FSI not in page


@pytest.mark.parametrize(
    "text",
    [
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # family emoji: joiners between emoji
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: non-joiner is spelling
        "\u0915\u094d\u200d\u0937",  # Devanagari half form
        "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # Scotland
        "\u2764\ufe0f and 1\ufe0f\u20e3",  # emoji presentation, keycap
        "Bundes\u00adregierung",  # soft hyphen inside a word: a hyphenation point
        "\u0661\u0662 \u05e9\u05dc\u05d5\u05dd tab\tand\nnewline",
    ],
)
def test_report_untrusted_keeps_legitimate_uses(text: str) -> None:
    assert visible(text) == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Reu\u200bters", "Reu\u27e6U+200B\u27e7ters"),
        ("Reu\u200dters", "Reu\u27e6U+200D\u27e7ters"),  # joiner between Latin letters
        ("abc\u202edef", "abc\u27e6U+202E\u27e7def"),
        ("x\U000e0041\U000e0042", "x\u27e6U+E0041\u27e7\u27e6U+E0042\u27e7"),  # no flag
        ("soft \u00adhyphen", "soft \u27e6U+00AD\u27e7hyphen"),
        ("\ufe0fx", "\u27e6U+FE0F\u27e7x"),  # a variation selector with nothing to vary
        ("bad\udc00", "bad\u27e6U+DC00\u27e7"),  # a lone surrogate (from JSON) cannot be written
    ],
)
def test_report_untrusted_marks_hidden_characters(text: str, shown: str) -> None:
    assert visible(text) == shown
