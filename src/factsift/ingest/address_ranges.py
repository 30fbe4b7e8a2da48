"""The address policy as data: special-purpose ranges, what each is, and what a fetch may do.

The rows follow the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and
its updates), the multicast ranges, the deprecated IPv6 forms (IPv4-compatible,
site-local), the IPv6 space outside global unicast, and the addresses of cloud metadata
services. docs/address-policy.md is this table in prose; a test keeps the two in step.

The most specific row that holds an address decides (so a metadata /32 inside link-local
wins over link-local); an address in no row is public. A row that ``embeds`` an IPv4
address (IPv4-mapped, NAT64, 6to4, Teredo...) is also judged by that IPv4 address, and
the stricter of the two verdicts applies. ``addresses.address_verdict`` applies the table.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from enum import Enum, IntEnum


class Policy(IntEnum):
    """What a fetch may do with an address in a range; a larger value is stricter."""

    ALLOWED = 0  # fetched
    PRIVATE = 1  # refused unless --allow-private: your own machine or network
    REFUSED = 2  # refused even with --allow-private: no web page is served there
    METADATA = 3  # a cloud metadata service: refused even with --allow-private


class Embedding(Enum):
    """Where an IPv6 form keeps the IPv4 address it stands for."""

    MAPPED = "IPv4-mapped"  # ::ffff:a.b.c.d
    COMPATIBLE = "IPv4-compatible"  # ::a.b.c.d (deprecated)
    TRANSLATED = "IPv4-translated"  # ::ffff:0:a.b.c.d (SIIT)
    NAT64 = "NAT64"  # 64:ff9b::a.b.c.d
    NAT64_LOCAL = "local-use NAT64"  # 64:ff9b:1::/48, any RFC 6052 prefix length
    SIXTOFOUR = "6to4"  # 2002:AABB:CCDD::/48
    TEREDO = "Teredo"  # 2001:0:server:flags:port:~client


@dataclass(frozen=True, slots=True)
class SpecialRange:
    """One row of the policy: a network, its registry name, and what a fetch may do."""

    network: ipaddress.IPv4Network | ipaddress.IPv6Network
    name: str  # the IANA registry's name, lower case except acronyms
    policy: Policy
    embeds: Embedding | None = None


def _row(network: str, name: str, policy: Policy, embeds: Embedding | None = None) -> SpecialRange:
    return SpecialRange(ipaddress.ip_network(network), name, policy, embeds)


_A, _P, _R, _M = Policy.ALLOWED, Policy.PRIVATE, Policy.REFUSED, Policy.METADATA

SPECIAL_RANGES: tuple[SpecialRange, ...] = (
    # IPv4 Special-Purpose Address Registry
    _row("0.0.0.0/8", "this network", _R),  # connecting to 0.0.0.0 reaches the machine itself
    _row("0.0.0.0/32", "this host on this network", _R),
    _row("10.0.0.0/8", "private-use", _P),
    _row("100.64.0.0/10", "shared address space, carrier-grade NAT", _P),
    _row("127.0.0.0/8", "loopback", _P),
    _row("169.254.0.0/16", "link-local", _P),
    _row("172.16.0.0/12", "private-use", _P),
    _row("192.0.0.0/24", "IETF protocol assignments", _R),
    _row("192.0.0.0/29", "IPv4 service continuity prefix, DS-Lite", _R),
    _row("192.0.0.8/32", "IPv4 dummy address", _R),
    _row("192.0.0.9/32", "port control protocol anycast", _R),
    _row("192.0.0.10/32", "traversal using relays around NAT anycast", _R),
    _row("192.0.0.170/32", "NAT64/DNS64 discovery", _R),
    _row("192.0.0.171/32", "NAT64/DNS64 discovery", _R),
    _row("192.0.2.0/24", "documentation, TEST-NET-1", _R),
    _row("192.31.196.0/24", "AS112-v4", _R),
    _row("192.52.193.0/24", "AMT", _R),
    _row("192.88.99.0/24", "deprecated 6to4 relay anycast", _R),
    _row("192.88.99.2/32", "6a44-relay anycast address", _R),
    _row("192.168.0.0/16", "private-use", _P),
    _row("192.175.48.0/24", "direct delegation AS112 service", _R),
    _row("198.18.0.0/15", "benchmarking", _P),
    _row("198.51.100.0/24", "documentation, TEST-NET-2", _R),
    _row("203.0.113.0/24", "documentation, TEST-NET-3", _R),
    _row("224.0.0.0/4", "multicast", _R),
    _row("240.0.0.0/4", "reserved", _R),
    _row("255.255.255.255/32", "limited broadcast", _R),
    # Cloud metadata services (they answer plain HTTP with credentials)
    _row("169.254.169.254/32", "cloud metadata service of AWS, GCP, Azure, OCI, OpenStack...", _M),
    _row("169.254.170.2/32", "cloud metadata service of AWS ECS tasks", _M),
    _row("169.254.0.23/32", "cloud metadata service of Tencent Cloud", _M),
    _row("192.0.0.192/32", "cloud metadata service of Oracle Cloud", _M),
    _row("100.100.100.200/32", "cloud metadata service of Alibaba Cloud", _M),
    _row("168.63.129.16/32", "cloud metadata service of Azure, WireServer", _M),
    _row("fd00:ec2::254/128", "cloud metadata service of AWS, IPv6", _M),
    # IPv6 Special-Purpose Address Registry, with the forms that embed an IPv4 address
    _row("::/128", "unspecified address", _R),
    _row("::1/128", "loopback address", _P),
    _row("::/96", "IPv4-compatible address, deprecated", _R, Embedding.COMPATIBLE),
    _row("::ffff:0:0/96", "IPv4-mapped address", _A, Embedding.MAPPED),
    _row("::ffff:0:0:0/96", "IPv4-translated address, SIIT", _R, Embedding.TRANSLATED),
    _row("64:ff9b::/96", "IPv4-IPv6 translation, NAT64", _A, Embedding.NAT64),
    _row("64:ff9b:1::/48", "local-use IPv4-IPv6 translation, NAT64", _P, Embedding.NAT64_LOCAL),
    _row("100::/64", "discard-only address block", _R),
    _row("100:0:0:1::/64", "dummy IPv6 prefix", _R),
    _row("2001::/23", "IETF protocol assignments", _R),
    _row("2001::/32", "TEREDO", _P, Embedding.TEREDO),
    _row("2001:1::1/128", "port control protocol anycast", _R),
    _row("2001:1::2/128", "traversal using relays around NAT anycast", _R),
    _row("2001:1::3/128", "DNS-SD service registration protocol anycast", _R),
    _row("2001:2::/48", "benchmarking", _P),
    _row("2001:3::/32", "AMT", _R),
    _row("2001:4:112::/48", "AS112-v6", _R),
    _row("2001:10::/28", "deprecated, previously ORCHID", _R),
    _row("2001:20::/28", "ORCHIDv2", _R),
    _row("2001:30::/28", "drone remote ID protocol entity tags, DETs", _R),
    _row("2001:db8::/32", "documentation", _R),
    _row("2002::/16", "6to4", _P, Embedding.SIXTOFOUR),
    _row("2620:4f:8000::/48", "direct delegation AS112 service", _R),
    _row("3fff::/20", "documentation", _R),
    _row("5f00::/16", "segment routing SRv6 SIDs", _R),
    _row("fc00::/7", "unique-local", _P),
    _row("fe80::/10", "link-local unicast", _P),
    _row("fec0::/10", "site-local, deprecated", _P),
    _row("ff00::/8", "multicast", _R),
    # IPv6 outside global unicast 2000::/3: reserved by the IETF, never a web server
    _row("::/3", "reserved by IETF, outside global unicast 2000::/3", _R),
    _row("4000::/2", "reserved by IETF, outside global unicast 2000::/3", _R),
    _row("8000::/1", "reserved by IETF, outside global unicast 2000::/3", _R),
)

# Names of metadata services, refused before any DNS lookup, even with --allow-private.
# Short names ("metadata", "instance-data") reach them through the DNS search domain.
METADATA_HOSTS = frozenset(
    {
        "metadata.google.internal",
        "metadata",
        "metadata.azure.internal",
        "instance-data",
        "instance-data.ec2.internal",
        "metadata.tencentyun.com",
    }
)
