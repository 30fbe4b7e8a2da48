"""Issue 20, D1: the addresses and spellings an attacker tried, with and without --allow-private.

These go through the public functions fetch.py calls (check_host, refusal_reason,
load_article), so they say nothing about how the policy is stored.
"""

from __future__ import annotations

import ipaddress

import pytest

from factsift.errors import URLRefusedError
from factsift.ingest import addresses, load_article
from factsift.ingest.addresses import check_host, refusal_reason
from factsift.settings import FetchOptions, Options

METADATA_V4 = [
    "169.254.169.254",
    "169.254.170.2",  # AWS ECS
    "192.0.0.192",  # Oracle Cloud
    "100.100.100.200",  # Alibaba Cloud
    "168.63.129.16",  # Azure WireServer
]
TEREDO_SERVER = int(ipaddress.IPv4Address("65.54.227.120"))  # a public Teredo server


def ipv6_forms(ipv4: str) -> dict[str, str]:
    """The IPv6 spellings of ``ipv4`` that a resolver or a URL may give."""
    value = int(ipaddress.IPv4Address(ipv4))
    forms = {
        "mapped": (0xFFFF << 32) | value,
        "compatible": value,
        "translated": (0xFFFF << 48) | value,
        "nat64": (0x64FF9B << 96) | value,
        "nat64-local": (0x64FF9B0001 << 80) | value,
        "6to4": (0x2002 << 112) | (value << 80) | 1,
        "teredo": (0x20010000 << 96) | (TEREDO_SERVER << 64) | (~value & 0xFFFF_FFFF),
    }
    return {name: str(ipaddress.IPv6Address(number)) for name, number in forms.items()}


METADATA = [
    *METADATA_V4,
    "fd00:ec2::254",
    *(form for ipv4 in METADATA_V4 for form in ipv6_forms(ipv4).values()),
]


@pytest.mark.parametrize("allow_private", [False, True])
@pytest.mark.parametrize("address", METADATA)
def test_fetch_address_policy_metadata_refused(address: str, allow_private: bool) -> None:
    ip = ipaddress.ip_address(address)
    with pytest.raises(URLRefusedError, match="metadata") as err:
        check_host(address, [ip], f"http://[{ip}]/", allow_private=allow_private)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("allow_private", [False, True])
@pytest.mark.parametrize("address", METADATA)
def test_fetch_address_policy_metadata_behind_a_name_refused(
    address: str, allow_private: bool
) -> None:
    public = ipaddress.ip_address("93.184.215.14")
    with pytest.raises(URLRefusedError, match="metadata") as err:
        check_host(
            "sneaky.example",
            [public, ipaddress.ip_address(address)],
            "http://sneaky.example/",
            allow_private=allow_private,
        )
    assert f"sneaky.example resolves to {ipaddress.ip_address(address)}" in str(err.value)


@pytest.mark.parametrize(
    "name",
    [
        "metadata.google.internal",
        "metadata",
        "metadata.azure.internal",
        "instance-data",
        "instance-data.ec2.internal",
        "METADATA.Google.Internal.",
        "instance-data.",
    ],
)
def test_fetch_address_policy_metadata_names_refused_with_allow_private(name: str) -> None:
    public = ipaddress.ip_address("93.184.215.14")
    with pytest.raises(URLRefusedError, match="metadata"):
        check_host(name, [public], f"http://{name}/", allow_private=True)


# Refused by default: loopback, private, shared, link-local, benchmarking, special-purpose,
# documentation, multicast, reserved, and the IPv6 forms that embed one of those.
REFUSED_BY_DEFAULT = [
    "0.0.0.0",
    "0.1.2.3",
    "10.1.2.3",
    "100.64.0.1",
    "100.127.255.254",
    "127.0.0.1",
    "169.254.1.1",
    "172.31.255.255",
    "192.0.0.1",
    "192.0.0.9",
    "192.0.0.170",
    "192.0.2.7",
    "192.88.99.1",
    "192.168.0.1",
    "198.18.0.1",
    "198.19.255.255",
    "198.51.100.7",
    "203.0.113.7",
    "224.0.0.251",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "::7f00:1",
    "::ffff:0:7f00:1",
    "64:ff9b::a00:1",
    "64:ff9b:1::a00:1",
    "2002:7f00:1::1",
    "2002:5db8:d70e::1",  # 6to4 of a public address: a deprecated tunnel
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "fec0::1",
    "ff02::1",
    "ff0e::1",
    "100::1",
    "2001:db8::1",
    "3fff::1",
    "2001:20::1",
    "2001:10::1",
    "2001:2::1",
    "4000::1",
]


