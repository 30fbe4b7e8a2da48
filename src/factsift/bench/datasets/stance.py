"""Readers of the public stance data sets into claim-passage pairs.

Labels are the three stances the stage reports (``factsift.stance.labels``): 0 supports,
1 refutes, 2 not enough info. Climate-FEVER has no published split, so pairs are split by
claim (a claim and all of its evidence sentences land in one part) with a fixed hash, the
same for training and benchmark.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import json
import re
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from factsift.errors import BenchmarkError
from factsift.stance.labels import NEI, REFUTES, SUPPORTS

_FEVER_LABELS = {"SUPPORTS": SUPPORTS, "REFUTES": REFUTES, "NOT_ENOUGH_INFO": NEI}
_SICK_LABELS = {"ENTAILMENT": SUPPORTS, "CONTRADICTION": REFUTES, "NEUTRAL": NEI}
_AVERITEC_LABELS = {"Supported": SUPPORTS, "Refuted": REFUTES, "Not Enough Evidence": NEI}
# Verdicts clear enough to say the fact-check text supports or refutes its claim.
_LIAR_LABELS = {"true": SUPPORTS, "mostly-true": SUPPORTS, "false": REFUTES, "pants-fire": REFUTES}


@dataclass(frozen=True, slots=True)
class Pair:
    """One claim-passage pair with its gold stance; ``group`` keeps a claim's pairs together."""

    claim: str
    passage: str
    label: int
    group: str


