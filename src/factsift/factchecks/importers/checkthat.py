"""The CheckThat! lab's verified claims, read in place from the shared data folder.

- 2022 task 2A: ``vclaims.tar.gz`` of Snopes JSON {title, subtitle, author, date,
  vclaim_id, vclaim}. No rating in the files; URLs are derived from the Snopes slug.
- 2022 task 2B: ``politifact-vclaims.tar.gz`` of PolitiFact JSON {vclaim_id, vclaim, date
  ("stated on July 13, 2010 in ..."), truth_label, speaker, url (site-relative), title, text}.
- 2020 task 2: ``verified_claims.docs.tsv`` (id, vclaim, title), Snopes, no rating.
"""

from __future__ import annotations

import csv
import json
import re
import tarfile
from collections.abc import Iterator
from pathlib import Path

from factsift.errors import ImportDataError
from factsift.factchecks.importers.base import (
    BadRecord,
    Item,
    files_under,
    json_too_deep,
    parse_date,
)
from factsift.factchecks.models import FactCheck
from factsift.factchecks.verdicts import normalise_verdict

TASK2_2022 = "clef2022-checkthat-task2"
SET_2A = "checkthat-2022-2a"
SET_2B = "checkthat-2022-2b"
SET_2020 = "checkthat-2020-2"
_POLITIFACT_DATE = re.compile(r"/factchecks/(\d{4})/([a-z]{3})/(\d{1,2})/")
_JSON = frozenset({".json"})


def default_path(name: str, data: Path) -> Path:
    """Where each public set lives under the data folder."""
    paths = {
        SET_2A: data / TASK2_2022 / "subtask-2a--english",
        SET_2B: data / TASK2_2022 / "subtask-2b--english",
        SET_2020: data / "clef2020-checkthat-task2-en-snopes",
    }
    return paths[name]


def find_file(folder: Path, names: tuple[str, ...], what: str) -> Path:
    if folder.is_file():
        return folder
    for name in names:
        if (folder / name).exists():
            return folder / name
    raise ImportDataError(
        f"No {what} found in '{folder}' (looked for {', '.join(names)}). "
        "Give the folder of the data set, or set FACTSIFT_DATA to the shared data folder."
    )


def count_2022(path: Path) -> int | None:
    """Number of JSON files in a vclaims tarball or folder (for the progress bar)."""
    if path.is_dir():
        return sum(1 for _ in files_under(path, _JSON))
    with tarfile.open(path) as tar:
        return sum(1 for m in tar.getmembers() if m.isfile() and m.name.endswith(".json"))


def _json_members(path: Path) -> Iterator[tuple[str, bytes] | BadRecord]:
    if path.is_dir():
        for file in files_under(path, _JSON):
            if isinstance(file, BadRecord):
                yield file
                continue
            try:
                yield str(file), file.read_bytes()
            except OSError as exc:
                yield BadRecord(str(file), None, f"cannot be read ({exc.strerror})")
        return
    try:
        with tarfile.open(path) as tar:
            for member in tar:
                if not member.isfile() or not member.name.endswith(".json"):
                    continue
                handle = tar.extractfile(member)
                if handle is not None:
                    yield f"{path}!{member.name}", handle.read()
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise ImportDataError(f"Cannot read the archive '{path}': {exc}") from exc


def _load(where: str, raw: bytes) -> dict[str, object] | BadRecord:
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return BadRecord(where, None, f"not UTF-8 ({exc.reason} at byte {exc.start})")
    except json.JSONDecodeError as exc:
        return BadRecord(where, exc.lineno, f"malformed JSON: {exc.msg}")
    except RecursionError:
        return json_too_deep(where, 1)
    if not isinstance(data, dict):
        return BadRecord(where, 1, "expected a JSON object")
    return data


