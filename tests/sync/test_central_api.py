"""The central store's API in-process: push, quarantine, ack, auth, scope, bad input."""

from __future__ import annotations

import gzip
import json
from typing import Any

from sqlalchemy import func, select

from sync.central import schema
from sync.domain.ids import format_reference
from tests.sync.conftest import Central
from tests.sync.factory import Maker


def _statuses(answer: dict[str, Any], size: int) -> list[str]:
    """Every event's outcome: the answer names those not newly stored, by index."""
    out = ["stored"] * size
    for r in answer["results"]:
        out[r["index"]] = r["status"]
    assert out.count("stored") == answer["stored"]
    return out


def _reason(answer: dict[str, Any], index: int) -> str:
    return str(next(r["reason"] for r in answer["results"] if r["index"] == index))


def _events_held(central: Central) -> int:
    return central.store.count_events()


def _quarantined(central: Central) -> int:
    with central.store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.quarantine)).scalar() or 0)


def test_a_bad_event_in_the_middle_is_quarantined_and_the_rest_flows(central: Central) -> None:
    token = central.enrol("dev-1")
    dev = Maker("dev-1")
    first = [dev.start().to_dict()] + [dev.event("note.added").to_dict() for _ in range(3)]
    bad = dev.event_dict("note.added", type="form.teleported")  # a newer app's type: seq 5
    after = [dev.event("note.added").to_dict() for _ in range(3)]
    response = central.push(token, [*first, bad, *after])
    assert response.status_code == 200, response.text
    answer = response.json()
    assert _statuses(answer, 8) == ["stored"] * 4 + ["quarantined"] + ["stored"] * 3
    assert "form.teleported" in _reason(answer, 4)
    assert answer["results"][0]["seq"] == 5
    assert answer["results"][0]["id"] == bad["id"]
    assert answer["acked_seq"] == 8
    assert _events_held(central) == 7
    parked = central.store.quarantined("dev-1")
    assert [(q["seq"], q["event_id"]) for q in parked] == [(5, bad["id"])]
    assert "unknown to this version" in parked[0]["reason"]

    # Later events keep flowing and the ack reaches the last.
    later = [dev.event("note.added").to_dict() for _ in range(2)]
    answer = central.push(token, later).json()
    assert _statuses(answer, 2) == ["stored", "stored"]
    assert answer["acked_seq"] == 10


def test_bad_data_and_contradicting_seq_are_quarantined_with_reasons(central: Central) -> None:
    token = central.enrol("dev-1")
    dev = Maker("dev-1")
    started = dev.start().to_dict()
    bad_data = dev.event_dict("feedback.given", {"score": 9})
    twin = Maker("dev-1")
    impostor = twin.start().to_dict()  # another event claiming seq 1
    answer = central.push(token, [started, bad_data, impostor]).json()
    assert _statuses(answer, 3) == ["stored", "quarantined", "quarantined"]
    assert "score" in _reason(answer, 1)
    assert "seq 1" in _reason(answer, 2)
    assert answer["acked_seq"] == 2
    assert _events_held(central) == 1


def test_resending_a_batch_is_harmless(central: Central) -> None:
    token = central.enrol("dev-1")
    dev = Maker("dev-1")
    batch = [
        dev.start().to_dict(),
        dev.event_dict("note.added", type="x.y"),
        dev.event("note.added").to_dict(),
    ]
    central.push(token, batch)
    again = central.push(token, batch).json()
    assert _statuses(again, 3) == ["duplicate", "quarantined", "duplicate"]
    assert again["acked_seq"] == 3
    assert _events_held(central) == 2
    assert _quarantined(central) == 1


def test_ack_stops_at_a_gap_and_closes_when_it_fills(central: Central) -> None:
    token = central.enrol("dev-1")
    dev = Maker("dev-1")
    events = [dev.start().to_dict()] + [dev.event("note.added").to_dict() for _ in range(4)]
    assert central.push(token, [events[0], events[1], events[3]]).json()["acked_seq"] == 2
    assert central.push(token, [events[2], events[4]]).json()["acked_seq"] == 5


def test_missing_forged_and_revoked_tokens_get_401_and_store_nothing(central: Central) -> None:
    token = central.enrol("dev-1")
    dev = Maker("dev-1")
    batch = [dev.start().to_dict()]
    no_token = central.http.post("/api/v1/sync/push", json={"events": batch})
    assert no_token.status_code == 401
    assert "bearer token" in no_token.json()["detail"]
    forged = central.push(token[:-2] + "xx", batch)
    assert forged.status_code == 401
    assert forged.headers["www-authenticate"] == "Bearer"
    assert central.store.revoke("dev-1")
    revoked = central.push(token, batch)
    assert revoked.status_code == 401
    assert "revoked" in revoked.json()["detail"]
    assert central.pull(token).status_code == 401
    assert _events_held(central) == 0
    assert _quarantined(central) == 0


