"""Author signals, stated as facts: the author box next to the article's topic, and the
author's other articles in the reference corpus (when the store has one).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from factsift.article import Article, Cite, Finding
from factsift.sources.model import AuthorDocument

TOPIC_LABELS = frozenset({"GPE", "ORG", "NORP", "PERSON", "LOC", "EVENT", "FAC", "LAW"})
_WORD = re.compile(r"[A-Za-z][A-Za-z\-']+")
STOP = frozenset(STOP_WORDS)  # spaCy's English stop words


def _words(text: str) -> set[str]:
    return {w.lower().removesuffix("'s") for w in _WORD.findall(text) if w.lower() not in STOP}


def article_topic(article: Article, top: int = 8) -> list[str]:
    """The article's most frequent named entities (places, organisations, people)."""
    counts = Counter(e.text.strip() for e in article.entities if e.label in TOPIC_LABELS)
    return [text for text, _ in counts.most_common(top) if text]


def author_box_signals(article: Article) -> tuple[dict[str, Any], list[Finding]]:
    box = article.author_box
    if box is None:
        return {}, []
    topic = article_topic(article)
    section: dict[str, Any] = {
        "name": box.name,
        "article_count": box.article_count,
        "description": box.description,
        "article_topic": topic,
    }
    findings: list[Finding] = []
    box_cite = Cite(kind="article", label=f"author box: {box.name}", span=box.span)
    if box.article_count is not None:
        findings.append(
            Finding(
                kind="author_volume",
                summary=f"The author box credits {box.name} with {box.article_count:,} articles "
                "on this site.",
                cites=[box_cite],
                data={"article_count": box.article_count},
            )
        )
    if box.description:
        topic_words = _words(" ".join(topic) + " " + (article.meta.title or ""))
        shared = sorted(_words(box.description) & topic_words)
        section["shared_words"] = shared
        cite = Cite(
            kind="article",
            label="author box self-description",
            span=box.description_span or box.span,
        )
        about = ", ".join(topic[:5]) if topic else "(no named entities found)"
        relation = (
            f"They share the words: {', '.join(shared)}."
            if shared
            else "The self-description names nothing from the article's topic."
        )
        findings.append(
            Finding(
                kind="author_topic",
                summary=f'{box.name} describes themself as: "{box.description.strip()}". '
                f"The article is about {about}. {relation}",
                cites=[cite],
                data={"shared_words": shared, "article_topic": topic},
            )
        )
    return section, findings


def corpus_signals(
    name: str, documents: list[AuthorDocument]
) -> tuple[dict[str, Any], list[Finding]]:
    """The author's other articles in the reference corpus: how many, where, which titles."""
    publishers = Counter(d.publisher for d in documents if d.publisher)
    title_words = Counter(w for d in documents if d.title for w in _words(d.title))
    section: dict[str, Any] = {
        "corpus_articles": len(documents),
        "publishers": dict(publishers.most_common(10)),
        "titles": [d.title for d in documents[:10] if d.title],
        "title_words": dict(title_words.most_common(12)),  # the spread of their topics
    }
    if not documents:
        summary = f"The reference corpus holds no other article by {name}."
        cites = [Cite(kind="rule", label="reference corpus searched by author name")]
    else:
        where = ", ".join(f"{p} ({n})" for p, n in publishers.most_common(5)) or "unknown sites"
        topics = ", ".join(w for w, _ in title_words.most_common(8)) or "no titles"
        summary = (
            f"The reference corpus holds {len(documents)} article(s) by {name}, on {where}; "
            f"their titles' most frequent words: {topics}."
        )
        cites = [
            Cite(kind="document", label=d.title or d.url or "document", url=d.url)
            for d in documents[:5]
        ]
    return section, [Finding(kind="author_corpus", summary=summary, cites=cites, data=section)]