@pytest.mark.parametrize("address", REFUSED_BY_DEFAULT)
def test_fetch_address_policy_refused_by_default(address: str) -> None:
    ip = ipaddress.ip_address(address)
    assert refusal_reason(ip) is not None
    with pytest.raises(URLRefusedError, match="--allow-private"):
        check_host(address, [ip], f"http://[{ip}]/", allow_private=False)


# Refused even with --allow-private: ranges where no web page is served.
REFUSED_ALWAYS = [
    "0.0.0.0",
    "192.0.0.9",
    "192.0.2.7",
    "192.88.99.1",
    "198.51.100.7",
    "203.0.113.7",
    "224.0.0.251",
    "240.0.0.1",
    "255.255.255.255",
    "::",
    "::a00:1",
    "ff02::1",
    "100::1",
    "2001:db8::1",
    "3fff::1",
    "2001:20::1",
    "2002:0:1::1",  # 6to4 of 0.0.0.1
    "64:ff9b::c000:201",  # NAT64 of 192.0.2.1
]


@pytest.mark.parametrize("address", REFUSED_ALWAYS)
def test_fetch_address_policy_refused_even_with_allow_private(address: str) -> None:
    ip = ipaddress.ip_address(address)
    with pytest.raises(URLRefusedError):
        check_host(address, [ip], f"http://[{ip}]/", allow_private=True)


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.0.0.5", "100.64.0.1", "169.254.1.1", "198.18.0.1", "::1", "fd12::1"],
)
def test_fetch_address_policy_allow_private_lets_own_network_through(address: str) -> None:
    ip = ipaddress.ip_address(address)
    check_host(address, [ip], f"http://[{ip}]/", allow_private=True)


@pytest.mark.parametrize(
    "address",
    [
        "93.184.215.14",
        "1.1.1.1",
        "2606:4700:4700::1111",
        "::ffff:93.184.215.14",
        "64:ff9b::5db8:d70e",  # NAT64 of 93.184.215.14: what DNS64 gives an IPv6-only client
    ],
)
def test_fetch_address_policy_public_allowed(address: str) -> None:
    ip = ipaddress.ip_address(address)
    assert refusal_reason(ip) is None
    check_host(address, [ip], f"http://[{ip}]/", allow_private=False)


@pytest.fixture()
def no_dns(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records any name the fetch would have asked DNS about, and answers nothing."""
    asked: list[str] = []

    def resolve(host: str, port: int, timeout: float) -> list[addresses.IPAddress]:
        asked.append(host)
        return []

    monkeypatch.setattr(addresses, "resolve_host", resolve)
    return asked


LOOPBACK_SPELLINGS = [
    "2130706433",
    "0x7f000001",
    "017700000001",
    "0x7f.1",
    "127.1",
    "127.0.1",
    "0x7f.0.0.1",
    "127.0.0.1.",
    "[::ffff:7f00:1]",
    "[::ffff:127.0.0.1]",
    "0177.0.0.1",
]
METADATA_SPELLINGS = ["2852039166", "0xa9fea9fe", "0xa9.0xfe.0xa9.0xfe", "169.254.43518"]


@pytest.mark.parametrize("host", LOOPBACK_SPELLINGS)
def test_fetch_address_policy_loopback_spellings_refused_before_dns(
    host: str, no_dns: list[str]
) -> None:
    with pytest.raises(URLRefusedError):
        load_article(f"http://{host}/story", Options())
    assert no_dns == []


@pytest.mark.parametrize("host", METADATA_SPELLINGS)
def test_fetch_address_policy_metadata_spellings_refused_with_allow_private(
    host: str, no_dns: list[str]
) -> None:
    options = Options(fetch=FetchOptions(allow_private=True))
    with pytest.raises(URLRefusedError, match="metadata") as err:
        load_article(f"http://{host}/latest/meta-data/", options)
    assert "169.254.169.254" in str(err.value)
    assert no_dns == []
