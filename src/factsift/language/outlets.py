"""News outlets: a small curated list of names, and the nouns that name an outlet.

Names match case-sensitively on word boundaries, so "AP" and "The Sun" are outlets while
"the sun" is not. Words too common to match on their own ("Time", "Insider", "Guardian")
are listed only in a longer form. Any "<Name> news agency" / "<Name> newspaper" phrase is
an outlet too, and so is a capitalised name ending in a masthead word ("The Quill
Gazette", "Harbour Herald") (``OUTLET_PATTERN``).
"""

from __future__ import annotations

import re

# fmt: off
OUTLET_NAMES: tuple[str, ...] = (
    # wires and agencies
    "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "Bloomberg",
    "Bloomberg News", "UPI", "Xinhua", "TASS", "Interfax", "RIA Novosti", "Sputnik",
    "IRNA", "Tasnim", "Anadolu", "Kyodo", "Yonhap", "dpa", "ANSA", "EFE", "PTI",
    # broadcasters
    "BBC", "BBC News", "CNN", "Fox News", "MSNBC", "NBC", "NBC News", "CBS", "CBS News",
    "ABC News", "NPR", "PBS", "CNBC", "Sky News", "ITV News", "Channel 4 News", "Euronews",
    "Deutsche Welle", "DW", "France 24", "Al Jazeera", "Al Arabiya", "RT", "Russia Today",
    "Voice of America", "VOA", "Radio Free Europe", "RFE/RL", "CBC", "ABC", "NHK",
    # newspapers and magazines
    "The New York Times", "New York Times", "NYT", "NY Times", "The Washington Post",
    "Washington Post", "WaPo", "The Wall Street Journal", "Wall Street Journal", "WSJ",
    "USA Today", "Los Angeles Times", "LA Times", "Chicago Tribune", "The Boston Globe",
    "New York Post", "NY Post", "The Washington Times", "Washington Examiner",
    "The Guardian", "The Observer", "The Times", "The Sunday Times", "The Telegraph",
    "Daily Telegraph", "Financial Times", "FT", "The Independent", "Daily Mail",
    "MailOnline", "Daily Mirror", "The Sun", "Daily Express", "The Economist",
    "Der Spiegel", "Spiegel", "Le Monde", "Le Figaro", "El País", "Haaretz",
    "Times of Israel", "The Jerusalem Post", "Jerusalem Post", "South China Morning Post",
    "The Hindu", "Times of India", "Sydney Morning Herald", "The Globe and Mail",
    "Newsweek", "Time magazine", "TIME magazine", "The Atlantic", "The New Yorker",
    "Politico", "Axios", "The Hill", "Vox", "BuzzFeed News", "HuffPost",
    "Huffington Post", "Business Insider", "The Daily Beast", "ProPublica",
    "The Intercept", "Mother Jones", "National Review", "The Federalist", "Daily Caller",
    "Rolling Stone", "Variety", "Deadline", "The Verge", "TechCrunch", "Engadget",
    "Ars Technica", "Gizmodo", "Mashable", "CNET", "ZDNet", "Fast Company",
    "Vanity Fair", "Slate", "Quartz", "Vice News", "Newsmax", "One America News", "OAN",
    "The Daily Wire", "Daily Kos", "Raw Story", "Breitbart", "Breitbart News",
    "The Gateway Pundit", "Infowars",
    # fact-checkers
    "Snopes", "PolitiFact", "FactCheck.org", "Full Fact", "AFP Fact Check",
    "Reuters Fact Check", "Lead Stories", "Check Your Fact",
)
# fmt: on

# Nouns that make a phrase an outlet: "the newspaper", "state media", "a Fars news agency".
OUTLET_NOUNS = frozenset(
    {
        "newspaper",
        "newspapers",
        "tabloid",
        "broadcaster",
        "magazine",
        "outlet",
        "outlets",
        "media",
        "television",
        "tv",
        "channel",
        "daily",
        "website",
        "wire",
        "network",
        "radio",
        "newswire",
    }
)
# "agency" or "service" is an outlet only after "news": "news agency", "news service".
NEWS_COMPOUND_NOUNS = frozenset({"agency", "service", "site", "organization", "organisation"})

_NAME_ALTERNATION = "|".join(
    re.escape(name) for name in sorted(OUTLET_NAMES, key=len, reverse=True)
)
OUTLET_NAME_PATTERN = re.compile(rf"(?<![\w/.-])(?:{_NAME_ALTERNATION})(?![\w/-])")
# Masthead words that end a newspaper's name: "The Quill Gazette", "Harbour Herald".
MASTHEAD_WORDS = (
    "Gazette", "Herald", "Tribune", "Chronicle", "Telegraph", "Courier", "Inquirer",
    "Dispatch", "Examiner", "Bulletin", "Sentinel", "Ledger", "Clarion", "Argus", "Courant",
    "Gleaner", "Despatch", "Advertiser", "Star-Ledger", "Free Press", "Daily News",
)  # fmt: skip
OUTLET_PATTERN = re.compile(
    r"(?<![\w-])(?:[A-Z][\w’'.&-]*\s+){1,4}"
    r"(?:news\s+agency|news\s+service|newspaper|daily|tabloid|broadcaster|magazine|"
    r"news\s+channel|news\s+site|news\s+website|television|TV|"
    + "|".join(re.escape(word) for word in MASTHEAD_WORDS)
    + r")\b"
)


def find_outlet(text: str) -> re.Match[str] | None:
    """The first outlet named in ``text``: a listed name or a "<Name> news agency" phrase."""
    found = [m for m in (OUTLET_NAME_PATTERN.search(text), OUTLET_PATTERN.search(text)) if m]
    return min(found, key=lambda m: m.start()) if found else None


def is_outlet_noun(word: str, previous: str | None) -> bool:
    """True for a head noun that names an outlet: "newspaper", "news agency", "state media"."""
    lower = word.lower()
    if lower in OUTLET_NOUNS:
        return True
    return lower in NEWS_COMPOUND_NOUNS and (previous or "").lower() == "news"
