"""schema.org ClaimReview: JSON-LD in HTML pages, JSON lists, Google Fact Check Tools.

Accepted shapes, in files or folders of them (.html/.htm/.json/.jsonld):
- HTML with ``<script type="application/ld+json">`` blocks (objects, lists or ``@graph``);
- JSON: one ClaimReview, a list of them, or an object with ``@graph``;
- the ``claims:search`` response of the Google Fact Check Tools API
  (``{"claims": [{"text", "claimant", "claimDate", "claimReview": [...]}]}``).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from factsift.errors import ImportDataError
from factsift.factchecks.importers.base import (
    BROKEN_LINK,
    BadRecord,
    Item,
    files_under,
    iso_or_none,
    json_too_deep,
)
from factsift.factchecks.models import FactCheck
from factsift.factchecks.verdicts import Verdict, normalise_verdict, verdict_from_numeric

COLLECTION = "claimreview"
SUFFIXES = frozenset({".html", ".htm", ".json", ".jsonld"})
_SCRIPT = re.compile(
    r"<script[^>]*type\s*=\s*[\"']application/ld\+json[\"'][^>]*>(.*?)</script>",
    re.IGNORECASE | re.DOTALL,
)


def list_files(paths: list[Path]) -> list[Path | BadRecord]:
    """The files to read: each file given, and the pages and JSON files in each folder
    (links that lead nowhere become bad records)."""
    files: list[Path | BadRecord] = []
    for path in paths:
        if path.is_dir():
            files.extend(files_under(path, SUFFIXES))
        elif path.is_file():
            files.append(path)
        elif path.is_symlink():
            raise ImportDataError(f"'{path}' is {BROKEN_LINK}.")
        else:
            raise ImportDataError(f"No such file or folder '{path}'.")
    return files


def read_claimreview(paths: list[Path]) -> Iterator[Item]:
    for file in list_files(paths):
        if isinstance(file, BadRecord):
            yield file
        else:
            yield from read_file(file)


def read_file(file: Path) -> Iterator[Item]:
    try:
        raw = file.read_bytes()
    except OSError as exc:
        yield BadRecord(str(file), None, f"cannot be read ({exc.strerror})")
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        yield BadRecord(str(file), line, f"not UTF-8 ({exc.reason}); re-save it as UTF-8")
        return
    if file.suffix.lower() in {".html", ".htm"} or text.lstrip().startswith("<"):
        found = False
        for match in _SCRIPT.finditer(text):
            found = True
            line = text.count("\n", 0, match.start(1)) + 1
            yield from _from_json_text(str(file), html.unescape(match.group(1)), line)
        if not found:
            yield BadRecord(str(file), None, "no application/ld+json block in the page")
        return
    yield from _from_json_text(str(file), text, 1)


def _from_json_text(where: str, text: str, first_line: int) -> Iterator[Item]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield BadRecord(where, first_line + exc.lineno - 1, f"malformed JSON: {exc.msg}")
        return
    except RecursionError:
        yield json_too_deep(where, first_line)
        return
    # Line numbers of top-level list items, found by decoding item by item.
    lines = _item_lines(text, first_line) if isinstance(data, list) else []
    if isinstance(data, dict) and isinstance(data.get("claims"), list):
        for i, claim in enumerate(data["claims"]):
            yield from _google_claim(where, first_line, i, claim)
        return
    items = data if isinstance(data, list) else [data]
    count = 0
    for i, item in enumerate(items):
        line = lines[i] if i < len(lines) else first_line
        for obj in _flatten(item):
            if _is_type(obj, "ClaimReview"):
                count += 1
                yield _claimreview(where, line, obj)
    if count == 0:
        yield BadRecord(where, first_line, "no ClaimReview object in this JSON")


def _item_lines(text: str, first_line: int) -> list[int]:
    decoder = json.JSONDecoder()
    start = text.index("[") + 1
    lines: list[int] = []
    pos = start
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            return lines
        lines.append(first_line + text.count("\n", 0, pos))
        try:
            _, pos = decoder.raw_decode(text, pos)
        except (json.JSONDecodeError, RecursionError):
            return lines


def _flatten(item: Any) -> Iterator[dict[str, Any]]:
    """The objects in ``item``, through lists and ``@graph``s, in document order (with a
    stack, not recursion: nesting is the file's choice)."""
    stack = [item]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            graph = current.get("@graph")
            if isinstance(graph, list):
                stack.extend(reversed(graph))
            else:
                yield current
        elif isinstance(current, list):
            stack.extend(reversed(current))


def _is_type(obj: dict[str, Any], name: str) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.split("/")[-1] == name for k in kinds)


