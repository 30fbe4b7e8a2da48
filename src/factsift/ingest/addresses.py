"""Which network addresses a fetch may reach, and name resolution with a time limit.

A fact-checker pastes URLs from untrusted articles, so a fetch must not become a way to
reach the machine itself, its private network, or a cloud metadata service (SSRF). Every
address a host name resolves to is checked, not just the first.
"""

from __future__ import annotations

import ipaddress
import queue
import socket
import threading

from factsift.errors import NetworkError, URLRefusedError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud metadata services: refused even with allow_private, since no article lives there.
METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata", "metadata.azure.internal"})
METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)

# Ranges that ``is_global`` does not exclude but that must not be reached.
_EXTRA_BLOCKED = tuple(
    ipaddress.ip_network(net)
    for net in (
        "100.64.0.0/10",  # carrier-grade NAT (also excluded by is_global; kept explicit)
        "64:ff9b::/96",  # NAT64: embeds an IPv4 address
        "64:ff9b:1::/48",  # local-use NAT64
        "2002::/16",  # 6to4: embeds an IPv4 address
        "2001::/32",  # Teredo
    )
)


def refusal_reason(ip: IPAddress) -> str | None:
    """Why ``ip`` must not be fetched from, or ``None`` when it is a public address."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        inner = refusal_reason(ip.ipv4_mapped)
        return f"IPv4-mapped {inner}" if inner else None
    if ip in METADATA_ADDRESSES:
        return "a cloud metadata address"
    checks = (
        (ip.is_loopback, "a loopback address"),
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_private, "a private-network address"),
        (ip.is_reserved, "a reserved address"),
    )
    for hit, reason in checks:
        if hit:
            return reason
    if any(ip in net for net in _EXTRA_BLOCKED if net.version == ip.version):
        return "a carrier-grade NAT or translated address"
    if not ip.is_global:
        return "a non-public address"
    return None


def parse_ip(host: str) -> IPAddress | None:
    """The address if ``host`` is an IP literal (brackets allowed), else ``None``."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


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
            f"Refused to fetch {url}: {name} is a cloud metadata service, not an article."
        )


def check_host(host: str, resolved: list[IPAddress], url: str, *, allow_private: bool) -> None:
    """Raise ``URLRefusedError`` if ``host`` or any address it resolved to is not allowed."""
    check_name(host, url)
    for ip in resolved:
        if ip in METADATA_ADDRESSES or (
            isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped in METADATA_ADDRESSES
        ):
            raise URLRefusedError(
                f"Refused to fetch {url}: {host} resolves to {ip}, a cloud metadata address."
            )
        if allow_private:
            continue
        reason = refusal_reason(ip)
        if reason is not None:
            where = f"{host} is" if parse_ip(host) is not None else f"{host} resolves to {ip},"
            raise URLRefusedError(
                f"Refused to fetch {url}: {where} {reason}. Only public addresses are fetched; "
                "to fetch from your own network on purpose, pass --allow-private "
                "(allow_private=True)."
            )
