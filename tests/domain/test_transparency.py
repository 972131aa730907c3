"""Who has looked at a journey: roles and places from the audit, never a person's login."""

from __future__ import annotations

from sync.domain.fold import fold
from sync.domain.transparency import Look, look_of, looks, sites_holding
from tests.domain.factory import SimDevice


def _record(wall: str, actor: str, action: str, detail: str = "") -> dict[str, str]:
    return {"wall": wall, "actor": actor, "action": action, "detail": detail}


def test_each_audited_read_becomes_a_role_a_place_and_a_reason() -> None:
    records = [
        _record("2026-11-23T10:00:00Z", "device:counter-7 operator:ana.m", "journey.fetched",
                "ref=GEG0V686Q site=porto"),
        _record("2026-11-24T10:00:00Z", "device:kiosk-2", "journey.fetched",
                "ref=GEG0V686Q site=faro"),
        _record("2026-11-25T10:00:00Z", "agency:tax", "status.changed", "ref=GEG0V686Q"),
        _record("2026-11-26T10:00:00Z", "citizen", "confirm.locked", "handoff:h-1 until=x"),
        _record("2026-11-27T10:00:00Z", "operator", "journey.exported", "site=central"),
    ]  # fmt: skip
    assert looks(records) == [
        Look("2026-11-27T10:00:00Z", "network", "other", "central", None),
        Look("2026-11-26T10:00:00Z", "someone", "locked", None, None),
        Look("2026-11-25T10:00:00Z", "agency", "status", None, "tax"),
        Look("2026-11-24T10:00:00Z", "machine", "opened", "faro", None),
        Look("2026-11-23T10:00:00Z", "mediator", "opened", "porto", None),
    ]


def test_no_operator_login_or_device_id_is_kept() -> None:
    look = look_of("2026-11-23T10:00:00Z", "device:counter-7 operator:ana.m", "journey.fetched",
                   "ref=GEG0V686Q site=porto")  # fmt: skip
    assert look is not None
    assert "ana.m" not in repr(look) and "counter-7" not in repr(look)


def test_the_citizens_own_doings_are_not_looks() -> None:
    assert look_of("2026-11-23T10:00:00Z", "citizen", "handoff.redeemed", "channel=web") is None


def test_the_sites_that_worked_on_it_keep_a_copy() -> None:
    counter = SimDevice("counter-1", site_id="lisboa")
    journey = counter.journey_id
    van = SimDevice("van-1", channel="van", site_id="van-norte", journey_id=journey)
    home = SimDevice("central", channel="web", site_id="central", actor="citizen",
                     journey_id=journey)  # fmt: skip
    events = [counter.start(), counter.answer("a", 1)]
    van.receive(events)
    events.append(van.answer("a", 2))
    home.receive(events)
    events.append(home.answer("a", 3))
    counter.receive(events)
    events.append(counter.answer("a", 4))
    assert sites_holding(fold(journey, events)) == ("lisboa", "van-norte")
