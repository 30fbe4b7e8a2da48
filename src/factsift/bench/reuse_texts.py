"""Real article texts for the reuse benchmark, read from ../shared/data (never copied).

PolitiFact fact-check texts (CheckThat! 2022 task 2B), FakeNewsNet (BuzzFeed/PolitiFact
news content) and the FakeNewsCorpus sample. Texts are cleaned of layout noise (runs of
blank lines, short menu lines), and near-duplicates are dropped with MinHash, so that a
benchmark source is not also present as an unrelated distractor.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import tarfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from factsift.errors import BenchmarkError
from factsift.trace.lsh import LSHIndex
from factsift.trace.minhash import MinHasher

POLITIFACT = Path("clef2022-checkthat-task2/subtask-2b--english/politifact-vclaims.tar.gz")
FAKENEWSNET = Path("fakenewsnet-v1-buzzfeed-politifact/Data")
FAKENEWSCORPUS = Path("fakenewscorpus-sample/news_sample.csv")
MIN_PARAGRAPH_WORDS = 8
MIN_WORDS = 150


@dataclass(frozen=True, slots=True)
class Text:
    key: str
    title: str
    text: str


def clean(text: str) -> str:
    """Paragraphs of at least a few words, one blank line apart."""
    paragraphs = [re.sub(r"[ \t]+", " ", p).strip() for p in re.split(r"\n\s*\n|\n", text)]
    kept = [p for p in paragraphs if len(p.split()) >= MIN_PARAGRAPH_WORDS]
    return "\n\n".join(kept)


def _politifact(root: Path, limit: int) -> list[Text]:
    path = root / POLITIFACT
    if not path.is_file():
        return []
    out: list[Text] = []
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".json"):
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            obj = json.loads(handle.read())
            out.append(Text(f"politifact:{member.name}", obj.get("title") or "", obj["text"]))
            if len(out) >= limit:
                break
    return out


def _fakenewsnet(root: Path) -> list[Text]:
    out: list[Text] = []
    for file in sorted((root / FAKENEWSNET).glob("*/*/*.json")):
        obj = json.loads(file.read_text(encoding="utf-8", errors="replace"))
        out.append(Text(f"fakenewsnet:{file.name}", obj.get("title") or "", obj.get("text") or ""))
    return out


def _fakenewscorpus(root: Path) -> list[Text]:
    path = root / FAKENEWSCORPUS
    if not path.is_file():
        return []
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Text(f"fakenewscorpus:{row['id']}", row.get("title") or "", row.get("content") or "")
            for row in csv.DictReader(handle)
        ]


def load_texts(root: Path, politifact_limit: int = 3000) -> list[Text]:
    """Cleaned, de-duplicated texts of at least ``MIN_WORDS`` words, in a stable order."""
    raw = _politifact(root, politifact_limit) + _fakenewsnet(root) + _fakenewscorpus(root)
    if not raw:
        raise BenchmarkError(
            f"No benchmark texts under '{root}' (looked for {POLITIFACT}, {FAKENEWSNET}, "
            f"{FAKENEWSCORPUS}). Set FACTSIFT_DATA to the folder of the public data sets."
        )
    cleaned = [(item, clean(item.text).split("\n\n")) for item in raw]
    # Paragraphs found in several texts are page furniture ("Featured Fact-check" boxes).
    seen = Counter(p for _, paragraphs in cleaned for p in set(paragraphs))
    texts = []
    for item, paragraphs in cleaned:
        body = "\n\n".join(p for p in paragraphs if seen[p] == 1)
        if len(body.split()) >= MIN_WORDS:
            texts.append(Text(item.key, item.title.strip(), body))
    return deduplicate(texts)


def deduplicate(texts: list[Text], threshold: int = 8) -> list[Text]:
    """Drop texts sharing ``threshold`` or more LSH bands with an earlier kept text."""
    hasher = MinHasher()
    signatures = hasher.signatures([t.text for t in texts])
    index = LSHIndex()
    index.build(signatures)
    kept: list[Text] = []
    dropped: set[int] = set()
    for i, text in enumerate(texts):
        if i in dropped:
            continue
        kept.append(text)
        ids, counts = index.query(signatures[i : i + 1])
        dropped.update(int(j) for j, c in zip(ids, counts, strict=True) if c >= threshold and j > i)
    return kept
