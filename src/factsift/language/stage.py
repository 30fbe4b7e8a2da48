"""The language stage: one parse of the text, then rules over the parsed sentences."""

from __future__ import annotations

from typing import Any

from factsift.article import Article, Entity, Sentence
from factsift.language.attribution import AttributionFinder, Found
from factsift.language.author_box import find_author_box
from factsift.language.badges import find_badges
from factsift.language.carry import lead_in_blocks, resolve
from factsift.language.layout import Region, furniture, sentence_parts
from factsift.language.nlp import parse, sentence_spans
from factsift.language.publishers import publisher_candidates
from factsift.language.quotes import QuotedMask, assign_speakers, find_quotes
from factsift.language.sentences import trimmed_span


class LanguageStage:
    """Sentences, entities, quotes, attributions, badges, author box, publisher names."""

    name = "language"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = (
        "sentences",
        "entities",
        "quotes",
        "attributions",
        "badges",
        "author_box",
        "publisher_candidates",
    )

    def __call__(self, article: Article) -> Article:
        text = article.text
        raw_quotes = find_quotes(text)
        finder = AttributionFinder(text, QuotedMask(raw_quotes))
        sentences: list[Sentence] = []
        entities: list[Entity] = []
        found: dict[int, Found] = {}
        for chunk in parse(text) if text.strip() else []:
            for sent in sentence_spans(chunk.doc):
                span = trimmed_span(
                    text, chunk.offset + sent.start_char, chunk.offset + sent.end_char
                )
                if span is None:
                    continue
                index = len(sentences)
                sentences.append(Sentence(span=span, text=text[span.start : span.end]))
                explicit = finder.sentence(index, sent, chunk.offset)
                if explicit is not None:
                    found[index] = explicit
            entities.extend(_entities(text, chunk.doc, chunk.offset))

        badges = find_badges(text)
        author = find_author_box(text)
        regions = furniture(text, article.meta)
        regions += [Region(badge.span, "badge") for badge in badges]
        if author is not None:
            regions.append(Region(author.box.span, "author_box"))
        sentence_parts(sentences, regions)
        found = {i: f for i, f in found.items() if sentences[i].part == "body"}

        article.sentences = sentences
        article.entities = entities
        article.quotes = assign_speakers(text, raw_quotes, sentences, found)
        blocks = lead_in_blocks(text, sentences, found, raw_quotes)
        article.attributions = resolve(sentences, found, raw_quotes, blocks)
        article.badges = badges
        article.author_box = author.box if author is not None else None
        article.publisher_candidates = publisher_candidates(
            text, article.meta, badges, regions, author
        )
        return article


def _entities(text: str, doc: Any, offset: int) -> list[Entity]:
    """Named entities, cut at the first line break (a name never runs over a line)."""
    entities = []
    for ent in doc.ents:
        start = offset + ent.start_char
        end = offset + ent.end_char
        newline = text.find("\n", start, end)
        span = trimmed_span(text, start, newline if newline >= 0 else end)
        if span is not None:
            entities.append(Entity(span=span, text=text[span.start : span.end], label=ent.label_))
    return entities
