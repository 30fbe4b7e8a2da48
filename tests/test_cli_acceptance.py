"""Issue 3 acceptance, tried as a user would: the CLI in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import lxml.html
import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "riverton-dam.txt"


def factsift(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factsift", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def acceptance_json(acceptance_path: Path) -> dict[str, Any]:
    done = factsift("check", str(acceptance_path), "--format", "json")
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def _attributed(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(a["kind"], (a["source"] or "").lower()) for a in data["attributions"]]


def test_cli_acceptance_names_publisher_from_text_alone(acceptance_json: dict[str, Any]) -> None:
    publisher = acceptance_json["publisher"]
    assert publisher is not None
    assert publisher["name"].replace("\u2019", "'") == "The People's Voice"
    assert publisher["method"] != "url"


def test_cli_acceptance_reports_self_applied_badge(acceptance_json: dict[str, Any]) -> None:
    badges = acceptance_json["badges"]
    assert [b["text"] for b in badges] == ["Fact checked by The People's Voice Community"]
    assert badges[0]["self_applied"] is True
    finding = next(f for f in acceptance_json["findings"] if f["kind"] == "self_applied_badge")
    assert "not an independent" in finding["summary"] and finding["cites"]


def test_cli_acceptance_reports_author_box(acceptance_json: dict[str, Any]) -> None:
    box = acceptance_json["author_box"]
    assert box["name"] == "Niamh Harris" and box["article_count"] == 14992
    assert "alternative health practitioner" in box["description"]


def test_cli_acceptance_attributes_claims_to_each_source(acceptance_json: dict[str, Any]) -> None:
    found = _attributed(acceptance_json)
    assert ("anonymous", "a us military official") in found
    assert ("news_outlet", "the fars news agency") in found
    assert any(kind == "news_outlet" and "wsj" in who for kind, who in found)
    assert any(kind == "named_person" and "steve warren" in who for kind, who in found)
    assert ("anonymous", "u.s. officials") in found
    # "The WSJ report:" carries over the following paragraphs.
    carried = [a for a in acceptance_json["attributions"] if a["carried_from"] is not None]
    assert any("wsj" in (a["source"] or "").lower() for a in carried)


def test_cli_acceptance_gives_anonymous_share(acceptance_json: dict[str, Any]) -> None:
    share = acceptance_json["anonymous_share"]
    assert share["anonymous"] >= 3 and 0 < share["share"] < 1
    assert share["share"] == round(share["anonymous"] / share["claims"], 4)


def test_cli_acceptance_every_finding_cites_something(acceptance_json: dict[str, Any]) -> None:
    assert acceptance_json["findings"]
    assert all(f["cites"] for f in acceptance_json["findings"])


def test_cli_acceptance_html_marks_sources_in_text(acceptance_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    done = factsift("check", str(acceptance_path), "--format", "html", "--out", str(out))
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    doc = lxml.html.fromstring(page)
    marked = " ".join(
        " ".join(el.text_content().split()) for el in doc.xpath("//div[@class='text']//*[@title]")
    )
    for words in (
        "US military official",
        "Fars news agency",
        "WSJ",
        "Steve Warren",
        "Fact checked by",
    ):
        assert words in marked, words


def test_cli_check_hostile_page_yields_no_script(tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    page.write_text(
        "<html><head><title>Big news <script>alert(1)</script></title></head><body>"
        "<article><h1>Officials said <img src=x onerror=alert(1)> the bridge closed</h1>"
        "<p>The mayor said on Monday that the bridge would close for repairs costing "
        "two million dollars, according to city officials.</p>"
        '<p>Read <a href="javascript:alert(1)">more</a> <b onclick="alert(2)">here</b>. '
        "&lt;script&gt;alert(3)&lt;/script&gt; was printed in the text.</p>"
        "<p>Residents said the closure would last three weeks and cost the town dearly.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    done = factsift(
        "check", str(page), "--format", "html", "--out", str(out), "--url", "javascript:alert(1)"
    )
    assert done.returncode in (0, 3), done.stderr
    if done.returncode == 3:
        pytest.fail(f"hostile page was not checked: {done.stderr}")
    html = out.read_text(encoding="utf-8")
    doc = lxml.html.fromstring(html)
    assert not doc.xpath("//script | //iframe | //object | //embed")
    for element in doc.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert not value.strip().lower().startswith("javascript:"), (element.tag, name)
    assert "<script>alert(3)</script>" in doc.text_content()


def test_cli_check_example_from_readme_runs(tmp_path: Path) -> None:
    done = factsift("check", str(EXAMPLE))
    assert done.returncode == 0, done.stderr
    assert "self-applied" in done.stdout.lower()
    assert "Tom Avery" in done.stdout


def test_cli_check_reads_stdin() -> None:
    done = factsift(
        "check", "-", "--format", "json", "--no-kb", stdin=EXAMPLE.read_text(encoding="utf-8")
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["input"]["kind"] == "stdin"
    assert data["author_box"]["name"] == "Tom Avery"
