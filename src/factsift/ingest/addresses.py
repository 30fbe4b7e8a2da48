"""Which network addresses a fetch may reach, and name resolution with a time limit.

A fact-checker pastes URLs from untrusted articles, so a fetch must not become a way to
reach the machine itself, its private network, or a cloud metadata service (SSRF). Every
address a host name resolves to is checked, not just the first. Which ranges are refused
is data (``address_ranges.SPECIAL_RANGES``, explained in docs/address-policy.md);
``address_verdict`` applies it.
"""

from __future__ import annotations

import ipaddress
import queue
import re
import socket
import threading
from dataclasses import dataclass

from factsift.errors import NetworkError, URLRefusedError
from factsift.ingest.address_ranges import (
    METADATA_HOSTS,
    SPECIAL_RANGES,
    Embedding,
    Policy,
    SpecialRange,
)

__all__ = [
    "METADATA_ADDRESSES",
    "METADATA_HOSTS",
    "IPAddress",
    "Policy",
    "Verdict",
    "address_verdict",
    "check_host",
    "check_name",
    "embedded_ipv4",
    "parse_ip",
    "refusal_reason",
    "resolve_host",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

METADATA_ADDRESSES = frozenset(
    row.network.network_address for row in SPECIAL_RANGES if row.policy is Policy.METADATA
)

# Most specific first, so the first row that holds an address is the one that decides.
_BY_PREFIX = sorted(SPECIAL_RANGES, key=lambda row: row.network.prefixlen, reverse=True)
_MASK32 = 0xFFFF_FFFF
# RFC 6052 section 2.2: where the IPv4 bits sit for each prefix length the local-use NAT64
# prefix 64:ff9b:1::/48 allows, as (right shift, bit count) pieces, high bits first.
# Bits 64-71 (the "u" octet) never hold any.
_RFC6052_PIECES = {
    48: ((64, 16), (40, 16)),
    56: ((64, 8), (32, 24)),
    64: ((24, 32),),
    96: ((0, 32),),
}


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the policy says about one address, and why (a phrase after the address)."""

    policy: Policy
    reason: str  # "is in 127.0.0.0/8 (loopback)", "embeds 169.254.169.254 (NAT64), which ..."


def address_verdict(ip: IPAddress) -> Verdict:
    """How the policy treats ``ip``: its most specific range, then any IPv4 it embeds."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.scope_id:
        ip = ipaddress.IPv6Address(int(ip))  # fe80::1%eth0 is judged as fe80::1
    row = _most_specific(ip)
    if row is None:
        return Verdict(Policy.ALLOWED, "is a public address")
    verdict = Verdict(row.policy, f"is in {row.network} ({row.name})")
    if row.embeds is None or not isinstance(ip, ipaddress.IPv6Address):
        return verdict
    for form, inner in embedded_ipv4(ip, row.embeds):
        found = address_verdict(inner)
        # The embedded address explains more than the form's own range, so it wins ties.
        if found.policy > Policy.ALLOWED and found.policy >= verdict.policy:
            verdict = Verdict(found.policy, f"embeds {inner} ({form}), which {found.reason}")
    return verdict


def embedded_ipv4(
    ip: ipaddress.IPv6Address, embedding: Embedding
) -> list[tuple[str, ipaddress.IPv4Address]]:
    """Every IPv4 address ``ip`` may stand for under ``embedding``, each with its form's name."""
    value = int(ip)
    if embedding is Embedding.SIXTOFOUR:
        return [(embedding.value, ipaddress.IPv4Address((value >> 80) & _MASK32))]
    if embedding is Embedding.TEREDO:
        # The server sits in bits 32-63; the client's public address is the last 32 bits,
        # inverted ("obfuscated"). Both are checked.
        server = ipaddress.IPv4Address((value >> 64) & _MASK32)
        client = ipaddress.IPv4Address(~value & _MASK32)
        return [("Teredo server", server), ("Teredo client", client)]
    if embedding is Embedding.NAT64_LOCAL:
        # The operator picks the prefix length, which the address does not say: every
        # reading is checked, and any refused one refuses.
        return [
            (f"{embedding.value}, /{length} reading", _rfc6052(value, pieces))
            for length, pieces in _RFC6052_PIECES.items()
        ]
    return [(embedding.value, ipaddress.IPv4Address(value & _MASK32))]


def _rfc6052(value: int, pieces: tuple[tuple[int, int], ...]) -> ipaddress.IPv4Address:
    result = 0
    for shift, bits in pieces:
        result = (result << bits) | ((value >> shift) & ((1 << bits) - 1))
    return ipaddress.IPv4Address(result)


def _most_specific(ip: IPAddress) -> SpecialRange | None:
    for row in _BY_PREFIX:
        if row.network.version == ip.version and ip in row.network:
            return row
    return None


def refusal_reason(ip: IPAddress) -> str | None:
    """Why ``ip`` is refused by default (a phrase after the address), or ``None`` if public."""
    verdict = address_verdict(ip)
    return None if verdict.policy is Policy.ALLOWED else verdict.reason


# One to four dot-separated numbers in decimal, octal (leading 0) or hex (0x): the old
# inet_aton spellings that resolvers and browsers still accept ("2130706433", "0x7f.1",
# "127.1", "0177.0.0.1" all mean 127.0.0.1). One trailing dot is allowed, as in a URL.
_LEGACY_PART = re.compile(r"0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*")


def parse_ip(host: str) -> IPAddress | None:
    """The address if ``host`` is an IP literal (brackets and old IPv4 spellings allowed)."""
    text = host.strip("[]")
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return _legacy_ipv4(text)


def _legacy_ipv4(text: str) -> ipaddress.IPv4Address | None:
    parts = text.removesuffix(".").split(".")
    if len(parts) > 4 or not all(_LEGACY_PART.fullmatch(part) for part in parts):
        return None
    numbers = [_legacy_number(part) for part in parts]
    *leading, last = numbers
    if any(number > 255 for number in leading) or last >= 256 ** (5 - len(numbers)):
        return None  # not an address (a resolver would then try it as a name)
    value = last
    for index, number in enumerate(leading):
        value += number << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def _legacy_number(part: str) -> int:
    if part[:2].lower() == "0x":
        return int(part[2:] or "0", 16)
    if part.startswith("0"):
        return int(part, 8)
    return int(part)


def resolve_host(host: str, port: int, timeout: float) -> list[IPAddress]:
    """All addresses ``host`` resolves to; ``NetworkError`` if none within ``timeout``.

    ``getaddrinfo`` has no timeout of its own, so it runs in a daemon thread.
    Tests replace this function to simulate DNS answers.
    """
    answers: queue.Queue[list[IPAddress] | OSError] = queue.Queue(maxsize=1)

    def work() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            found: list[IPAddress] = []
            for info in infos:
                ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
                if ip not in found:
                    found.append(ip)
            answers.put(found)
        except OSError as exc:
            answers.put(exc)

    threading.Thread(target=work, name=f"resolve {host}", daemon=True).start()
    try:
        result = answers.get(timeout=max(timeout, 0.01))
    except queue.Empty:
        raise NetworkError(
            f"Could not resolve host {host!r} within {timeout:.1f} s. Check the address, "
            "or raise the limit with --timeout."
        ) from None
    if isinstance(result, OSError) or not result:
        raise NetworkError(
            f"Could not resolve host {host!r} ({result}). Check the address and your "
            "network connection."
        )
    return result


def check_name(host: str, url: str) -> None:
    """Refuse names of metadata services before asking DNS about them."""
    name = host.strip("[]").rstrip(".").lower()
    if name in METADATA_HOSTS:
        raise URLRefusedError(
            f"Refused to fetch {url}: {name} is a cloud metadata service, not an article. "
            "Metadata services are never fetched, even with --allow-private."
        )


def check_host(host: str, resolved: list[IPAddress], url: str, *, allow_private: bool) -> None:
    """Raise ``URLRefusedError`` if ``host`` or any address it resolved to is not allowed."""
    check_name(host, url)
    verdicts = [(ip, address_verdict(ip)) for ip in resolved]
    # The strictest verdict speaks first: a metadata address beats a private one.
    for ip, verdict in sorted(verdicts, key=lambda pair: pair[1].policy, reverse=True):
        if verdict.policy is Policy.ALLOWED:
            return
        if verdict.policy is Policy.PRIVATE and allow_private:
            continue
        raise URLRefusedError(
            f"Refused to fetch {url}: {_subject(host, ip)} {verdict.reason}. "
            + _POLICY_ADVICE[verdict.policy]
        )


_POLICY_ADVICE = {
    Policy.PRIVATE: "Only public addresses are fetched; to fetch from your own network on "
    "purpose, pass --allow-private (allow_private=True).",
    Policy.REFUSED: "No web page is served from that range, so it is refused even with "
    "--allow-private; check the URL.",
    Policy.METADATA: "That is a cloud metadata address: it is never fetched, even with "
    "--allow-private.",
}


def _subject(host: str, ip: IPAddress) -> str:
    """How the message names the address: as written, or with what it stands for."""
    if parse_ip(host) is None:
        return f"{host} resolves to {ip}, which"
    if host.strip("[]").lower() == str(ip):
        return str(ip)
    return f"{host} is {ip}, which"
