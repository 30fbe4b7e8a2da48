"""Properties of the address policy and the URL parser, over generated inputs (Hypothesis)."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from factsift.errors import FactsiftError, URLRefusedError
from factsift.ingest.address_ranges import SPECIAL_RANGES, Policy
from factsift.ingest.addresses import IPAddress, address_verdict, check_host, parse_ip
from factsift.ingest.fetch import parse_http_url

MASK32 = 0xFFFF_FFFF
# No per-example time limit: the machine running the tests may be busy.
no_deadline = settings(deadline=None)


def inside(version: int) -> st.SearchStrategy[int]:
    """Addresses in or near the special ranges, where the policy has something to say."""
    rows = [row for row in SPECIAL_RANGES if row.network.version == version]

    @st.composite
    def pick(draw: st.DrawFn) -> int:
        net = draw(st.sampled_from(rows)).network
        offset = draw(st.integers(0, net.num_addresses - 1))
        return int(net.network_address) + offset

    bits = 32 if version == 4 else 128
    return st.one_of(pick(), st.integers(0, (1 << bits) - 1))


ipv4s = inside(4).map(ipaddress.IPv4Address)
ipv6s = inside(6).map(ipaddress.IPv6Address)


def refused(ip: IPAddress, allow_private: bool) -> bool:
    try:
        check_host(str(ip), [ip], "http://example.test/", allow_private=allow_private)
    except URLRefusedError:
        return True
    return False


# Each IPv6 form that stands for an IPv4 address; Teredo and 6to4 carry other bits too.
FORMS: dict[str, Callable[[int, int], int]] = {
    "mapped": lambda v4, _: (0xFFFF << 32) | v4,
    "compatible": lambda v4, _: v4,
    "translated": lambda v4, _: (0xFFFF << 48) | v4,
    "nat64": lambda v4, _: (0x64FF9B << 96) | v4,
    "nat64-local": lambda v4, _: (0x64FF9B0001 << 80) | v4,
    "6to4": lambda v4, rest: (0x2002 << 112) | (v4 << 80) | (rest & ((1 << 80) - 1)),
    "teredo": lambda v4, rest: (
        (0x20010000 << 96) | ((rest & ((1 << 64) - 1)) << 32) | (~v4 & MASK32)
    ),
}


@pytest.mark.parametrize("allow_private", [False, True])
@pytest.mark.parametrize("form", sorted(FORMS))
@no_deadline
@given(ipv4=ipv4s, rest=st.integers(0, (1 << 80) - 1))
def test_fetch_address_properties_embedded_form_refused_when_ipv4_is(
    form: str, allow_private: bool, ipv4: ipaddress.IPv4Address, rest: int
) -> None:
    if form == "compatible":
        assume(int(ipv4) > 1)  # ::0.0.0.0 and ::0.0.0.1 are :: and ::1 themselves
    ipv6 = ipaddress.IPv6Address(FORMS[form](int(ipv4), rest))
    if refused(ipv4, allow_private):
        assert refused(ipv6, allow_private), (form, str(ipv4), str(ipv6))


@no_deadline
@given(ipv4=ipv4s)
def test_fetch_address_properties_metadata_refused_in_every_form(
    ipv4: ipaddress.IPv4Address,
) -> None:
    if address_verdict(ipv4).policy is Policy.METADATA:
        for form in FORMS.values():
            assert address_verdict(ipaddress.IPv6Address(form(int(ipv4), 1))).policy is (
                Policy.METADATA
            )


TRANSLATED_TO_PUBLIC = [ipaddress.ip_network("::ffff:0:0/96"), ipaddress.ip_network("64:ff9b::/96")]


@no_deadline
@given(ip=st.one_of(ipv4s, ipv6s))
def test_fetch_address_properties_refuses_all_that_python_calls_non_global(ip: IPAddress) -> None:
    """The table refuses at least what ``is_global`` refuses, but for forms of public IPv4."""
    if isinstance(ip, ipaddress.IPv6Address) and any(ip in net for net in TRANSLATED_TO_PUBLIC):
        ip = ipaddress.IPv4Address(int(ip) & MASK32)
    if not ip.is_global:
        assert address_verdict(ip).policy > Policy.ALLOWED, str(ip)


NUMBER_STYLES = [str, lambda n: f"0x{n:x}", lambda n: f"0{n:o}"]


@no_deadline
@given(
    ipv4=ipv4s,
    parts=st.integers(1, 4),
    styles=st.lists(st.sampled_from(NUMBER_STYLES), min_size=4, max_size=4),
)
def test_fetch_address_properties_old_ipv4_spellings_read_like_inet_aton(
    ipv4: ipaddress.IPv4Address, parts: int, styles: list[Callable[[int], str]]
) -> None:
    raw = ipv4.packed
    numbers = [*raw[: parts - 1], int.from_bytes(raw[parts - 1 :], "big")]
    spelled = ".".join(style(n) for style, n in zip(styles, numbers, strict=False))
    assert parse_ip(spelled) == ipv4, spelled
    assert socket.inet_aton(spelled) == raw  # what the system resolver would connect to


@no_deadline
@given(st.text())
def test_fetch_address_properties_parse_ip_never_raises(text: str) -> None:
    parse_ip(text)


URL_TEXT = st.one_of(
    st.text(),
    st.text().map(lambda rest: "http://" + rest),
    st.text(alphabet="[]:%./\\@?#0123456789abcdefx-ß\u0300\x00 ").map(
        lambda rest: "http://" + rest
    ),
)


@no_deadline
@given(URL_TEXT)
@example("http://xn--a/")  # decoding the IDNA host fails (an InvalidCodepoint traceback)
@example("http://xn--/")
@example("http:\\\\127.0.0.1\\x")
def test_fetch_address_properties_url_parser_raises_only_factsift_errors(text: str) -> None:
    try:
        url = parse_http_url(text)
    except FactsiftError:
        return
    parse_ip(url.host)
