"""Features of a domain that do not use any rating list: the name alone.

Hand-made features (TLD, length, digits, hyphens, subdomain, words such as "news",
"truth", "patriot") plus character n-grams of the name, for the unrated-domain predictor.
"""

from __future__ import annotations

import re

from factsift.domains import host_of, registered_domain

SUSPECT_WORDS = (
    "news",
    "truth",
    "patriot",
    "freedom",
    "liberty",
    "daily",
    "report",
    "times",
    "post",
    "real",
    "conservative",
    "liberal",
    "politic",
    "america",
    "usa",
    "nation",
    "world",
    "insider",
    "alert",
    "viral",
    "buzz",
    "wire",
    "tribune",
    "herald",
    "journal",
    "gazette",
    "today",
    "now",
    "info",
    "tv",
    "radio",
    "press",
    "media",
    "watch",
    "right",
    "left",
    "resist",
    "trump",
    "health",
    "natural",
    "science",
    "global",
)
COMMON_TLDS = ("com", "org", "net", "co.uk", "news", "info", "us", "co", "tv", "gov", "edu")


def domain_text(domain: str) -> str:
    """The name used for n-grams: the registered domain, lower case."""
    return (registered_domain(domain) or host_of(domain)).lower()


def hand_features(domain: str) -> list[float]:
    host = host_of(domain)
    reg = registered_domain(host) or host
    label, _, suffix = reg.partition(".")
    features = [
        float(len(label)),
        float(sum(ch.isdigit() for ch in label)),
        float(label.count("-")),
        float(host != reg and not host.startswith("www.")),  # a subdomain of its own
        float(len(suffix.split("."))),
    ]
    features += [float(suffix == tld) for tld in COMMON_TLDS]
    features.append(float(suffix not in COMMON_TLDS))
    features += [float(word in label) for word in SUSPECT_WORDS]
    features.append(float(bool(re.search(r"(.)\1\1", label))))  # "xxx", "000"
    return features