def _text(data: dict[str, object], key: str) -> str | None:
    value = data.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def read_2022_2a(folder: Path) -> Iterator[Item]:
    """Snopes verified claims of CheckThat! 2022 task 2A."""
    path = find_file(folder, ("vclaims.tar.gz", "vclaims"), "2A vclaims (vclaims.tar.gz)")
    for member in _json_members(path):
        if isinstance(member, BadRecord):
            yield member
            continue
        where, raw = member
        data = _load(where, raw)
        if isinstance(data, BadRecord):
            yield data
            continue
        vclaim_id, claim = _text(data, "vclaim_id"), _text(data, "vclaim")
        if not vclaim_id or not claim:
            yield BadRecord(where, None, "missing 'vclaim_id' or 'vclaim'")
            continue
        slug = vclaim_id.removeprefix("vclaim-sno-")
        yield FactCheck(
            key=f"{SET_2A}:{vclaim_id}",
            collection=SET_2A,
            claim=claim,
            title=_text(data, "title"),
            summary=_text(data, "subtitle"),
            review_date=parse_date(_text(data, "date")),
            publisher="Snopes",
            url=f"https://www.snopes.com/fact-check/{slug}/",
            language="en",
        )


def read_2022_2b(folder: Path) -> Iterator[Item]:
    """PolitiFact verified claims of CheckThat! 2022 task 2B (with verdict and full text)."""
    path = find_file(
        folder,
        ("politifact-vclaims.tar.gz", "politifact-vclaims"),
        "2B vclaims (politifact-vclaims.tar.gz)",
    )
    for member in _json_members(path):
        if isinstance(member, BadRecord):
            yield member
            continue
        where, raw = member
        data = _load(where, raw)
        if isinstance(data, BadRecord):
            yield data
            continue
        vclaim_id, claim = _text(data, "vclaim_id"), _text(data, "vclaim")
        if not vclaim_id or not claim:
            yield BadRecord(where, None, "missing 'vclaim_id' or 'vclaim'")
            continue
        rel = _text(data, "url")
        url = ("https://www.politifact.com" + rel) if rel and rel.startswith("/") else rel
        reviewed = None
        match = _POLITIFACT_DATE.search(rel or "")
        if match:
            reviewed = parse_date(f"{match.group(3)} {match.group(2)} {match.group(1)}")
        rating = _text(data, "truth_label")
        yield FactCheck(
            key=f"{SET_2B}:{vclaim_id}",
            collection=SET_2B,
            claim=claim.strip('"“” '),
            title=_text(data, "title"),
            claimant=_text(data, "speaker"),
            claim_date=parse_date(_text(data, "date")),
            review_date=reviewed,
            rating=rating,
            verdict=normalise_verdict(rating),
            publisher="PolitiFact",
            url=url,
            language="en",
            body=_text(data, "text"),
        )


def count_2020(folder: Path) -> int | None:
    path = find_file(folder, ("verified_claims.docs.tsv",), "2020 verified_claims.docs.tsv")
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        return max(0, sum(1 for _ in csv.reader(handle, delimiter="\t")) - 1)


def read_2020(folder: Path) -> Iterator[Item]:
    """Snopes verified claims of CheckThat! 2020 task 2 (id, vclaim, title)."""
    path = find_file(folder, ("verified_claims.docs.tsv",), "2020 verified_claims.docs.tsv")
    try:
        handle = path.open(encoding="utf-8", newline="")
        with handle:
            reader = csv.reader(handle, delimiter="\t")
            next(reader, None)  # header: "", vclaim, title
            line = reader.line_num
            for row in reader:
                start, line = line + 1, reader.line_num
                if len(row) < 2 or not row[0].strip() or not row[1].strip():
                    yield BadRecord(str(path), start, "expected id, vclaim, title columns")
                    continue
                yield FactCheck(
                    key=f"{SET_2020}:{row[0].strip()}",
                    collection=SET_2020,
                    claim=row[1].strip(),
                    title=row[2].strip() if len(row) > 2 and row[2].strip() else None,
                    publisher="Snopes",
                    language="en",
                )
    except UnicodeDecodeError as exc:
        raise ImportDataError(
            f"'{path}' is not UTF-8 ({exc.reason}); re-save it as UTF-8."
        ) from exc
