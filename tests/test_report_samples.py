"""Hand-built Articles for the report tests, independent of the language layer.

Other ``test_report_*`` modules import ``sample_article`` and ``hostile_article`` from here;
the tests below check that the samples are what those tests assume they are.
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
