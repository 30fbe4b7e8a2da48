"""Registered domains from URLs and host names, offline.

Uses the public suffix list snapshot bundled in ``tldextract`` (no network). Sites hosted as
subdomains of a platform (blogspot, substack, medium...) stay apart: each blog is its own
publisher.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

# Platforms whose subdomains are separate publishers.
PLATFORM_DOMAINS = frozenset(
    {
        "blogspot.com",
        "substack.com",
        "medium.com",
        "wordpress.com",
        "tumblr.com",
        "wixsite.com",
        "weebly.com",
        "github.io",
        "typepad.com",
        "livejournal.com",
    }
)
_VARIANT_LABELS = frozenset({"www", "www2", "m", "mobile", "amp"})


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    # suffix_list_urls=() : use only the snapshot inside the package, never fetch.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def host_of(url_or_host: str) -> str:
    """The lower-case host of a URL, or the input itself when it is a bare host name."""
    text = url_or_host.strip()
    if "://" not in text:
        text = "http://" + text
    host = urlsplit(text).hostname or ""
    return host.lower().rstrip(".")


def registered_domain(url_or_host: str) -> str | None:
    """``https://www.example.co.uk/a`` -> ``example.co.uk``; platform blogs keep their label."""
    host = host_of(url_or_host)
    if not host:
        return None
    parts = _extractor()(host)
    if not parts.suffix or not parts.domain:
        # Not under a public suffix (an IP address, "localhost", a reserved TLD such as
        # .example or .test): the last two labels name the site, if there are two.
        labels = host.split(".")
        if len(labels) < 2 or _is_ip(host):
            return None
        return ".".join(labels[-2:])
    domain = f"{parts.domain}.{parts.suffix}"
    if domain in PLATFORM_DOMAINS and parts.subdomain:
        labels = [x for x in parts.subdomain.split(".") if x not in _VARIANT_LABELS]
        return f"{labels[-1]}.{domain}" if labels else domain
    return domain


def site_key(url_or_host: str) -> str | None:
    """The key a rating list means by a host: the registered domain, or the whole host
    (without www/m/amp) when it names a site of its own (``abcnews.go.com``), or a blog on
    a platform (``someone.blogspot.com``)."""
    host = host_of(url_or_host)
    domain = registered_domain(host)
    if domain is None:
        return None
    labels = host.split(".")
    while len(labels) > 2 and labels[0] in _VARIANT_LABELS:
        labels = labels[1:]
    stripped = ".".join(labels)
    return stripped if stripped.endswith("." + domain) else domain


def lookup_keys(url_or_host: str) -> list[str]:
    """Keys to look a site up by, most specific first: ``[abcnews.go.com, go.com]``."""
    keys: list[str] = []
    for key in (site_key(url_or_host), registered_domain(url_or_host)):
        if key and key not in keys:
            keys.append(key)
    return keys


def has_public_suffix(url_or_host: str) -> bool:
    """True when the host ends in a public suffix (``.com``, ``.co.uk``), not ``.test``."""
    host = host_of(url_or_host)
    return bool(host) and bool(_extractor()(host).suffix)
