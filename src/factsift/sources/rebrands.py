"""The curated table of rebrands and aliases (``rebrands.csv`` beside this module).

Lists rate domains; sites move. Every entry says what the link rests on (``evidence``, and
a URL where one exists), and a test checks that no entry lacks it. Add a row only with
evidence a reader can check.
"""

from __future__ import annotations

import csv
import io
from importlib import resources

from factsift.errors import ImportDataError
from factsift.sources.model import DomainLink

KINDS = frozenset({"rebrand", "alias"})


def curated_links() -> list[DomainLink]:
    text = (resources.files("factsift.sources") / "rebrands.csv").read_text(encoding="utf-8")
    links: list[DomainLink] = []
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), 2):
        if row["kind"] not in KINDS or not row["evidence"].strip():
            raise ImportDataError(
                f"rebrands.csv:{line}: each entry needs a kind ({', '.join(sorted(KINDS))}) "
                "and the evidence it rests on."
            )
        links.append(
            DomainLink(
                domain=row["domain"].strip().lower(),
                target=row["target"].strip().lower(),
                kind=row["kind"],
                origin="curated",
                evidence=row["evidence"].strip(),
                evidence_url=row["evidence_url"].strip() or None,
                date=row["date"].strip() or None,
            )
        )
    return links
