"""Withdrawing a consent: what it records, what it refuses, what it ends."""

from __future__ import annotations

import datetime as dt

from sync.domain import consent
from sync.domain.events import Event
from sync.domain.fold import fold
from sync.domain.handoff import expiry, handoff_id_for, token_hash
from tests.domain.factory import SimDevice

NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


def _issued(device: SimDevice, token: str, at: dt.datetime = NOW) -> Event:
    hashed = token_hash(token)
    return device.event("handoff.issued", {
        "handoff_id": handoff_id_for(hashed), "token_hash": hashed, "expires": expiry(at),
    })  # fmt: skip


def _journey(*purposes: str) -> tuple[SimDevice, list[Event]]:
    device = SimDevice("dev-1")
    return device, [device.start(), device.event("consent.given", {"purposes": list(purposes)})]


def test_a_purpose_held_is_withdrawn_alone() -> None:
    device, events = _journey("services", "contact", "prefill")
    change = consent.withdraw(fold(device.journey_id, events), "contact", NOW)
    assert change.allowed and change.held and not change.refused
    assert not change.ends_home_visit
    assert change.drafts == (("consent.withdrawn", {"purposes": ["contact"]}),)


def test_a_required_purpose_is_refused_and_records_nothing() -> None:
    device, events = _journey("services", "handoff")
    change = consent.withdraw(fold(device.journey_id, events), "services", NOW)
    assert change.refused and change.held and not change.allowed
    assert change.drafts == ()


def test_a_purpose_not_held_records_nothing() -> None:
    device, events = _journey("services")
    change = consent.withdraw(fold(device.journey_id, events), "contact", NOW)
    assert not change.held and not change.allowed and change.drafts == ()


def test_withdrawing_handoff_turns_off_every_link_still_usable() -> None:
    device, events = _journey("services", "handoff")
    old = _issued(device, "old-token-aaaaaaaaaaaa", NOW - dt.timedelta(days=40))  # expired
    revoked = _issued(device, "revoked-token-aaaaaaaaa")
    events += [old, revoked, device.event("handoff.revoked", {
        "handoff_id": revoked.data["handoff_id"], "reason": "reissued"})]  # fmt: skip
    live = _issued(device, "live-token-aaaaaaaaaaa")
    used = _issued(device, "used-token-aaaaaaaaaaa")
    redeemed = device.event("handoff.redeemed", {"handoff_id": used.data["handoff_id"]})
    events += [live, used, redeemed]
    state = fold(device.journey_id, events)
    change = consent.withdraw(state, "handoff", NOW)
    assert change.ends_home_visit and change.allowed
    assert change.drafts[0] == ("consent.withdrawn", {"purposes": ["handoff"]})
    revoked_ids = [d["handoff_id"] for t, d in change.drafts if t == "handoff.revoked"]
    assert revoked_ids == [live.data["handoff_id"], used.data["handoff_id"]]
    assert {d.get("reason") for t, d in change.drafts[1:]} == {consent.WITHDRAWN_REASON}
    after = [*events, *(device.event(t, dict(d)) for t, d in change.drafts)]
    folded = fold(device.journey_id, after)
    assert not consent.allows_handoff(folded)
    others = [h for h in folded.handoffs.values() if h.handoff_id != old.data["handoff_id"]]
    assert all(h.revoked for h in others)


def test_purposes_are_named_strictly() -> None:
    assert consent.purpose_named("handoff") == "handoff"
    assert consent.purpose_named("Handoff") is None
    assert consent.purpose_named("") is None
