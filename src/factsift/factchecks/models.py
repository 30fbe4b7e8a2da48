"""Fact-check records and match results (ClaimReview-shaped, backend-free)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from factsift.factchecks.verdicts import Verdict


@dataclass(frozen=True, slots=True)
class FactCheck:
    """One fact-check: the claim reviewed, the rating, who rated it and where."""

    key: str  # unique per record: collection id, URL, or a content hash
    collection: str  # where it came from: "checkthat-2022-2a", "claimreview", "csv:<file>"...
    claim: str
    title: str | None = None
    summary: str | None = None  # subtitle or description
    claimant: str | None = None
    claim_date: str | None = None  # ISO date the claim was made, when known
    review_date: str | None = None  # ISO date of the fact-check, when known
    rating: str | None = None  # original rating text, as published
    verdict: Verdict = Verdict.UNRATED
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    body: str | None = None  # full text of the fact-check, when the source has it
    id: int | None = None  # store id, once stored

    def content_hash(self) -> str:
        """Hash of every field except the store id: equal hashes mean nothing changed."""
        data = asdict(self)
        data.pop("id")
        data["verdict"] = str(self.verdict)
        blob = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()

    @property
    def date(self) -> str | None:
        """The date that matters for "did it predate the article": review, else claim."""
        return self.review_date or self.claim_date

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["verdict"] = str(self.verdict)
        return data


@dataclass(frozen=True, slots=True)
class FactCheckMatch:
    """A fact-check retrieved for a text, with its scores."""

    factcheck: FactCheck
    score: float  # re-ranker probability that it is the same claim (0..1)
    same_claim: bool  # score >= the documented threshold
    features: dict[str, float] = field(default_factory=dict)