def test_a_device_cannot_push_events_of_another_device(central: Central) -> None:
    token = central.enrol("dev-1")
    central.enrol("dev-2")
    mine = Maker("dev-1")
    theirs = Maker("dev-2")
    response = central.push(token, [mine.start().to_dict(), theirs.start().to_dict()])
    assert response.status_code == 403
    assert "dev-2" in response.json()["detail"]
    assert _events_held(central) == 0
    assert _quarantined(central) == 0


def test_malformed_json_is_400_and_stores_nothing(central: Central) -> None:
    token = central.enrol("dev-1")
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    bad = central.http.post("/api/v1/sync/push", content=b'{"events": [', headers=headers)
    assert bad.status_code == 400
    assert "not valid JSON" in bad.json()["detail"]
    assert "line 1" in bad.json()["detail"]
    not_object = central.http.post("/api/v1/sync/push", content=b"[1]", headers=headers)
    assert not_object.status_code == 422
    wrong_shape = central.http.post("/api/v1/sync/push", content=b'{"events": 3}', headers=headers)
    assert wrong_shape.status_code == 422
    assert "events" in wrong_shape.json()["detail"]
    bad_gzip = central.http.post(
        "/api/v1/sync/push",
        content=b"\x1f\x8bnot gzip",
        headers={**headers, "Content-Encoding": "gzip"},
    )
    assert bad_gzip.status_code == 400
    assert _events_held(central) == 0