def _name(value: Any) -> str | None:
    """The name in a string, an object's "name", or the first of a list (a loop, not
    recursion: nesting is the file's choice)."""
    while True:
        if isinstance(value, str):
            return value.strip() or None
        if isinstance(value, list) and value:
            value = value[0]
        elif isinstance(value, dict):
            value = value.get("name")
        else:
            return None


def _str(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _rating(obj: dict[str, Any]) -> tuple[str | None, Verdict]:
    rating = obj.get("reviewRating")
    if isinstance(rating, list) and rating:
        rating = rating[0]
    if not isinstance(rating, dict):
        return None, Verdict.UNRATED
    text = _str(rating.get("alternateName")) or _str(rating.get("name"))
    verdict = normalise_verdict(text)
    if verdict is Verdict.UNRATED and text is None:
        try:
            value = float(rating["ratingValue"])
            worst = float(rating.get("worstRating", 1))
            best = float(rating.get("bestRating", 5))
            verdict = verdict_from_numeric(value, worst, best)
            text = f"{rating['ratingValue']}/{rating.get('bestRating', 5)}"
        except (KeyError, TypeError, ValueError):
            pass
    return text, verdict


def _claimreview(where: str, line: int, obj: dict[str, Any]) -> Item:
    claim = _str(obj.get("claimReviewed"))
    reviewed = obj.get("itemReviewed")
    if isinstance(reviewed, list) and reviewed:
        reviewed = reviewed[0]
    item = reviewed if isinstance(reviewed, dict) else {}
    if claim is None:
        claim = _str(item.get("text")) or _str(item.get("name"))
    if claim is None:
        return BadRecord(where, line, "ClaimReview without claimReviewed")
    rating, verdict = _rating(obj)
    url = _str(obj.get("url"))
    publisher = _name(obj.get("author")) or _name(obj.get("publisher"))
    record = FactCheck(
        key="",
        collection=COLLECTION,
        claim=claim,
        title=_str(obj.get("headline")) or _str(obj.get("name")),
        claimant=_name(item.get("author")),
        claim_date=iso_or_none(item.get("datePublished")),
        review_date=iso_or_none(obj.get("datePublished")),
        rating=rating,
        verdict=verdict,
        publisher=publisher,
        url=url,
        language=_name(obj.get("inLanguage")),
    )
    return _keyed(record)


def _keyed(record: FactCheck) -> FactCheck:
    """Key: the review URL plus claim (one page may review several claims)."""
    from dataclasses import replace

    key = f"{record.url}#{record.claim}" if record.url else f"nourl:{record.content_hash()[:24]}"
    return replace(record, key=key)


def _google_claim(where: str, first_line: int, index: int, claim: Any) -> Iterator[Item]:
    label = f"claims[{index}]"
    if not isinstance(claim, dict) or not _str(claim.get("text")):
        yield BadRecord(where, first_line, f"{label}: missing 'text'")
        return
    reviews = claim.get("claimReview")
    if not isinstance(reviews, list) or not reviews:
        yield BadRecord(where, first_line, f"{label}: no claimReview")
        return
    for review in reviews:
        if not isinstance(review, dict):
            yield BadRecord(where, first_line, f"{label}: claimReview is not an object")
            continue
        rating = _str(review.get("textualRating"))
        raw_publisher = review.get("publisher")
        publisher: dict[str, Any] = raw_publisher if isinstance(raw_publisher, dict) else {}
        yield _keyed(
            FactCheck(
                key="",
                collection=COLLECTION,
                claim=str(claim["text"]).strip(),
                title=_str(review.get("title")),
                claimant=_str(claim.get("claimant")),
                claim_date=iso_or_none(claim.get("claimDate")),
                review_date=iso_or_none(review.get("reviewDate")),
                rating=rating,
                verdict=normalise_verdict(rating),
                publisher=_str(publisher.get("name")) or _str(publisher.get("site")),
                url=_str(review.get("url")),
                language=_str(review.get("languageCode")),
            )
        )
