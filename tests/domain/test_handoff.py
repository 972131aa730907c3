"""Handoff tokens and links: made from the caller's randomness, hashed once, parsed strictly."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from sync.domain.fold import fold
from sync.domain.handoff import (
    expiry,
    handoff_id_for,
    handoff_state,
    handoff_url,
    is_token,
    token_from_bytes,
    token_from_link,
    token_hash,
)
from tests.domain.factory import SimDevice

NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)


def test_a_token_of_24_bytes_is_32_url_safe_characters() -> None:
    token = token_from_bytes(bytes(range(24)))
    assert len(token) == 32
    assert is_token(token)
    assert token_from_bytes(bytes(range(24))) == token  # pure: same bytes, same token


def test_fewer_than_128_bits_make_no_token() -> None:
    with pytest.raises(ValueError, match="at least 16 random bytes"):
        token_from_bytes(b"\x00" * 15)


def test_the_hash_is_sha256_hex() -> None:
    assert token_hash("abc") == hashlib.sha256(b"abc").hexdigest()
    assert handoff_id_for(token_hash("abc")) == "h-" + token_hash("abc")[:16]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://c.example/c/AAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA"),
        ("  http://localhost:8080/base/c/abc_DEF-123456789  \n", "abc_DEF-123456789"),
        ("https://c.example/c/short", None),  # too short to be a token
        ("https://c.example/c/AAAAAAAAAAAAAAAAAAAAAA?x=1", None),
        ("AAAAAAAAAAAAAAAAAAAAAA", None),  # a bare token is not a link
        ("K7Q-4M2-XP9", None),
    ],
)
def test_links_are_recognised_strictly(text: str, expected: str | None) -> None:
    assert token_from_link(text) == expected


def test_the_url_joins_the_public_url_and_the_token() -> None:
    assert handoff_url("https://c.example/", "tok") == "https://c.example/c/tok"


def test_what_a_token_is_worth_on_a_journey() -> None:
    device = SimDevice("dev-1")
    events = [device.start()]
    hashed = token_hash("token-one-aaaaaaaaaaaa")
    expires = expiry(NOW)
    assert expires == "2026-12-23T09:30:00Z"
    issued = {"handoff_id": handoff_id_for(hashed), "token_hash": hashed, "expires": expires}
    events.append(device.event("handoff.issued", issued))
    state = fold(device.journey_id, events)
    assert handoff_state(state, hashed, NOW) == "live"
    assert handoff_state(state, token_hash("another"), NOW) == "unknown"
    assert handoff_state(state, hashed, NOW + dt.timedelta(days=31)) == "expired"
    revoked = {"handoff_id": handoff_id_for(hashed), "reason": "reissued"}
    events.append(device.event("handoff.revoked", revoked))
    assert handoff_state(fold(device.journey_id, events), hashed, NOW) == "revoked"


def test_a_new_handoff_supersedes_every_unrevoked_one_oldest_first() -> None:
    from sync.domain.fold import fold
    from sync.domain.handoff import superseded_by_new
    from tests.domain.factory import SimDevice

    dev = SimDevice("dev-1")
    events = [dev.start()]
    for n in "abc":
        data = {
            "handoff_id": f"h-{n * 16}",
            "token_hash": n * 64,
            "expires": "2026-12-01T00:00:00Z",
        }
        events.append(dev.event("handoff.issued", data))
    events.append(dev.event("handoff.revoked", {"handoff_id": "h-" + "a" * 16}))
    events.append(dev.event("handoff.redeemed", {"handoff_id": "h-" + "b" * 16}))
    state = fold(events[0].journey_id, events)
    assert superseded_by_new(state) == ["h-" + "b" * 16, "h-" + "c" * 16]