def test_gzip_bodies_are_accepted_and_oversized_ones_refused(central: Central) -> None:
    token = central.enrol("dev-1")
    dev = Maker("dev-1")
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        "Content-Encoding": "gzip",
    }
    body = json.dumps({"events": [dev.start().to_dict()]}).encode()
    ok = central.http.post("/api/v1/sync/push", content=gzip.compress(body), headers=headers)
    assert ok.status_code == 200, ok.text
    assert ok.json()["acked_seq"] == 1
    # The fixture's limit is 256 KiB: a plain body past it, and a small gzip that inflates past it.
    huge = json.dumps({"events": [dev.event_dict("note.added", {"text": "x" * 300_000})]}).encode()
    plain = central.http.post(
        "/api/v1/sync/push",
        content=huge,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert plain.status_code == 413
    bomb = central.http.post("/api/v1/sync/push", content=gzip.compress(huge), headers=headers)
    assert bomb.status_code == 413
    assert "inflates" in bomb.json()["detail"]
    assert _events_held(central) == 1


def test_pull_sees_own_site_and_fetched_journeys_only(central: Central) -> None:
    counter = central.enrol("counter-1", site_id="lisbon")
    desk = central.enrol("desk-1", site_id="lisbon")
    van = central.enrol("van-1", site_id="porto")
    lisbon = Maker("counter-1", site_id="lisbon")
    porto = Maker("van-1", site_id="porto", channel="van")
    lisbon_start = lisbon.start()
    porto_start = porto.start()
    central.push(counter, [lisbon_start.to_dict(), lisbon.event("note.added").to_dict()])
    central.push(van, [porto_start.to_dict(), porto.event("note.added").to_dict()])

    seen = central.pull(desk).json()
    assert {e["journey_id"] for e in seen["events"]} == {lisbon.journey_id}
    assert len(seen["events"]) == 2
    # A device does not get its own events back.
    assert central.pull(counter).json()["events"] == []
    assert {e["journey_id"] for e in central.pull(van).json()["events"]} == set()

    # The Lisbon desk opens the Porto journey by reference: it gets it whole, audited.
    ref = format_reference(porto_start.data["ref"])
    fetched = central.http.get(
        f"/api/v1/journeys/{ref}",
        params={"operator": "op7"},
        headers={"Authorization": f"Bearer {desk}"},
    )
    assert fetched.status_code == 200, fetched.text
    assert [e["id"] for e in fetched.json()["events"]] == [e.id for e in porto.made]
    audit = central.store.audit_entries(porto.journey_id)
    assert [(a["action"], a["actor"]) for a in audit] == [
        ("journey.fetched", "device:desk-1 operator:op7")
    ]
    # From then on, the Porto journey's new events reach Lisbon's pulls.
    cursor = seen["cursor"]
    new = porto.event("note.added")
    central.push(van, [new.to_dict()])
    later = central.pull(desk, since=cursor).json()["events"]
    # (The fetched events that lie after the cursor come again; inserting them is a no-op.)
    assert {e["journey_id"] for e in later} == {porto.journey_id}
    assert later[-1]["id"] == new.id


def test_fetch_of_unknown_or_mistyped_reference(central: Central) -> None:
    token = central.enrol("dev-1")
    auth = {"Authorization": f"Bearer {token}"}
    assert central.http.get("/api/v1/journeys/K7Q-4M2-XP9", headers=auth).status_code in (400, 404)
    assert central.http.get("/api/v1/journeys/nope", headers=auth).status_code == 400
    assert central.store.audit_entries(None) and not [
        a for a in central.store.audit_entries() if a["action"] == "journey.fetched"
    ]


def test_pull_pages_in_server_order_with_a_cursor(central: Central) -> None:
    a = central.enrol("a", site_id="s")
    b = central.enrol("b", site_id="s")
    dev = Maker("a", site_id="s")
    sent = [dev.start().to_dict()] + [dev.event("note.added").to_dict() for _ in range(9)]
    central.push(a, sent)
    got: list[str] = []
    cursor = "0"
    while True:
        page = central.pull(b, since=cursor, limit=3).json()
        got += [e["id"] for e in page["events"]]
        cursor = page["cursor"]
        if not page["more"]:
            break
    assert got == [e["id"] for e in sent]
    assert central.pull(b, since="x").status_code == 422


def test_agency_status_change_reaches_the_sites_that_see_the_journey(central: Central) -> None:
    counter = central.enrol("counter-1")
    desk = central.enrol("desk-1")
    dev = Maker("counter-1")
    start = dev.start()
    central.push(counter, [start.to_dict()])
    agency = central.store.issue_agency_token("tax")
    url = f"/api/v1/journeys/{start.data['ref']}/status"
    refused = central.http.post(url, json={"service": "tax.x", "status": "accepted"},
                                headers={"Authorization": f"Bearer {counter}"})  # fmt: skip
    assert refused.status_code == 401
    posted = central.http.post(
        url,
        json={"service": "tax.x", "status": "accepted", "message": "done"},
        headers={"Authorization": f"Bearer {agency}"},
    )
    assert posted.status_code == 200, posted.text
    event = posted.json()
    assert (event["type"], event["actor"], event["channel"], event["device_id"], event["seq"]) == (
        "status.changed", "agency:tax", "backoffice", "central", 1
    )  # fmt: skip
    assert event["hlc"] > start.hlc
    pulled = central.pull(counter).json()["events"]
    assert [e["id"] for e in pulled] == [event["id"]]
    assert [e["type"] for e in central.pull(desk).json()["events"]] == [
        "journey.started",
        "status.changed",
    ]
    assert (
        central.http.post(
            url, content=b"{", headers={"Authorization": f"Bearer {agency}"}
        ).status_code
        == 400
    )


def test_enrolment_codes_are_one_time(central: Central) -> None:
    code = central.store.issue_enrolment_code("site-1")
    first = central.http.post("/api/v1/enrol", json={"code": code.lower(), "device_id": "d1"})
    assert first.status_code == 200
    again = central.http.post("/api/v1/enrol", json={"code": code, "device_id": "d2"})
    assert again.status_code == 403
    assert "already used" in again.json()["detail"]
    with central.store.read() as conn:
        hashes = [r.token_hash for r in conn.execute(select(schema.devices))]
    assert hashes and first.json()["device_token"] not in hashes
    bad = central.http.post("/api/v1/enrol", json={"code": code, "device_id": "no spaces"})
    assert bad.status_code == 422


def test_openapi_is_served(central: Central) -> None:
    spec = central.http.get("/openapi.json").json()
    paths = {"/sync/push", "/sync/pull", "/enrol", "/journeys/{ref}", "/journeys/{ref}/status"}
    assert {f"/api/v1{p}" for p in paths} <= set(spec["paths"])
    push = spec["paths"]["/api/v1/sync/push"]["post"]
    assert "events" in json.dumps(push["requestBody"])


def test_values_no_column_can_hold_are_refused_or_quarantined(central: Central) -> None:
    """Past a 64-bit seq or cursor, NUL in text, a lone surrogate: a 4xx or quarantine, no 500."""
    token = central.enrol("dev-1")
    dev = Maker("dev-1")
    started = dev.start()
    auth = {"Authorization": f"Bearer {token}"}
    assert central.push(token, [started.to_dict()]).status_code == 200

    past = central.pull(token, since=str(2**63))
    assert past.status_code == 422
    assert "since" in past.json()["detail"]
    assert central.pull(token, since=str(2**63 - 1)).json()["events"] == []
    ref = format_reference(started.data["ref"])
    nul_operator = central.http.get(f"/api/v1/journeys/{ref}", params={"operator": "a\x00"},
                                    headers=auth)  # fmt: skip
    assert nul_operator.status_code == 422

    huge_seq = dev.event_dict("note.added", seq=2**64)
    nul_id = dev.event_dict("note.added", id="ab\x00c")
    long_hlc = dev.event_dict("note.added")
    long_hlc["hlc"] += "x" * 200
    answer = central.push(token, [huge_seq, nul_id, long_hlc]).json()
    assert _statuses(answer, 3) == ["quarantined"] * 3
    assert "past the largest" in _reason(answer, 0)
    assert answer["results"][1]["id"] == "ab\\x00c"
    assert "at most 160" in _reason(answer, 2)
    held = [q["event_id"] for q in central.store.quarantined("dev-1")]
    assert held == [huge_seq["id"], "ab\\x00c", long_hlc["id"]]

    surrogate = json.dumps({"events": [dev.event_dict("note.added", {"text": "x"})]})
    lone = central.http.post(
        "/api/v1/sync/push",
        content=surrogate.replace('"x"', '"\\ud800"').encode(),
        headers={**auth, "Content-Type": "application/json"},
    )
    assert lone.status_code == 400
    assert "surrogate" in lone.json()["detail"]
    paired = central.http.post(
        "/api/v1/sync/push",
        content=surrogate.replace('"x"', '"\\ud83d\\ude00"').encode(),
        headers={**auth, "Content-Type": "application/json"},
    )
    assert paired.status_code == 200
    assert _statuses(paired.json(), 1) == ["stored"]
    assert _events_held(central) == 2


def test_a_reference_sent_as_typed_is_found_by_its_canonical_form(central: Central) -> None:
    token = central.enrol("dev-1")
    dev = Maker("dev-1")
    started = dev.start().to_dict()
    canonical = started["data"]["ref"]
    started["data"]["ref"] = format_reference(canonical).lower()
    assert _statuses(central.push(token, [started]).json(), 1) == ["stored"]
    fetched = central.http.get(
        f"/api/v1/journeys/{canonical}", headers={"Authorization": f"Bearer {token}"}
    )
    assert fetched.status_code == 200, fetched.text
    assert fetched.json()["ref"] == canonical


def test_a_quiet_sites_cursor_moves_past_other_sites_events(central: Central) -> None:
    lisbon = central.enrol("counter-1", site_id="lisbon")
    porto = central.enrol("van-1", site_id="porto")
    porto_desk = central.enrol("desk-1", site_id="porto")
    maker = Maker("counter-1", site_id="lisbon")
    central.push(lisbon, [maker.start().to_dict()] + [maker.event().to_dict() for _ in range(4)])
    quiet = central.pull(porto_desk).json()
    assert quiet["events"] == [] and quiet["more"] is False
    assert int(quiet["cursor"]) == 5  # past Lisbon's five, which it may not see
    van = Maker("van-1", site_id="porto", channel="van")
    started = van.start()
    central.push(porto, [started.to_dict()])
    later = central.pull(porto_desk, since=quiet["cursor"]).json()
    assert [e["id"] for e in later["events"]] == [started.id]
    assert int(later["cursor"]) == 6


def test_status_shows_when_a_device_last_completed_a_round(central: Central) -> None:
    token = central.enrol("quiet-1", site_id="lisbon")
    other = central.enrol("busy-1", site_id="lisbon")
    maker = Maker("busy-1", site_id="lisbon")
    central.push(other, [maker.start().to_dict()] + [maker.event().to_dict() for _ in range(3)])

    def last_sync(device_id: str) -> str | None:
        found = next(d for d in central.store.device_statuses() if d.device_id == device_id)
        return found.last_sync

    assert last_sync("quiet-1") is None  # enrolled, never synced
    page = central.pull(token, limit=2).json()  # a page, more to come: not a whole round
    assert page["more"] is True
    assert last_sync("quiet-1") is None
    rest = central.pull(token, since=page["cursor"]).json()
    assert rest["more"] is False
    assert last_sync("quiet-1") is not None  # a device with nothing to push still shows up
