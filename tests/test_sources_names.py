"""Publisher names: exact, same letters without spaces, domain label, fuzzy; rebrands."""

from __future__ import annotations

from pathlib import Path

from factsift.sources.importers import load_curated
from factsift.sources.importers.mbfc import source_names
from factsift.store import open_store


def test_sources_names_match_spacing_label_and_rebrand(kb_path: Path) -> None:
    with open_store(kb_path) as store:
        with store.transaction():
            store.add_source("thepeoplesvoice.tv", "The People's Voice", ["NewsPunch"], "test")
            store.add_source("infowars.com", "infowars.com", [], "test")
            store.add_source("example-gazette.com", "The Example Gazette", [], "test")
        load_curated(store)
        [spaced] = store.find_sources_by_name("News Punch")
        assert (spaced.domain, spaced.method) == ("thepeoplesvoice.tv", "squash")
        by_label = store.find_sources_by_name("InfoWars")
        assert by_label[0].domain == "infowars.com" and by_label[0].method == "domain_label"
        fuzzy = store.find_sources_by_name("The Example Gazete")
        assert fuzzy[0].domain == "example-gazette.com" and fuzzy[0].method == "fuzzy"
        assert store.find_sources_by_name("Completely Different Outlet") == []
        moved = store.source_by_domain("yournewswire.com")
        assert moved is not None and moved.domain == "thepeoplesvoice.tv"
        assert moved.method == "rebrand"


def test_sources_names_mbfc_parenthesis_kept_only_as_acronym_or_page_slug() -> None:
    page = "https://mediabiasfactcheck.com/news-punch/"
    assert source_names("The People's Voice (Newspunch)", page) == [
        "The People's Voice (Newspunch)",
        "The People's Voice",
        "Newspunch",
    ]
    assert "ADL" in source_names("Anti-Defamation League (ADL)", "https://x/adl/")
    assert "Australia" not in source_names("9 News (Australia)", "https://x/9-news/")


def test_sources_author_signals_from_box_and_corpus(kb_path: Path) -> None:
    from factsift.article import Article, AuthorBox, Entity, SourceInfo, Span
    from factsift.stages.sources import SourcesStage

    text = "Iran backs Iraq in Tikrit. About Jo Doe 12 Articles I heal with herbs."
    article = Article(text=text, source=SourceInfo(kind="text"))
    article.entities = [Entity(Span(0, 4), "Iran", "GPE"), Entity(Span(11, 15), "Iraq", "GPE")]
    article.author_box = AuthorBox(Span(27, len(text)), "Jo Doe", 12, "I heal with herbs.")
    article.assigned.add("publisher")
    with open_store(kb_path) as store:
        SourcesStage(store)(article)
        kinds = [f.kind for f in article.findings]
        assert "author_volume" in kinds and "author_topic" in kinds
        assert "author_corpus" not in kinds  # no corpus in this store: nothing said about it
        topic = next(f for f in article.findings if f.kind == "author_topic")
        assert "names nothing from the article's topic" in topic.summary
        with store.transaction() as conn:
            for i, title in enumerate(["Herbs cure all", "Vaccine secrets of herbs"]):
                conn.execute(
                    "INSERT INTO corpus_documents(doc_key, content_hash, title, publisher, author, "
                    "origin, text) VALUES (?, ?, ?, 'x.com', 'Jo Doe', 'test', 't')",
                    (f"k{i}", f"h{i}", title),
                )
        article.findings.clear()
        SourcesStage(store)(article)
        corpus = next(f for f in article.findings if f.kind == "author_corpus")
        assert "2 article(s) by Jo Doe" in corpus.summary and "herbs" in corpus.summary
