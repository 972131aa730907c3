"""A hostile or broken device against the central store's clock: nothing it pushes poisons it.

Each test is on SQLite and PostgreSQL (``central`` and ``db_url``). A status an
agency posts after the attack, even after a restart, is stored and sorts after
every plausible event.
"""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from sync.central import schema
from sync.central.intake import COLUMNS, event_row
from sync.central.records import EnrolmentRefused
from tests.sync.conftest import Central, make_central
from tests.sync.factory import Maker

FAR_FUTURE = "ffffffffffff.0000.dev-1"


def _post_status(central: Central, ref: str) -> tuple[int, dict[str, object]]:
    agency = central.store.issue_agency_token("tax")
    answer = central.http.post(
        f"/api/v1/journeys/{ref}/status",
        json={"service": "tax.x", "status": "accepted"},
        headers={"Authorization": f"Bearer {agency}"},
    )
    return answer.status_code, answer.json()


def test_a_far_future_hlc_is_quarantined_and_statuses_flow_after_a_restart(
    central: Central, db_url: str
) -> None:
    token = central.enrol("dev-1")
    dev = Maker("dev-1")
    started = dev.start()
    future = dev.event_dict("note.added", hlc=FAR_FUTURE)
    answer = central.push(token, [started.to_dict(), future]).json()
    assert answer["stored"] == 1
    [parked] = answer["results"]
    assert (parked["index"], parked["status"]) == (1, "quarantined")
    assert "ahead of the central store's clock" in parked["reason"]
    assert answer["acked_seq"] == 2  # held, so the device's later events flow
    assert central.store.count_events() == 1

    restarted = make_central(db_url)
    try:
        status, event = _post_status(restarted, started.data["ref"])
        assert status == 200, event
        assert str(event["hlc"]) < "0fffffffffff"
        pulled = restarted.pull(token).json()["events"]
        assert [e["type"] for e in pulled] == ["status.changed"]
    finally:
        restarted.http.close()
        restarted.store.close()


def test_the_clock_is_never_seeded_from_a_far_future_event_already_held(db_url: str) -> None:
    """A database written before the check may hold one: the store ignores it when it opens."""
    first = make_central(db_url)
    token = first.enrol("dev-1")
    dev = Maker("dev-1")
    started = dev.start()
    first.push(token, [started.to_dict()])
    held = event_row(dev.event_dict("note.added", hlc=FAR_FUTURE), first.store.now())
    with first.store.write() as conn:
        conn.execute(insert(schema.events).values(dict(zip(COLUMNS, held, strict=True))))
    first.http.close()
    first.store.close()

    again = make_central(db_url)
    try:
        status, event = _post_status(again, started.data["ref"])
        assert status == 200, event
        assert str(event["hlc"]) < FAR_FUTURE
    finally:
        again.http.close()
        again.store.close()


def test_the_stores_own_device_and_site_ids_cannot_be_enrolled(central: Central) -> None:
    code = central.store.issue_enrolment_code("site-1")
    for device_id in ("central", "Central"):
        refused = central.http.post("/api/v1/enrol", json={"code": code, "device_id": device_id})
        assert refused.status_code == 403, refused.text
        assert "the central store's own" in refused.json()["detail"]
    # The code is not spent by a refused id.
    ok = central.http.post("/api/v1/enrol", json={"code": code, "device_id": "dev-1"})
    assert ok.status_code == 200
    with pytest.raises(EnrolmentRefused, match="the central store's own"):
        central.store.issue_enrolment_code("central")


def test_a_device_enrolled_as_central_before_the_rule_can_no_longer_push(
    central: Central,
) -> None:
    """Its seq of 2**63 - 1 would have stopped every status: its token is now refused."""
    token = central.enrol("dev-1")
    dev = Maker("dev-1")
    started = dev.start()
    central.push(token, [started.to_dict()])
    with central.store.write() as conn:
        conn.execute(
            schema.devices.update()
            .where(schema.devices.c.device_id == "dev-1")
            .values(device_id="central")
        )
    forged = Maker("central")
    forged.journey_id = started.journey_id
    huge = forged.event_dict("note.added", seq=2**63 - 1)
    assert central.push(token, [huge]).status_code == 401
    status, event = _post_status(central, started.data["ref"])
    assert status == 200, event
    assert event["seq"] == 1
