"""Tweet and debate clean-up, tokens, BM25 ranking and CheckThat! metrics."""

from __future__ import annotations

from factsift.bench.claim_matching import score_run
from factsift.factchecks.bm25 import BM25Index
from factsift.factchecks.preprocess import clean_query, split_camel, split_tag, tokens


def test_preprocess_tweet_drops_links_emoji_and_date_keeps_author() -> None:
    tweet = (
        "OREO x LADY GAGA packs drop today! 🎤🎶 pic.twitter.com/OPdkueC45h "
        "— OREO Cookie (@Oreo) January 28, 2021"
    )
    cleaned = clean_query(tweet)
    assert "pic.twitter" not in cleaned and "🎤" not in cleaned
    assert "January" not in cleaned
    assert cleaned.endswith("OREO Cookie")


def test_preprocess_splits_hashtags_and_handles() -> None:
    assert split_camel("AustralianFires") == "Australian Fires"
    cleaned = clean_query("Stop this #DefundTheCBC now @realDonaldTrump https://t.co/x")
    assert "Defund The CBC" in cleaned
    assert "real Donald Trump" in cleaned
    assert "t.co" not in cleaned


def test_preprocess_splits_one_case_tags_into_index_words() -> None:
    vocab = {"fyre", "festival", "george", "soro", "america", "exuma", "airport", "hoax"}

    def known(word: str) -> bool:
        return tokens(word) in ([t] for t in vocab)

    assert split_tag("fyrefestival", known) == "fyre festival"
    assert split_tag("Fyrefestival", known) == "fyre festival"
    assert split_tag("thisisamerica", known) == "this is america"
    assert split_tag("hoax", known) == "hoax"  # one known word: kept
    assert split_tag("zzqqxxyy", known) == "zzqqxxyy"  # no split into known words: kept
    assert split_tag("fyrefestival") == "fyrefestival"  # no index given
    cleaned = clean_query("Chains at #exumaairport .@georgesoros #Fyrefestival", known)
    assert cleaned == "Chains at exuma airport .george soros fyre festival"


def test_preprocess_drops_speaker_prefix() -> None:
    assert clean_query("TRUMP: We have the best economy ever.") == (
        "We have the best economy ever."
    )
    assert clean_query("Bernie Sanders: Medicare for all.") == "Medicare for all."


def test_preprocess_tokens_drop_stopwords_and_strip_plurals() -> None:
    assert tokens("The vaccines were tested on children") == ["vaccine", "test", "children"]


def test_bm25_ranks_the_document_sharing_rare_terms_first() -> None:
    docs = [
        tokens("Obama was born in Kenya"),
        tokens("The economy grew in Kenya last year"),
        tokens("Bill Gates funds vaccine research"),
    ]
    index = BM25Index(docs)
    idx, scores = index.top(tokens("Was Barack Obama born in Kenya?"), 3)
    assert idx[0] == 0
    assert scores[0] > scores[1] > 0
    assert list(index.top(tokens("nothing matches here"), 3)[0]) == []


def test_bench_metrics_follow_the_lab_definitions() -> None:
    qrels = {"q1": {"a"}, "q2": {"b"}, "q3": {"c", "d"}}
    ranked = {"q1": ["a", "x"], "q2": ["x", "b"], "q3": ["c", "x", "d"]}
    scores = score_run(ranked, qrels)
    assert scores["map@1"] == round((1 + 0 + 0.5) / 3, 4)
    # q3: (1/1 + 2/3) / 2
    assert scores["map@5"] == round((1 + 0.5 + (1 + 2 / 3) / 2) / 3, 4)
    assert scores["mrr"] == round((1 + 0.5 + 1) / 3, 4)
    assert scores["recall@5"] == 1.0
