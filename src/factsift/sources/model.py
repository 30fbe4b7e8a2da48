"""Plain records of the sources capability: lists, ratings, domain links, import results.

The store reads and writes these; importers build them; the stage reads them back. None of
them imports the store, so the store's interface can name them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RatingList:
    """One published rating list, with what it derives from."""

    name: str  # short name: "mbfc", "lin2023", "hearvox-buzzfeed"
    title: str
    publisher: str
    date: str | None
    url: str | None
    scale: str  # how raw labels map to the normalised value
    roots: tuple[str, ...]  # original raters the list rests on
    lineage: str  # prose: what the list derives from
    flags_only: bool = False  # True: the list names only unreliable sites


@dataclass(frozen=True, slots=True)
class RatingRecord:
    """One rating to import: a list's judgement of one domain on one facet."""

    domain: str
    facet: str  # "factual" | "credibility" | "reliability" | "quality" | "flag" | "bias"
    rater: str
    roots: tuple[str, ...]
    raw_label: str | None
    raw_score: float | None
    value: float | None  # normalised: 0 least .. 1 most reliable; None: not about reliability
    date: str | None
    record: str  # "file:line"
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class StoredRating:
    """A rating read back from the store, with its list."""

    list_name: str
    list_title: str
    list_date: str | None
    flags_only: bool
    domain: str
    facet: str
    rater: str
    roots: tuple[str, ...]
    raw_label: str | None
    raw_score: float | None
    value: float | None
    date: str | None
    record: str
    url: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class DomainLink:
    """``domain`` became ``target`` (rebrand) or is the same site (alias)."""

    domain: str
    target: str
    kind: str  # "rebrand" | "alias"
    origin: str  # "curated" or the list that states it
    evidence: str
    evidence_url: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class FamilyMember:
    """A domain of a source's family: the source itself, a former domain, or an alias."""

    domain: str
    relation: str  # "self" | "former" | "later" | "alias"
    links: tuple[DomainLink, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceName:
    """A name or alias of a source to record, and which list gave it."""

    name: str
    origin: str


@dataclass(frozen=True, slots=True)
class BadRow:
    """A row an importer skipped, with where it is and why."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass(slots=True)
class ImportResult:
    """What one list import did."""

    list_name: str
    ratings: int = 0
    domains: int = 0
    names: int = 0
    links: int = 0
    bad_rows: list[BadRow] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> rows not imported


@dataclass(frozen=True, slots=True)
class AuthorDocument:
    """An article of the reference corpus credited to an author."""

    title: str | None
    publisher: str | None
    url: str | None
    date: str | None
