"""Look a citizen up (POST /api/v1/journeys/lookup): their open journeys held centrally, found
through the citizen index, against a real ``counterpart central serve`` on SQLite and
PostgreSQL; the identity in the body only; audited and throttled as a fetch; and the
index backfilled by its migration for the journeys held before it."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, select, text, update

from sync.central import schema
from sync.central.records import Device, Limits, TooManyFetches
from sync.central.store import CentralStore
from sync.domain.identity import Identity
from sync.domain.ids import format_reference
from sync.domain.returning import citizen_keys
from sync.link import RemoteCentral, SyncLink
from sync.store.store import LocalStore
from sync.tokenfile import write_private
from tests.sync.conftest import make_central
from tests.sync.factory import Maker
from tests.sync.serverproc import CentralServer

MARIE = {"method": "card", "name": "Marie Peeters", "birth_date": "1985-03-14",
         "national_number": "85031412345"}  # fmt: skip


def _enrol(served: CentralServer, db_url: str, device_id: str, site_id: str) -> str:
    store = CentralStore(db_url)
    try:
        code = store.issue_enrolment_code(site_id)
    finally:
        store.close()
    answer = httpx.post(
        served.url + "/api/v1/enrol", json={"code": code, "device_id": device_id}, timeout=10
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["device_token"])


def _journey(served: CentralServer, token: str, maker: Maker, identified: dict[str, Any],
             services: int) -> str:  # fmt: skip
    """Start, identify and add services on a journey of ``maker``'s and push them; its id."""
    first = len(maker.made)
    maker.start()
    maker.event("citizen.identified", identified)
    for n in range(services):
        maker.event("service.added", {"service": f"svc.{n}"})
    answer = httpx.post(
        served.url + "/api/v1/sync/push",
        json={"events": [e.to_dict() for e in maker.made[first:]]},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["stored"] == len(maker.made) - first, answer.text
    return maker.journey_id


def _lookup(served: CentralServer, token: str | None, body: object) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.post(served.url + "/api/v1/journeys/lookup", json=body, headers=headers,
                      timeout=10)  # fmt: skip


def test_a_card_read_at_another_site_finds_the_citizens_open_journey(
    served: CentralServer, db_url: str
) -> None:
    porto_token = _enrol(served, db_url, "desk-porto", "demo-porto")
    lisbon_token = _enrol(served, db_url, "desk-lisbon", "demo-lisboa")
    porto = Maker("desk-porto", site_id="demo-porto")
    marie = _journey(served, porto_token, porto, MARIE, 2)
    marie_started, marie_last = porto.made[0], porto.made[-1]
    other = {**MARIE, "name": "Jean Dubois", "national_number": "70010100011"}
    _journey(served, porto_token, porto, other, 1)

    # Typed without accents or case, no national number: the name and date find her.
    answer = _lookup(served, lisbon_token, {"name": "MARIE  peeters", "birth_date": "1985-03-14",
                                            "operator": "op7"})  # fmt: skip
    assert answer.status_code == 200, answer.text
    [found] = answer.json()["journeys"]
    assert found["journey_id"] == marie
    assert format_reference(found["ref"]) == format_reference(marie_started.data["ref"])
    assert (found["site"], found["services"]) == ("demo-porto", 2)
    assert found["last_activity"] == marie_last.wall
    # By the national number too, even with a name spelt otherwise on a typed form.
    by_number = _lookup(served, lisbon_token, {"name": "M. Peeters", "birth_date": "1985",
                                               "national_number": "85031412345"})  # fmt: skip
    assert [j["journey_id"] for j in by_number.json()["journeys"]] == [marie]
    # Nobody of that identity: an empty list.
    nobody = _lookup(served, lisbon_token, {"name": "Marie Peeters", "birth_date": "1990-01-01"})
    assert nobody.status_code == 200 and nobody.json() == {"journeys": []}

    store = CentralStore(db_url)
    try:
        audited = [
            (a["action"], a["actor"], a["journey_id"], a["detail"])
            for a in store.audit_entries()
            if a["action"].startswith("journey.look")
        ]
        # Nothing was granted: Lisbon may not pull Marie's journey until it fetches it.
        with store.read() as conn:
            grants = list(
                conn.execute(
                    select(schema.site_journeys.c.site_id).where(
                        schema.site_journeys.c.journey_id == marie
                    )
                ).scalars()
            )
    finally:
        store.close()
    assert audited == [
        ("journey.looked_up", "device:desk-lisbon operator:op7", marie, "site=demo-lisboa"),
        ("journey.looked_up", "device:desk-lisbon", marie, "site=demo-lisboa"),
        ("journey.lookup_missed", "device:desk-lisbon", None, "site=demo-lisboa"),
    ]  # fmt: skip
    assert grants == ["demo-porto"]
    # No personal data anywhere in the audit.
    assert "Marie" not in json.dumps(audited) and "85031412345" not in json.dumps(audited)


def test_a_closed_journey_is_not_told_of(served: CentralServer, db_url: str) -> None:
    token = _enrol(served, db_url, "desk-porto", "demo-porto")
    marie = Maker("desk-porto", site_id="demo-porto")
    _journey(served, token, marie, MARIE, 1)
    closed = marie.event("journey.closed", {"reason": "resolved"})
    pushed = httpx.post(served.url + "/api/v1/sync/push", timeout=10,
                        json={"events": [closed.to_dict()]},
                        headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    assert pushed.status_code == 200, pushed.text
    answer = _lookup(served, token, {"name": "Marie Peeters", "birth_date": "1985-03-14"})
    assert answer.json() == {"journeys": []}


BAD_BODIES = [
    ({"birth_date": "1985-03-14"}, "name"),
    ({"name": "Marie", "birth_date": "14/03/1985"}, "birth_date"),
    ({"name": "Marie", "birth_date": "1985-03-14", "national_number": "85-03"}, "national_number"),
    ({"name": "Marie", "birth_date": "1985-03-14", "surname": "x"}, "surname"),
]


def test_a_bad_body_is_a_422_naming_the_field_and_no_token_a_401(
    served: CentralServer, db_url: str
) -> None:
    token = _enrol(served, db_url, "desk-1", "demo-lisboa")
    for body, field in BAD_BODIES:
        answer = _lookup(served, token, body)
        assert answer.status_code == 422, answer.text
        assert field in answer.json()["detail"], (field, answer.text)
    refused = _lookup(served, None, {"name": "Marie Peeters", "birth_date": "1985-03-14"})
    assert refused.status_code == 401
    forged = _lookup(served, "forged-token", {"name": "Marie Peeters", "birth_date": "1985-03-14"})
    assert forged.status_code == 401


def test_lookups_share_the_fetch_allowance(db_url: str) -> None:
    central = make_central(db_url, limits=Limits(fetch_burst=4, fetch_per_second=0.001))
    try:
        desk = Device("desk-1", "demo-lisboa")
        marie = Identity(name="Marie Peeters", birth_date="1985-03-14")
        for _ in range(2):
            assert central.store.lookup(desk, marie, "op1") == []
        with pytest.raises(TooManyFetches):  # the operator's half of the burst is spent
            central.store.lookup(desk, marie, "op1")
        with pytest.raises(TooManyFetches):  # and a fetch by reference takes from it too
            central.store.fetch(desk, "0000000000", "op1")
    finally:
        central.http.close()
        central.store.close()


def test_the_migration_files_the_journeys_held_before_it(db_url: str) -> None:
    central = make_central(db_url)
    try:
        token = central.enrol("desk-porto", "demo-porto")
        marie = Maker("desk-porto", site_id="demo-porto")
        marie.start()
        marie.event("citizen.identified", MARIE)
        assert central.push(token, [e.to_dict() for e in marie.made]).status_code == 200
        with central.store.write() as conn:  # as a store of schema 5 was: no index
            conn.execute(delete(schema.citizen_index))
            schema.citizen_index.drop(conn)
            for table in (schema.insight_agency_cells, schema.insight_agency_open):  # nor 7's
                table.drop(conn)
            for name, *_ in schema.CELL_INDEXES:
                conn.execute(text(f"DROP INDEX {name}"))
            conn.execute(update(schema.schema_version).values(version=5))
    finally:
        central.http.close()
        central.store.close()
    store = CentralStore(db_url)  # opening migrates
    try:
        with store.read() as conn:
            rows = conn.execute(select(schema.citizen_index)).all()
        assert sorted(rows) == sorted(
            (key, marie.journey_id) for key in citizen_keys("Marie Peeters", "1985-03-14",
                                                            "85031412345")
        )  # fmt: skip
        typed = Identity(name="marie peeters", birth_date="1985-03-14")
        found = store.lookup(Device("desk-1", "demo-lisboa"), typed, None)
        assert [j.journey_id for j in found] == [marie.journey_id]
    finally:
        store.close()


def test_a_central_store_that_takes_the_connection_but_never_answers_gives_nothing(
    tmp_path: Path,
) -> None:
    """A hung central store (or proxy): the link gives up after its short timeout, with no
    error, as if nothing were held (the counter then says nothing)."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # connections are taken, never answered
        port = silent.getsockname()[1]
        write_private(tmp_path / "device.token", "a-token")
        link = SyncLink(RemoteCentral(f"http://127.0.0.1:{port}", tmp_path / "device.token"))
        with LocalStore(tmp_path / "local.db", site_id="demo-lisboa", device_id="d1") as store:
            marie = Identity(name="Marie Peeters", birth_date="1985-03-14")
            assert link.lookup(store, marie, "op1") == []
        link.close()


def test_the_link_brings_the_journeys_the_central_store_tells_of(
    served: CentralServer, db_url: str, tmp_path: Path
) -> None:
    porto_token = _enrol(served, db_url, "desk-porto", "demo-porto")
    marie = _journey(served, porto_token, Maker("desk-porto", site_id="demo-porto"), MARIE, 1)
    write_private(tmp_path / "device.token", _enrol(served, db_url, "d1", "demo-lisboa"))
    link = SyncLink(RemoteCentral(served.url, tmp_path / "device.token"))
    with LocalStore(tmp_path / "local.db", site_id="demo-lisboa", device_id="d1") as store:
        card = Identity(name="Marie Peeters", birth_date="", birth_date_partial="1985-03")
        [found] = link.lookup(store, card, None)  # a card giving part of the date
    link.close()
    assert (found.journey_id, found.site, found.services) == (marie, "demo-porto", 1)