def split_of(group: str, dev: float = 0.15, test: float = 0.15) -> str:
    """Deterministic train/dev/test assignment of a claim group."""
    bucket = int(hashlib.sha256(group.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    if bucket < test:
        return "test"
    if bucket < test + dev:
        return "dev"
    return "train"


def _need(path: Path, what: str) -> Path:
    if not path.exists():
        raise BenchmarkError(
            f"{what} data not found at {path}: point --data at the file (see ../shared/data)."
        )
    return path


def read_climate_fever(path: Path) -> Iterator[Pair]:
    """climate-fever.jsonl: each claim with five labelled evidence sentences."""
    with _need(path, "Climate-FEVER").open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                group = f"climate-fever:{row['claim_id']}"
                for ev in row["evidences"]:
                    yield Pair(
                        row["claim"], ev["evidence"], _FEVER_LABELS[ev["evidence_label"]], group
                    )
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise BenchmarkError(
                    f"{path}:{line_no}: not a Climate-FEVER record ({exc}); use --format "
                    "climate-fever only with climate-fever.jsonl."
                ) from exc


def read_fever_symmetric(path: Path) -> Iterator[Pair]:
    """FEVER-Symmetric v0.2 jsonl (claim, one evidence sentence, SUPPORTS or REFUTES)."""
    with _need(path, "FEVER-Symmetric").open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                label = row.get("gold_label") or row["label"]
                evidence = row.get("evidence") or row["evidence_sentence"]
                yield Pair(row["claim"], evidence, _FEVER_LABELS[label], f"fever:{row['id']}")
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise BenchmarkError(
                    f"{path}:{line_no}: not a FEVER-Symmetric record ({exc}); use --format "
                    "fever-symmetric only with fever_symmetric_*.jsonl."
                ) from exc


def _averitec_passage(row: dict[str, object]) -> str:
    """The justification, which states what the evidence found."""
    return str(row.get("justification") or "").strip()


def read_averitec(path: Path) -> Iterator[Pair]:
    """AVeriTeC train/dev json: claim against its justification (conflicting claims skipped)."""
    try:
        rows = json.loads(_need(path, "AVeriTeC").read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise BenchmarkError(f"{path}: not JSON ({exc}); expected AVeriTeC train.json.") from exc
    if not isinstance(rows, list):
        raise BenchmarkError(f"{path}: expected a list of AVeriTeC claims.")
    for index, row in enumerate(rows):
        label = _AVERITEC_LABELS.get(str(row.get("label")))
        passage = _averitec_passage(row)
        if label is None or not passage:
            continue
        yield Pair(str(row["claim"]), passage, label, f"averitec:{index}")


def read_sick(path: Path) -> Iterator[Pair]:
    """SICK.txt (tab separated): sentence A as passage, sentence B as claim."""
    with _need(path, "SICK").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            label = _SICK_LABELS.get(row.get("entailment_label") or "")
            if label is None:
                continue
            split = (row.get("SemEval_set") or "").lower()
            yield Pair(
                row["sentence_B"], row["sentence_A"], label, f"sick:{split}:{row['pair_ID']}"
            )


def read_liar_plus(path: Path) -> Iterator[Pair]:
    """LIAR-PLUS tsv: the PolitiFact justification against the statement it rates."""
    with _need(path, "LIAR-PLUS").open(encoding="utf-8", newline="") as handle:
        for cols in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_MINIMAL):
            if len(cols) != 16:
                continue  # the 2019 train file has a few broken lines (see SOURCE.txt)
            label = _LIAR_LABELS.get(cols[2])
            justification = cols[15].strip()
            if label is None or len(justification) < 20:
                continue
            yield Pair(cols[3], justification, label, f"liar:{cols[1]}")


# Verdict sentences are dropped from the passage so the model must read the reasoning.
_VERDICT = re.compile(r"\bwe rate\b|\bpants on fire\b|\brating:|\bour ruling\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def politifact_passage(text: str, sentences: int = 3) -> str:
    """The last few sentences of a PolitiFact article's reasoning, before "We rate ...".

    Returns "" when the article has no verdict sentence to anchor on.
    """
    matches = list(re.finditer(r"\bWe rate\b", text))
    if not matches:
        return ""
    before = text[: matches[-1].start()]
    ruling = before.rfind("Our ruling")
    if ruling >= 0:
        before = before[ruling + len("Our ruling") :]
    lines = [line.strip() for line in before.splitlines() if len(line.strip()) > 30]
    parts = [s for line in lines for s in _SENTENCE_END.split(line)]
    kept = [s.strip() for s in parts if s.strip() and not _VERDICT.search(s)]
    passage = " ".join(kept[-sentences:])
    return passage if len(passage) >= 40 else ""


def read_politifact(path: Path) -> Iterator[Pair]:
    """CheckThat! 2022 task 2B politifact-vclaims.tar.gz: each claim against the reasoning that
    precedes its verdict (true, mostly-true -> supports; false, pants-fire -> refutes)."""
    try:
        with tarfile.open(_need(path, "PolitiFact vclaims"), "r:gz") as archive:
            yield from _politifact_pairs(archive, path)
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BenchmarkError(
            f"{path}: not a readable tar.gz ({exc}); use politifact-vclaims.tar.gz."
        ) from exc


def _politifact_pairs(archive: tarfile.TarFile, path: Path) -> Iterator[Pair]:
    for member in archive:
        if not member.isfile() or not member.name.endswith(".json"):
            continue
        handle = archive.extractfile(member)
        if handle is None:
            continue
        try:
            row = json.loads(handle.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BenchmarkError(f"{path}:{member.name}: not JSON ({exc}).") from exc
        label = _LIAR_LABELS.get(str(row.get("truth_label")))
        passage = politifact_passage(str(row.get("text") or ""))
        if label is None or not passage:
            continue
        yield Pair(str(row["vclaim"]), passage, label, f"politifact:{row['vclaim_id']}")


def parse_questions(raw: object) -> list[dict[str, object]]:
    """AVeriTeC stores questions as a Python literal string in some copies."""
    if isinstance(raw, list):
        return raw
    try:
        value = ast.literal_eval(str(raw))
    except (ValueError, SyntaxError):
        return []
    return value if isinstance(value, list) else []


READERS = {
    "climate-fever": read_climate_fever,
    "fever-symmetric": read_fever_symmetric,
    "averitec": read_averitec,
    "sick": read_sick,
    "liar-plus": read_liar_plus,
    "politifact": read_politifact,
}
