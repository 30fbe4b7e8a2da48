"""hearvox/unreliable-news: CSV copies of ten 2016-2018 lists of unreliable news sites.

Each file becomes its own list with its own root (BuzzFeed, PolitiFact, Snopes...); the
copy of OpenSources rests on OpenSources, and Is It Fake News? credits many records to
another list (its "source" column), which becomes that rating's root.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from factsift.sources.importers.common import ParsedList, domain_key, read_csv, require_file
from factsift.sources.importers.opensources import TYPE_SCALE, opensources_info, parse_typed
from factsift.sources.lineage import ISITFAKENEWS_SOURCES
from factsift.sources.model import RatingList, RatingRecord
from factsift.sources.scale import flag_value

FOLDER = "unreliable-news-site-lists-hearvox"
REPO = "https://github.com/hearvox/unreliable-news"


@dataclass(frozen=True, slots=True)
class HearvoxFile:
    file: str
    name: str
    title: str
    publisher: str
    date: str
    url: str
    root: str
    flags_only: bool = True


FILES = [
    HearvoxFile(
        "buzzfeed-2018-12.csv",
        "hearvox-buzzfeed",
        "BuzzFeed News fake news sites 2016-2018",
        "BuzzFeed News",
        "2018-12",
        "https://github.com/BuzzFeedNews/2018-12-fake-news-top-50",
        "buzzfeed",
    ),
    HearvoxFile(
        "factcheck-org-2018.csv",
        "hearvox-factcheck-org",
        "FactCheck.org Misinformation Directory",
        "FactCheck.org",
        "2018-11",
        "https://www.factcheck.org/2017/07/websites-post-fake-satirical-stories/",
        "factcheck-org",
    ),
    HearvoxFile(
        "fake-news-codex-2018-06.csv",
        "hearvox-fake-news-codex",
        "The Fake News Codex",
        "The Fake News Codex",
        "2018-06",
        "http://www.fakenewscodex.com/",
        "fakenewscodex",
    ),
    HearvoxFile(
        "fake-news-watch-2016-01.csv",
        "hearvox-fake-news-watch",
        "Fake News Watch",
        "Fake News Watch",
        "2016-01",
        "http://fakenewswatch.com/",
        "fakenewswatch",
    ),
    HearvoxFile(
        "is-it-fake-news-2018-11.csv",
        "hearvox-is-it-fake-news",
        "Is It Fake News?",
        "Is It Fake News?",
        "2018-11",
        "https://isitfakenews.com/",
        "isitfakenews",
        False,
    ),
    HearvoxFile(
        "junk-news-aggregator-2018-01.csv",
        "hearvox-junk-news-aggregator",
        "Junk News Aggregator (Oxford Internet Institute)",
        "Oxford Internet Institute",
        "2018-01",
        "https://newsaggregator.oii.ox.ac.uk/",
        "oii-junknews",
    ),
    HearvoxFile(
        "politifact-2017-11.csv",
        "hearvox-politifact",
        "PolitiFact's Fake News Almanac",
        "PolitiFact",
        "2017-11",
        "http://www.politifact.com/punditfact/article/2017/apr/20/politifacts-guide-fake-"
        "news-websites-and-what-they/",
        "politifact",
    ),
    HearvoxFile(
        "snopes-2017-12.csv",
        "hearvox-snopes",
        "Snopes' field guide to fake news sites",
        "Snopes",
        "2017-12",
        "http://www.snopes.com/2016/01/14/fake-news-sites/",
        "snopes",
    ),
    HearvoxFile(
        "wikipedia-2018-11.tsv",
        "hearvox-wikipedia",
        "Wikipedia: List of fake news websites",
        "Wikipedia editors",
        "2018-11",
        "https://en.wikipedia.org/wiki/List_of_fake_news_websites",
        "wikipedia-fakenews",
    ),
]
FIXED_LABELS = {  # lists without a type column: what being listed says
    "buzzfeed": ("fake", "among BuzzFeed News' top fake news sites"),
    "factcheck-org": ("fake or satirical", "has carried fake or satirical articles"),
    "oii-junknews": ("junk news", "junk news"),
    "snopes": ("fake", "fake news site"),
    "wikipedia-fakenews": ("fake", "fake news website"),
}


def _info(spec: HearvoxFile) -> RatingList:
    lineage = f"{spec.publisher}'s own list, copied by hearvox ({REPO})"
    if spec.root == "isitfakenews":
        lineage = (
            "Is It Fake News? aggregated Wikipedia, CBS News, Snopes and others and "
            "added its own research; each record's 'source' column names its origin"
        )
    return RatingList(
        spec.name,
        spec.title,
        spec.publisher,
        spec.date,
        spec.url,
        TYPE_SCALE,
        (spec.root,),
        lineage,
        spec.flags_only,
    )


def _iso(text: str) -> str | None:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%B %d, %Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _parse_file(folder: Path, spec: HearvoxFile) -> ParsedList:
    path = require_file(folder / spec.file, spec.title)
    info = _info(spec)
    parsed = ParsedList(info)
    delimiter = "\t" if spec.file.endswith(".tsv") else ","
    for line, row in read_csv(path, delimiter=delimiter):
        raw = row.get("domain", "")
        domain = domain_key(raw)
        if domain is None:
            parsed.bad(path, line, f"'{raw}' is not a domain")
            continue
        roots: tuple[str, ...] = (spec.root,)
        date, url, note = spec.date, None, None
        if spec.root in FIXED_LABELS:
            label, note = FIXED_LABELS[spec.root]
            types = [label]
        elif spec.root == "isitfakenews":
            types = [row.get("category", "")]
            origin = row.get("source", "").strip().lower()
            roots = (ISITFAKENEWS_SOURCES.get(origin, "isitfakenews"),)
            date = _iso(row.get("date_added", "")) or date
            url = row.get("source_url") or None
            note = f"credited to {row['source']}" if row.get("source") else None
        else:
            column = {
                "fakenewscodex": "type",
                "fakenewswatch": "category",
                "politifact": "type_of_site",
            }[spec.root]
            types = [row.get(column, "")]
            if spec.root == "fakenewscodex":
                date = _iso(row.get("date", "")) or date
                url = row.get("fake_news_codex_url") or None
        if spec.root == "factcheck-org":
            date = _iso(row.get("date", "")) or date
        parsed.add_name(domain, html.unescape(row.get("name", "")))
        value, _ = flag_value(types)
        parsed.ratings.append(
            RatingRecord(
                domain,
                "flag",
                roots[0],
                roots,
                ", ".join(t for t in types if t) or None,
                None,
                value,
                date,
                f"{path.name}:{line}",
                url,
                note,
            )
        )
    return parsed


def parse_all(folder: Path) -> list[ParsedList]:
    """Every file of the folder, each as its own list."""
    lists = [_parse_file(folder, spec) for spec in FILES]
    copy = require_file(folder / "opensources-2017-04.csv", "hearvox OpenSources copy")
    info = opensources_info("hearvox-opensources", "2017-04")
    lists.append(parse_typed(copy, info, "domain", ("type", "2nd type", "3rd type")))
    return lists
