"""Readers of the public check-worthiness data sets.

Two formats are benchmarked: CLEF CheckThat! debates (one TSV per debate or speech:
line number, speaker, sentence, label 0/1, no header) and ClaimBuster JSON (a list of
``{sentence_id, label, text}``). Every sentence carries its ``group``: the debate it comes
from, so splits and MAP are per debate.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from factsift.errors import BenchmarkError

FORMATS = ("clef-debate", "claimbuster")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    label: int  # 1: check-worthy
    group: str  # debate (file stem) or data set name


def read_clef_debate(path: Path) -> list[Sentence]:
    """One debate TSV, or every ``*.tsv`` in a folder (each file is one debate)."""
    files = sorted(path.glob("*.tsv")) if path.is_dir() else [path]
    if not files or not files[0].is_file():
        raise BenchmarkError(
            f"No CLEF debate TSV files at {path}: give a .tsv file or a folder of them "
            "(e.g. ../shared/data/clef2020-checkthat-task5-debates/training)."
        )
    out: list[Sentence] = []
    for file in files:
        with file.open(encoding="utf-8", newline="") as handle:
            for line_no, cols in enumerate(csv.reader(handle, delimiter="\t"), 1):
                if not cols:
                    continue
                if len(cols) < 4 or cols[-1].strip() not in {"0", "1"}:
                    raise BenchmarkError(
                        f"{file}:{line_no}: expected 'line<TAB>speaker<TAB>sentence<TAB>0|1'; "
                        "use --format claimbuster for ClaimBuster JSON."
                    )
                text = "\t".join(cols[2:-1])
                out.append(Sentence(text, int(cols[-1]), file.stem))
    return out


def read_claimbuster(path: Path) -> list[Sentence]:
    """ClaimBuster JSON list; all sentences form one group."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return [Sentence(str(r["text"]), int(r["label"]), path.stem) for r in rows]
    except FileNotFoundError as exc:
        raise BenchmarkError(f"No ClaimBuster file at {path}: give a .json file.") from exc
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise BenchmarkError(
            f"{path}: not ClaimBuster JSON ({exc}); expected a list of "
            "{{sentence_id, label, text}}, or use --format clef-debate."
        ) from exc


def read_checkthat_tweets(path: Path) -> list[Sentence]:
    """CheckThat! 2022 task 1A/1B English TSV (tweet_text, class_label)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Sentence(r["tweet_text"], int(r["class_label"]), path.stem) for r in rows]


def read_clef2019(path: Path, keep: frozenset[str]) -> list[Sentence]:
    """CLEF-2019 task 1 CSV (line_number, speaker, text, label, file_name), only the debates
    (file names without ``.tsv``) in ``keep``, in file order; each debate is one group."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        return [
            Sentence(r["text"], int(r["label"]), "clef2019:" + r["file_name"].removesuffix(".tsv"))
            for r in rows
            if r["file_name"].removesuffix(".tsv") in keep
        ]
    except FileNotFoundError as exc:
        raise BenchmarkError(
            f"No CLEF-2019 task 1 file at {path}: expected "
            "claimbuster-and-clef-debates/clef19/ under the data folder."
        ) from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise BenchmarkError(
            f"{path}: not a CLEF-2019 task 1 CSV ({exc}); expected the columns "
            "line_number, speaker, text, label, file_name."
        ) from exc


def read(path: Path, fmt: str) -> list[Sentence]:
    if fmt == "clef-debate":
        return read_clef_debate(path)
    if fmt == "claimbuster":
        return read_claimbuster(path)
    raise BenchmarkError(f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}.")


def normalise(text: str) -> str:
    """Key used to drop training sentences that also occur in evaluation debates."""
    return " ".join(text.lower().split())
