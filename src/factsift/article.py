"""The ``Article``: one object that flows through every stage.

Like spaCy's ``Doc``, it holds the text and everything the stages add, each piece anchored
by character offsets into ``Article.text``. Stages read the fields they require and fill
the fields they assign; ``Article.assigned`` records which fields have been filled so the
pipeline runner can check the order of stages.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into ``Article.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"Invalid span [{self.start}, {self.end}): need 0 <= start <= end")

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


class AttributionKind(StrEnum):
    """Who a statement rests on."""

    NAMED_PERSON = "named_person"
    ANONYMOUS = "anonymous"
    ORGANISATION = "organisation"
    NEWS_OUTLET = "news_outlet"
    DOCUMENT = "document"
    NONE = "none"


@dataclass(slots=True)
class SourceInfo:
    """Where the input came from, before any extraction."""

    kind: str  # "file" | "url" | "stdin" | "text"
    location: str | None = None  # path or URL as given
    content_type: str | None = None  # "text/html" or "text/plain"
    encoding: str | None = None
    bytes_read: int = 0
    final_url: str | None = None  # after redirects, for URLs


@dataclass(slots=True)
class Metadata:
    """Article metadata from extraction or page layout."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None  # ISO 8601 date as found
    site_name: str | None = None
    url: str | None = None
    description: str | None = None
    headline_span: Span | None = None
    byline_span: Span | None = None


@dataclass(slots=True)
class Sentence:
    span: Span
    text: str
    part: str = "body"  # "body" | "headline" | "badge" | "byline" | "author_box" | "copyright"


@dataclass(slots=True)
class Entity:
    span: Span
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, DATE, ...


@dataclass(slots=True)
class Quote:
    """A quotation in the text and, when known, who said it."""

    span: Span
    text: str
    sentence: int
    speaker: str | None = None
    speaker_span: Span | None = None


@dataclass(slots=True)
class Attribution:
    """Who a sentence is attributed to, and the cue that says so."""

    sentence: int  # index into Article.sentences
    kind: AttributionKind
    source: str | None = None  # the source's words: "a US military official", "the WSJ"
    source_span: Span | None = None  # None when carried from another sentence
    cue: str | None = None  # "said", "according to", "reported", "report:"
    cue_span: Span | None = None
    carried_from: int | None = None  # sentence index the attribution was carried from
    role: str | None = None  # what the text calls the source: "a Defense Department spokesman"
    role_span: Span | None = None


@dataclass(slots=True)
class Badge:
    """A trust label that the page applies to itself ("Fact checked by ...")."""

    span: Span
    text: str
    label: str  # the verb phrase: "Fact checked by", "Verified by"
    claimed_by: str | None  # who the badge names as checker
    self_applied: bool = True


@dataclass(slots=True)
class AuthorBox:
    """The author box that many sites put under an article."""

    span: Span
    name: str
    article_count: int | None = None
    description: str | None = None
    description_span: Span | None = None


@dataclass(slots=True)
class PublisherCandidate:
    """A name in the text that may say who published the article."""

    name: str
    where: str  # "badge" | "byline" | "author_box" | "copyright" | "site_name"
    span: Span | None = None


@dataclass(slots=True)
class Publisher:
    """Who published the article, and how we know."""

    name: str | None
    domain: str | None
    method: str  # "url" | "site_name" | "badge" | "copyright" | "byline" | "store"
    evidence: str  # the words or URL it rests on
    evidence_span: Span | None = None
    source_id: int | None = None  # id in the store's sources table, when resolved
    confidence: float = 1.0


@dataclass(slots=True)
class Claim:
    """A check-worthy statement: a sentence, who it rests on, and what it names."""

    sentence: int
    span: Span
    text: str
    checkworthiness: float | None = None
    checkworthiness_method: str | None = None
    attribution: int | None = None  # index into Article.attributions
    entities: list[int] = field(default_factory=list)  # indexes into Article.entities
    # "supported" | "refuted" | "disputed" | "previously_fact_checked" | "not_enough_evidence"
    status: str | None = None


@dataclass(slots=True)
class Cite:
    """What a finding rests on: a span of the article, a rating, a fact-check, a passage."""

    kind: str  # "article" | "url" | "rating" | "factcheck" | "passage" | "document" | "rule"
    label: str
    span: Span | None = None
    url: str | None = None
    ref: str | None = None  # an identifier inside the store or list


@dataclass(slots=True)
class Finding:
    """One statement of the report, with what it rests on."""

    kind: str
    summary: str
    cites: list[Cite]
    claim: int | None = None  # index into Article.claims, when about one claim
    confidence: float | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Article:
    """The document and everything the stages add to it."""

    text: str
    source: SourceInfo
    meta: Metadata = field(default_factory=Metadata)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    badges: list[Badge] = field(default_factory=list)
    author_box: AuthorBox | None = None
    publisher_candidates: list[PublisherCandidate] = field(default_factory=list)
    publisher: Publisher | None = None
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)  # stage-specific data for the report
    assigned: set[str] = field(default_factory=lambda: {"text", "source", "meta"})

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence that contains character ``offset``."""
        for i, sentence in enumerate(self.sentences):
            if sentence.span.start <= offset < sentence.span.end:
                return i
        return None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["assigned"] = sorted(self.assigned)
        return data
