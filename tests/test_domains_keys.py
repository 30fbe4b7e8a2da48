from __future__ import annotations

from factsift.domains import has_public_suffix, lookup_keys, registered_domain, site_key


def test_domains_site_key_keeps_named_subdomains_and_drops_variants() -> None:
    assert site_key("https://www.abcnews.go.com/US/x") == "abcnews.go.com"
    assert site_key("m.bbc.co.uk") == "bbc.co.uk"
    assert site_key("amp.someone.blogspot.com") == "someone.blogspot.com"
    assert lookup_keys("https://us.blastingnews.com/a") == [
        "us.blastingnews.com",
        "blastingnews.com",
    ]
    assert registered_domain("WWW.YourNewsWire.com") == "yournewswire.com"


def test_domains_public_suffix_rejects_typos_and_addresses() -> None:
    assert has_public_suffix("thepeoplesvoice.tv")
    assert not has_public_suffix("topinfopost.con")
    assert not has_public_suffix("82.221.129.208")
