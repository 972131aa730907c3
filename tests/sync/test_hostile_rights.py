"""A device writes only as itself, and an agency only for its own services.

Each refusal of a pushed event is per event (quarantined with its reason, the rest
flows); an agency's refusal is a 403. Nothing refused reaches another device's
pull. On SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from sync.central import schema
from sync.domain.ids import format_reference
from tests.sync.conftest import Central
from tests.sync.factory import Maker


def _outcomes(answer: dict[str, Any], size: int) -> list[str]:
    out = ["stored"] * size
    for r in answer["results"]:
        out[r["index"]] = f"{r['status']}: {r.get('reason')}"
    return out


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_device_cannot_write_as_an_agency_or_on_the_back_office(central: Central) -> None:
    counter = central.enrol("counter-1")
    desk = central.enrol("desk-1")
    dev = Maker("counter-1")
    started = dev.start()
    status = {"service": "tax.x", "status": "accepted"}
    forged = [
        dev.event_dict("status.changed", status, actor="agency:tax", channel="backoffice"),
        dev.event_dict("status.changed", status, actor="agency:tax"),
        dev.event_dict("note.added", channel="backoffice", actor="operator:op1"),
        dev.event_dict("note.added", actor="citizen"),  # at a counter
    ]
    allowed = [
        dev.event_dict("note.added", actor="operator:op1", channel="van"),
        dev.event_dict("receipt.printed", {"language": "pt"}, actor="system"),
        dev.event_dict("note.added", actor="citizen", channel="kiosk"),
    ]
    answer = central.push(counter, [started.to_dict(), *forged, *allowed]).json()
    outcomes = _outcomes(answer, 8)
    assert outcomes[0] == "stored" and outcomes[5:] == ["stored"] * 3, outcomes
    assert "channel 'backoffice' is the agencies'" in outcomes[1]
    assert "actor 'agency:tax' is an agency's" in outcomes[2]
    assert "channel 'backoffice' is the agencies'" in outcomes[3]
    assert "actor 'citizen' writes on kiosk or web only" in outcomes[4]
    assert answer["acked_seq"] == 8
    pulled = central.pull(desk).json()["events"]
    assert [e["actor"] for e in pulled] == ["operator:op1", "operator:op1", "system", "citizen"]


def test_an_agency_posts_only_for_its_own_services(central: Central) -> None:
    token = central.enrol("counter-1")
    dev = Maker("counter-1")
    started = dev.start()
    central.push(token, [started.to_dict()])
    tax = central.store.issue_agency_token("tax")
    url = f"/api/v1/journeys/{started.data['ref']}/status"
    for service in ("health.x", "taxes.x", "tax", "x.tax.y"):
        refused = central.http.post(
            url, json={"service": service, "status": "accepted"}, headers=_auth(tax)
        )
        assert refused.status_code == 403, refused.text
        assert "is not one of agency 'tax'" in refused.json()["detail"]
    assert central.store.count_events() == 1
    assert central.pull(token).json()["events"] == []
    ok = central.http.post(url, json={"service": "tax.x", "status": "accepted"}, headers=_auth(tax))
    assert ok.status_code == 200, ok.text


def _grants(central: Central, site: str) -> set[str]:
    with central.store.read() as conn:
        found = conn.execute(
            select(schema.site_journeys.c.journey_id).where(schema.site_journeys.c.site_id == site)
        ).scalars()
        return set(found)


def test_pushing_into_another_sites_journey_is_refused_until_it_is_fetched(
    central: Central,
) -> None:
    coimbra = central.enrol("van-c", site_id="coimbra")
    braga = central.enrol("desk-b", site_id="braga")
    theirs = Maker("van-c", site_id="coimbra", channel="van")
    started = theirs.start()
    identified = theirs.event(
        "citizen.identified", {"method": "manual", "name": "Ana", "birth_date": "1990-01-01"}
    )
    central.push(coimbra, [started.to_dict(), identified.to_dict()])

    intruder = Maker("desk-b", site_id="braga")
    intruder.journey_id = started.journey_id  # a UUID every device that touched it holds
    answer = central.push(braga, [intruder.event_dict("note.added")]).json()
    [only] = _outcomes(answer, 1)
    assert "is not one site 'braga' touched or fetched" in only
    assert started.journey_id not in _grants(central, "braga")
    assert central.pull(braga).json()["events"] == []
    assert not [a for a in central.store.audit_entries() if a["action"] == "journey.fetched"]

    # Fetched by reference (audited), the journey is open to Braga: its push is stored.
    ref = format_reference(started.data["ref"])
    fetched = central.http.get(
        f"/api/v1/journeys/{ref}", params={"operator": "op2"}, headers=_auth(braga)
    )
    assert fetched.status_code == 200
    answer = central.push(braga, [intruder.event_dict("note.added")]).json()
    assert _outcomes(answer, 1) == ["stored"]
    assert central.pull(coimbra).json()["events"][-1]["device_id"] == "desk-b"


def test_a_journey_not_held_is_begun_only_by_its_start(central: Central) -> None:
    token = central.enrol("dev-1")
    dev = Maker("dev-1")
    dev.start()  # never pushed
    answer = central.push(token, [dev.event_dict("note.added")]).json()
    assert "is not held here and this event does not start it" in _outcomes(answer, 1)[0]
    assert central.store.count_events() == 0


@pytest.mark.parametrize(
    ("key", "value", "why"),
    [
        ("site_id", "porto", "is not this device's site"),
        ("hlc", "0196a0000000.0000.dev-2", "is not of this device's clock"),
        ("hlc", "0196a0000000.0000.dev-1\x00", "is not of this device's clock"),
    ],
)
def test_an_events_site_and_clock_are_the_devices_own(
    central: Central, key: str, value: str, why: str
) -> None:
    token = central.enrol("dev-1", site_id="lisbon")
    dev = Maker("dev-1", site_id="lisbon")
    started = dev.start()
    answer = central.push(token, [started.to_dict(), dev.event_dict("note.added", **{key: value})])
    assert answer.status_code == 200
    outcomes = _outcomes(answer.json(), 2)
    assert outcomes[0] == "stored" and why in outcomes[1], outcomes
    with central.store.read() as conn:
        sites = conn.execute(select(func.count()).select_from(schema.site_journeys)).scalar()
    assert sites == 1
