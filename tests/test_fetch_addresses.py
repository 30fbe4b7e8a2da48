"""Which addresses a fetch may reach."""

from __future__ import annotations

import ipaddress

import pytest

from factsift.errors import URLRefusedError
from factsift.ingest.addresses import check_host, parse_ip, refusal_reason


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "0.0.0.0",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.10.10",
        "169.254.169.254",
        "100.64.0.1",
        "224.0.0.251",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "192.0.2.7",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd00:ec2::254",
        "ff02::1",
        "ff0e::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "64:ff9b::a00:1",
        "2002:7f00:1::1",
        "2001:db8::1",
    ],
)
def test_fetch_addresses_refused(address: str) -> None:
    assert refusal_reason(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111"])
def test_fetch_addresses_public_allowed(address: str) -> None:
    assert refusal_reason(ipaddress.ip_address(address)) is None


def test_fetch_addresses_any_resolved_address_refuses() -> None:
    public, private = ipaddress.ip_address("93.184.215.14"), ipaddress.ip_address("10.0.0.7")
    with pytest.raises(URLRefusedError) as err:
        check_host("news.example", [public, private], "http://news.example/", allow_private=False)
    message = str(err.value)
    assert "news.example resolves to 10.0.0.7" in message and "--allow-private" in message


def test_fetch_addresses_allow_private_allows_private() -> None:
    loopback = ipaddress.ip_address("127.0.0.1")
    check_host("localhost", [loopback], "http://localhost/", allow_private=True)


@pytest.mark.parametrize(
    ("host", "resolved"),
    [
        ("metadata.google.internal", "93.184.215.14"),
        ("169.254.169.254", "169.254.169.254"),
        ("fd00:ec2::254", "fd00:ec2::254"),
        ("sneaky.example", "::ffff:169.254.169.254"),
    ],
)
def test_fetch_addresses_metadata_refused_even_with_allow_private(host: str, resolved: str) -> None:
    with pytest.raises(URLRefusedError, match="metadata"):
        check_host(host, [ipaddress.ip_address(resolved)], f"http://{host}/", allow_private=True)


def test_fetch_addresses_parse_ip() -> None:
    assert parse_ip("[::1]") == ipaddress.ip_address("::1")
    assert parse_ip("10.0.0.1") == ipaddress.ip_address("10.0.0.1")
    assert parse_ip("news.example") is None
