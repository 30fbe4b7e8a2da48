"""Hand-built Articles for the report tests, independent of the language layer.

Other ``test_report_*`` modules import ``sample_article``, ``hostile_article`` (markup and
escape sequences) and ``spoofing_article`` (bidi controls, invisible characters and Arabic
in every field) from here; the tests below check that the samples are what those tests
assume they are.
"""

from __future__ import annotations

from factsift.article import (
    Article,
    Attribution,
    AttributionKind,
    AuthorBox,
    Badge,
    Cite,
    Claim,
    Finding,
    Metadata,
    Publisher,
    PublisherCandidate,
    Sentence,
    SourceInfo,
    Span,
)

SAMPLE_TEXT = (
    "Bridge closed after storm, officials say\n"
    "Fact checked by The Daily Lantern Community\n"
    "\n"
    "The Riverton bridge was closed on Tuesday after floodwater damaged its supports, "
    "a city official who asked not to be named said. "
    "According to the Riverton Gazette, repairs will take at least six months. "
    "Alan Smith, the mayor, said the city had asked the state for emergency funds. "
    "The Gazette report: engineers warned of the risk in 2019.\n"
    "\n"
    "About Jane Roe 1234 Articles\n"
    "Jane writes about local affairs."
)


def find(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(start, start + len(needle))


def _sentences(text: str, parts: list[str]) -> list[Sentence]:
    out = []
    for part in parts:
        span = find(text, part)
        out.append(Sentence(span, part))
    return out


def sample_article() -> Article:
    """A small article with every kind of mark the renderers draw, some overlapping."""
    text = SAMPLE_TEXT
    sentences = _sentences(
        text,
        [
            "Bridge closed after storm, officials say",
            "Fact checked by The Daily Lantern Community",
            "The Riverton bridge was closed on Tuesday after floodwater damaged its supports, "
            "a city official who asked not to be named said.",
            "According to the Riverton Gazette, repairs will take at least six months.",
            "Alan Smith, the mayor, said the city had asked the state for emergency funds.",
            "The Gazette report: engineers warned of the risk in 2019.",
            "About Jane Roe 1234 Articles\nJane writes about local affairs.",
        ],
    )
    attributions = [
        Attribution(
            2,
            AttributionKind.ANONYMOUS,
            "a city official who asked not to be named",
            find(text, "a city official who asked not to be named"),
            "said",
            find(text, "said", find(text, "not to be named").end),
        ),
        Attribution(
            3,
            AttributionKind.NEWS_OUTLET,
            "the Riverton Gazette",
            find(text, "the Riverton Gazette"),
            "according to",
            find(text, "According to"),
        ),
        Attribution(
            4,
            AttributionKind.NAMED_PERSON,
            "Alan Smith",
            find(text, "Alan Smith"),
            "said",
            find(text, "said", find(text, "the mayor").end),
            role="the mayor",
            role_span=find(text, "the mayor"),
        ),
        Attribution(
            5,
            AttributionKind.DOCUMENT,
            "The Gazette report",
            find(text, "The Gazette report"),
            "report:",
            find(text, "report:"),
        ),
    ]
    claims = [
        Claim(2, sentences[2].span, sentences[2].text, 0.91, "rules", attribution=0),
        Claim(3, sentences[3].span, sentences[3].text, 0.74, "rules", attribution=1),
        Claim(4, sentences[4].span, sentences[4].text, 0.55, "rules", attribution=2),
        Claim(5, sentences[5].span, sentences[5].text, None, None, attribution=3),
    ]
    badge_span = find(text, "Fact checked by The Daily Lantern Community")
    box_span = Span(find(text, "About Jane Roe").start, len(text))
    # Crosses the boundary between claims 0 and 1, and cuts attribution 1 in half.
    overlap = Span(find(text, "not to be named").start, find(text, "Riverton Gazette").end - 8)
    findings = [
        Finding(
            "self_applied_badge",
            "The page labels itself fact-checked by its own community; that is not an "
            "independent check.",
            [Cite("article", "the badge", span=badge_span)],
        ),
        Finding(
            "anonymous_sources",
            "1 of 4 claims rests on an anonymous source.",
            [Cite("article", "anonymous official", span=attributions[0].source_span)],
            confidence=0.9,
        ),
        Finding(
            "restated_report",
            "Two sentences restate another outlet's report.",
            [
                Cite("article", "the restating sentences", span=overlap),
                Cite("url", "Riverton Gazette", url="https://gazette.example/bridge"),
            ],
        ),
        Finding(
            "publisher_rating",
            "Rated low credibility by an independent list.",
            [
                Cite(
                    "rating",
                    "Example ratings list, 2024",
                    url="https://lists.example/ratings",
                    ref="ratings:dailylantern.example",
                ),
                Cite("document", "offline copy of the list", url="file:///tmp/list.csv"),
            ],
            confidence=0.8,
        ),
        Finding(
            "not_enough_evidence",
            "No fact-check or evidence passage was found for this claim.",
            [],
            claim=2,
        ),
        Finding(
            "claim_evidence",
            "Evidence search found nothing decisive.",
            [Cite("rule", "evidence search", ref="evidence:v1")],
            claim=3,
            data={"not_enough_evidence": True, "passages_searched": 120},
        ),
    ]
    return Article(
        text=text,
        source=SourceInfo("text", "sample.txt", "text/plain", "utf-8", len(text.encode())),
        meta=Metadata(
            title="Bridge closed after storm, officials say",
            authors=["Jane Roe"],
            date="2024-03-05",
            site_name="The Daily Lantern",
            url="https://dailylantern.example/2024/bridge",
            headline_span=sentences[0].span,
        ),
        sentences=sentences,
        attributions=attributions,
        badges=[
            Badge(
                badge_span,
                text[badge_span.start : badge_span.end],
                "Fact checked by",
                "The Daily Lantern Community",
            )
        ],
        author_box=AuthorBox(
            box_span,
            "Jane Roe",
            1234,
            "Jane writes about local affairs.",
            find(text, "Jane writes about local affairs."),
        ),
        publisher_candidates=[
            PublisherCandidate("The Daily Lantern", "badge", find(text, "The Daily Lantern"))
        ],
        publisher=Publisher(
            "The Daily Lantern",
            "dailylantern.example",
            "badge",
            "Fact checked by The Daily Lantern Community",
            badge_span,
            confidence=0.8,
        ),
        claims=claims,
        findings=findings,
        extras={
            "factchecks": [
                {
                    "claim": 0,
                    "rating": "False",
                    "publisher": "Snopes",
                    "url": "https://www.snopes.example/fact-check/bridge",
                },
                {"claim": 1, "rating": "Mixture", "publisher": "PolitiFact", "url": None},
            ],
            "trace": {
                "copied_passages": 2,
                "first_seen": {"outlet": "Riverton Gazette", "date": "2024-03-04"},
                "added_sentences": [4],
            },
        },
        assigned={
            "text",
            "source",
            "meta",
            "sentences",
            "attributions",
            "badges",
            "author_box",
            "claims",
            "findings",
        },
    )


HOSTILE = {
    "script": "<script>alert(1)</script>",
    "img": "<img src=x onerror=alert(1)>",
    "svg": '"><svg onload=alert(1)>',
    "js": "javascript:alert(1)",
    "ansi": "\x1b]0;pwned\x07\x1b[2J\x1b[31m",  # retitle the terminal, clear it, go red
    "markup": "[bold red]markup[/]",
}


def hostile_article() -> Article:
    """An article whose every string tries to break out of the HTML it is put in."""
    body = (
        f"{HOSTILE['script']} opened the page. "
        f"Officials said {HOSTILE['img']} was fine. "
        f"A post {HOSTILE['svg']} claimed so. [bold red]markup[/] \x1b[31mred\x1b[0m"
    )
    text = body
    s0 = find(text, f"{HOSTILE['script']} opened the page.")
    s1 = find(text, f"Officials said {HOSTILE['img']} was fine.")
    s2 = find(text, f"A post {HOSTILE['svg']} claimed so.")
    attribution = Attribution(
        1,
        AttributionKind.ANONYMOUS,
        f"Officials {HOSTILE['svg']}",
        find(text, "Officials"),
        f"said {HOSTILE['script']}",
        find(text, "said"),
    )
    return Article(
        text=text,
        source=SourceInfo("url", HOSTILE["js"], final_url=HOSTILE["js"]),
        meta=Metadata(
            title=f"{HOSTILE['script']} {HOSTILE['svg']} {HOSTILE['ansi']}{HOSTILE['markup']}",
            authors=[HOSTILE["img"]],
            site_name=HOSTILE["svg"],
            url=HOSTILE["js"],
        ),
        sentences=[Sentence(s, text[s.start : s.end]) for s in (s0, s1, s2)],
        attributions=[attribution],
        badges=[Badge(s2, HOSTILE["svg"], HOSTILE["img"], HOSTILE["script"])],
        author_box=AuthorBox(s2, HOSTILE["script"], 3, HOSTILE["img"]),
        publisher=Publisher(HOSTILE["script"], HOSTILE["svg"], "url", HOSTILE["js"]),
        claims=[Claim(1, s1, text[s1.start : s1.end], 0.5, HOSTILE["img"], attribution=0)],
        findings=[
            Finding(
                HOSTILE["svg"],
                f"{HOSTILE['script']} summary",
                [
                    Cite("url", HOSTILE["img"], url=HOSTILE["js"], ref=HOSTILE["svg"]),
                    Cite("url", "data link", url="data:text/html,<script>alert(1)</script>"),
                    Cite("article", HOSTILE["script"], span=s0),
                ],
                data={HOSTILE["svg"]: HOSTILE["script"]},
            )
        ],
        extras={
            HOSTILE["script"]: {HOSTILE["svg"]: [HOSTILE["img"], {"url": HOSTILE["js"]}]},
            "sources": [{"name": HOSTILE["img"], "url": HOSTILE["js"]}],
        },
    )


def test_report_samples_spans_match_their_text() -> None:
    article = sample_article()
    for sentence in article.sentences:
        assert article.span_text(sentence.span) == sentence.text
    for claim in article.claims:
        assert article.span_text(claim.span) == claim.text
    cues = [article.span_text(a.cue_span) for a in article.attributions if a.cue_span]
    assert [c.lower() for c in cues] == ["said", "according to", "said", "report:"]
    assert article.badges[0].text == article.span_text(article.badges[0].span)


def test_report_samples_overlap_crosses_a_claim_boundary() -> None:
    article = sample_article()
    overlap = article.findings[2].cites[0].span
    assert overlap is not None
    crossed = [
        c for c in article.claims if c.span.overlaps(overlap) and not c.span.contains(overlap)
    ]
    assert len(crossed) == 2


# Characters that change how text reads without being seen: bidirectional controls,
# zero-width and other invisible characters, and terminal controls (issue 20, item 6).
SPOOF_CHARS = {
    "RLO": "\u202e",
    "LRO": "\u202d",
    "RLE": "\u202b",
    "LRE": "\u202a",
    "PDF": "\u202c",
    "LRI": "\u2066",
    "RLI": "\u2067",
    "FSI": "\u2068",
    "PDI": "\u2069",
    "LRM": "\u200e",
    "RLM": "\u200f",
    "ALM": "\u061c",
    "ZWSP": "\u200b",
    "ZWNJ": "\u200c",
    "ZWJ": "\u200d",
    "WJ": "\u2060",
    "INVISIBLE TIMES": "\u2062",
    "BOM": "\ufeff",
    "MVS": "\u180e",
    "SHY": "\u00ad",
    "HANGUL FILLER": "\u3164",
    "VS16": "\ufe0f",
    "TAG A": "\U000e0041",
    "CANCEL TAG": "\U000e007f",
    "ESC": "\x1b",
    "BEL": "\x07",
    "CR": "\r",
    "DEL": "\x7f",
    "CSI": "\x9b",
}
ARABIC = "\u0634\u0628\u0643\u0629 \u0627\u0644\u0623\u062e\u0628\u0627\u0631"  # "news network"
SPOOF_TAIL = (
    " \u202eevil\u202c "  # reverses whatever follows unless isolated
    + " ".join(f"{c}x" for c in SPOOF_CHARS.values())  # each after a space: never legitimate
    + " \x1b[31mred\x1b[0m \x1b]0;pwned\x07"
    + " [link=javascript:alert(1)]x[/link] [bold red]y[/]"
    + " <script>alert(1)</script> \"' onmouseover=alert(1) x='"
    + f" {ARABIC} 2024"
)


def spoof(name: str) -> str:
    """``name`` followed by every spoofing character, markup of each renderer and Arabic."""
    return name + SPOOF_TAIL


def spoofing_article() -> Article:
    """An article whose every string carries bidi overrides, invisible characters, terminal
    controls and markup, inside the text too (its spans count them)."""
    sentences_text = [
        spoof("Officials said the dam held") + ".",
        spoof("According to the Gazette, water rose") + ".",
        spoof("Fact checked by Lantern") + ".",
        spoof("About Jane") + ".",
    ]
    text = "\n".join(sentences_text)
    sentences = _sentences(text, sentences_text)
    source_span = find(text, "Officials")
    cue_span = find(text, "said")
    gazette = find(text, "the Gazette")
    attributions = [
        Attribution(
            0,
            AttributionKind.ANONYMOUS,
            spoof("officials"),
            source_span,
            spoof("said"),
            cue_span,
            role=spoof("role"),
            role_span=find(text, "dam"),
        ),
        Attribution(
            1,
            AttributionKind.NEWS_OUTLET,
            spoof("the Gazette"),
            gazette,
            spoof("according to"),
            find(text, "According to"),
        ),
    ]
    rtl = find(text, ARABIC)  # a cite over right-to-left text
    claims = [
        Claim(0, sentences[0].span, sentences[0].text, 0.9, spoof("rules"), attribution=0),
        Claim(
            1,
            sentences[1].span,
            sentences[1].text,
            0.7,
            spoof("model"),
            attribution=1,
            status=spoof("status"),
        ),
    ]
    findings = [
        Finding(
            spoof("kind"),
            spoof("summary"),
            [
                Cite("article", spoof("label"), span=rtl),
                Cite("article", spoof("whole claim"), span=sentences[1].span),
                Cite(
                    spoof("kind"), spoof("label"), url=spoof("https://x.example/"), ref=spoof("ref")
                ),
                Cite("url", spoof("label"), url="https://x.example/" + SPOOF_TAIL),
            ],
            claim=0,
            data={spoof("key"): spoof("value"), "list": [spoof("item")]},
        )
    ]
    document = {
        "label": spoof("doc label"),
        "title": spoof("doc title"),
        "url": spoof("https://doc.example/"),
        "publisher": spoof("doc publisher"),
        "date": spoof("2024"),
    }
    passage = {
        "source": spoof("passage source"),
        "title": spoof("passage title"),
        "publisher": spoof("passage publisher"),
        "url": "https://passage.example/" + SPOOF_TAIL,
        "date": spoof("date"),
        "text": spoof("passage text"),
        "stance": "refutes",
        "probability": 0.9,
        "strong": True,
        "figures_differ": [{"claim": spoof("40"), "passage": [spoof("41")]}],
    }
    return Article(
        text=text,
        source=SourceInfo("url", spoof("https://in.example/"), final_url=spoof("final")),
        meta=Metadata(
            title=spoof("Title"),
            authors=[spoof("Jane Roe"), spoof("Alan Smith")],
            date=spoof("2024-03-05"),
            site_name=spoof("Site"),
            url="https://dailylantern.example/" + SPOOF_TAIL,
            description=spoof("description"),
        ),
        sentences=sentences,
        attributions=attributions,
        badges=[
            Badge(sentences[2].span, spoof("badge"), spoof("Fact checked by"), spoof("Lantern"))
        ],
        author_box=AuthorBox(
            sentences[3].span, spoof("Jane"), 12, spoof("box") + f" {ARABIC}" * 12
        ),
        publisher_candidates=[PublisherCandidate(spoof("Lantern"), spoof("badge"))],
        publisher=Publisher(
            spoof("Lantern"),
            spoof("lantern.example"),
            spoof("badge"),
            spoof("evidence"),
            confidence=0.8,
        ),
        claims=claims,
        findings=findings,
        extras={
            "factchecks": [
                {
                    "claim": 0,
                    "claimant": spoof("claimant"),
                    "rating": spoof("False"),
                    "publisher": spoof("Snopes"),
                    "title": spoof("fact-check title"),
                    "url": "https://factcheck.example/" + SPOOF_TAIL,
                },
            ],
            "sources": {
                "publisher": spoof("Lantern"),
                "ratings": [
                    {"list": spoof("list"), "label": spoof("low credibility"), "url": spoof("u")}
                ],
            },
            spoof("section"): {spoof("key"): [spoof("value"), {"url": spoof("javascript:")}]},
            "evidence": {
                "status": "ok",
                "documents_searched": spoof("12"),
                "article_date": spoof("2024-03-05"),
                "after_days": spoof("30"),
                "strong_floor": 0.6,
                "min_sources": spoof("2"),
                "claims": [{"claim": 0, "status": spoof("status"), "passages": [passage]}],
            },
            "trace": {
                "status": "copied",
                "summary": spoof("trace summary"),
                "note": spoof("trace note"),
                "copied_share": 0.5,
                "corpus_documents": 3,
                "origin": document,
                "headline": {
                    "source_title": spoof("source headline"),
                    "article_title": spoof("article headline"),
                    "diff": [
                        ["equal", spoof("same")],
                        ["delete", spoof("old")],
                        ["insert", spoof("new")],
                    ],
                },
                "passages": [
                    {
                        "article_span": [sentences[0].span.start, sentences[0].span.end],
                        "kind": spoof("verbatim"),
                        "similarity": 0.97,
                        "source": document,
                        "source_text": spoof("source text"),
                        "diff": [
                            ["equal", spoof("same words")],
                            ["delete", spoof("gone")],
                            ["insert", spoof("added")],
                        ],
                        "also_in": [document],
                    }
                ],
                "unsourced": [
                    {
                        "span": [sentences[1].span.start, sentences[1].span.end],
                        "text": sentences[1].text,
                    }
                ],
                "quotes": [{"text": spoof("quote"), "first_appearance": document, "documents": 2}],
                "later_documents": [document],
            },
        },
        assigned={
            "text",
            "source",
            "meta",
            "sentences",
            "attributions",
            "badges",
            "author_box",
            "claims",
            "findings",
        },
    )
