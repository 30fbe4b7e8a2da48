"""The address policy table: each row is applied as written, and the docs show every row."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from factsift.errors import URLRefusedError
from factsift.ingest.address_ranges import SPECIAL_RANGES, Policy, SpecialRange
from factsift.ingest.addresses import (
    METADATA_ADDRESSES,
    IPAddress,
    address_verdict,
    check_host,
)

DOC = (Path(__file__).resolve().parent.parent / "docs" / "address-policy.md").read_text()
BY_DEFAULT = {Policy.ALLOWED: "fetched"}
WITH_PRIVATE = {Policy.ALLOWED: "fetched", Policy.PRIVATE: "fetched"}


def samples(row: SpecialRange) -> list[IPAddress]:
    """First, middle and last address of the row that no more specific row takes over."""
    net = row.network
    candidates = [net.network_address, net.network_address + net.num_addresses // 2]
    candidates.append(net.broadcast_address)
    longer = [
        other.network
        for other in SPECIAL_RANGES
        if other.network.version == net.version and other.network.prefixlen > net.prefixlen
    ]
    return [ip for ip in candidates if not any(ip in other for other in longer)]


def row_id(row: SpecialRange) -> str:
    return str(row.network)


@pytest.mark.parametrize("row", SPECIAL_RANGES, ids=row_id)
def test_fetch_address_table_row_is_applied(row: SpecialRange) -> None:
    for ip in samples(row):
        verdict = address_verdict(ip)
        if row.embeds is None:
            assert verdict.policy is row.policy, ip
        else:
            assert verdict.policy >= row.policy, ip  # the embedded address may be stricter
        url = f"http://[{ip}]/" if ip.version == 6 else f"http://{ip}/"
        for allow_private, fetched in ((False, BY_DEFAULT), (True, WITH_PRIVATE)):
            if verdict.policy in fetched:
                check_host(str(ip), [ip], url, allow_private=allow_private)
            else:
                with pytest.raises(URLRefusedError) as err:
                    check_host(str(ip), [ip], url, allow_private=allow_private)
                if row.embeds is None:
                    assert str(row.network) in str(err.value)


@pytest.mark.parametrize("row", SPECIAL_RANGES, ids=row_id)
def test_fetch_address_table_row_in_docs(row: SpecialRange) -> None:
    default = "fetched" if row.policy in BY_DEFAULT else "refused"
    private = "fetched" if row.policy in WITH_PRIVATE else "refused"
    embeds = row.embeds.value if row.embeds else ""
    line = f"| `{row.network}` | {row.name} | {default} | {private} | {embeds} |"
    assert line in DOC


def test_fetch_address_table_docs_have_no_other_rows() -> None:
    rows = [line for line in DOC.splitlines() if line.startswith("| `")]
    assert len(rows) == len(SPECIAL_RANGES)


def test_fetch_address_table_networks_are_unique() -> None:
    networks = [row.network for row in SPECIAL_RANGES]
    assert len(networks) == len(set(networks))


def test_fetch_address_table_metadata_rows_are_single_addresses() -> None:
    metadata = [row for row in SPECIAL_RANGES if row.policy is Policy.METADATA]
    assert all(row.network.num_addresses == 1 for row in metadata)
    assert {row.network.network_address for row in metadata} == METADATA_ADDRESSES
    assert ipaddress.ip_address("169.254.169.254") in METADATA_ADDRESSES


def test_fetch_address_table_scope_id_ignored() -> None:
    assert address_verdict(ipaddress.ip_address("fe80::1%eth0")).policy is Policy.PRIVATE
