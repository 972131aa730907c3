"""Fetch by link: a counter opens a scanned QR whose journey is not on that machine, by the
token's hash (GET /api/v1/handoffs/{sha256}); granted, audited and throttled as a fetch by
reference is. On SQLite and PostgreSQL, at the store, over HTTP and through the client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from sync.central import schema
from sync.central.records import Device, Limits, TooManyFetches, UnknownJourney
from sync.client import Backoff, SyncClient
from sync.domain.handoff import handoff_id_for, token_hash
from sync.domain.ids import format_reference
from sync.store.store import LocalStore
from tests.sync.conftest import Central, make_central
from tests.sync.factory import Maker

TOKEN = "ScannedAtTheCounterScannedAtThe0"
HASH = token_hash(TOKEN)
UNKNOWN = token_hash("NobodyIssuedThisTokenNobodyIssu0")


def _porto_journey_with_a_link(central: Central) -> tuple[Maker, str]:
    """A journey of another site, its handoff issued and pushed: only the central store has it.

    Returns:
        The other site's device (with the events it made) and its token.
    """
    van = central.enrol("van-1", site_id="porto")
    porto = Maker("van-1", site_id="porto", channel="van")
    porto.start()
    porto.event("note.added")
    issued = {"handoff_id": handoff_id_for(HASH), "token_hash": HASH,
              "expires": "2026-12-23T10:00:00Z"}  # fmt: skip
    porto.event("handoff.issued", issued)
    answer = central.push(van, [e.to_dict() for e in porto.made])
    assert answer.status_code == 200 and answer.json()["acked_seq"] == 3, answer.text
    return porto, van


def _audited(central: Central) -> list[tuple[str, str, str | None, str]]:
    return [
        (a["action"], a["actor"], a["journey_id"], a["detail"])
        for a in central.store.audit_entries()
        if a["action"].startswith("journey.fetch")
    ]


def test_the_store_grants_the_site_the_linked_journey_and_audits_the_read(
    central: Central,
) -> None:
    porto, _van = _porto_journey_with_a_link(central)
    lisbon = Device("desk-1", "lisbon")

    journey_id, ref, events = central.store.fetch_by_link(lisbon, HASH, "op7")

    assert (journey_id, ref) == (porto.journey_id, porto.made[0].data["ref"])
    assert [e["id"] for e in events] == [e.id for e in porto.made]
    with central.store.read() as conn:
        how = conn.execute(
            select(schema.site_journeys.c.how).where(
                schema.site_journeys.c.site_id == "lisbon",
                schema.site_journeys.c.journey_id == porto.journey_id,
            )
        ).scalar()
    assert how == "opened"
    detail = f"link={handoff_id_for(HASH)} site=lisbon"
    assert _audited(central) == [
        ("journey.fetched", "device:desk-1 operator:op7", porto.journey_id, detail)
    ]
    assert TOKEN not in detail and HASH not in detail  # the hash's first 16 digits only


def test_the_store_audits_a_link_it_does_not_hold_as_a_miss(central: Central) -> None:
    _porto_journey_with_a_link(central)
    with pytest.raises(UnknownJourney):
        central.store.fetch_by_link(Device("desk-1", "lisbon"), UNKNOWN, None)
    assert _audited(central) == [
        (
            "journey.fetch_missed",
            "device:desk-1",
            None,
            f"link={handoff_id_for(UNKNOWN)} site=lisbon",
        )
    ]


def test_the_route_answers_as_the_fetch_by_reference_does(central: Central) -> None:
    porto, van = _porto_journey_with_a_link(central)
    desk = central.enrol("desk-1", site_id="lisbon")
    auth = {"Authorization": f"Bearer {desk}"}

    by_link = central.http.get(f"/api/v1/handoffs/{HASH}", params={"operator": "op7"},
                               headers=auth)  # fmt: skip
    assert by_link.status_code == 200, by_link.text
    ref = format_reference(porto.made[0].data["ref"])
    by_ref = central.http.get(f"/api/v1/journeys/{ref}", headers=auth)
    assert by_link.json() == by_ref.json()

    # From then on, the journey's new events reach the site's pulls.
    seen = central.pull(desk).json()
    new = porto.event("note.added")
    central.push(van, [new.to_dict()])
    later = central.pull(desk, since=seen["cursor"]).json()["events"]
    assert later[-1]["id"] == new.id


def test_unknown_malformed_and_unauthorised_links(central: Central) -> None:
    _porto_journey_with_a_link(central)
    auth = {"Authorization": f"Bearer {central.enrol('desk-1', site_id='lisbon')}"}
    before = central.counts()

    unknown = central.http.get(f"/api/v1/handoffs/{UNKNOWN}", headers=auth)
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/json"
    assert "no journey" in unknown.json()["detail"]

    for bad in (HASH.upper(), HASH[:-1], HASH + "0", "g" * 64, TOKEN):
        answer = central.http.get(f"/api/v1/handoffs/{bad}", headers=auth)
        assert answer.status_code == 422, (bad, answer.text)
        assert "sha256" in answer.json()["detail"]
    assert central.http.get(f"/api/v1/handoffs/{HASH}").status_code == 401
    forged = {"Authorization": "Bearer not-a-token"}
    assert central.http.get(f"/api/v1/handoffs/{HASH}", headers=forged).status_code == 401

    after = central.counts()
    assert after["audit"] == before["audit"] + 1  # the one miss, nothing else
    assert {k: v for k, v in after.items() if k != "audit"} == {
        k: v for k, v in before.items() if k != "audit"
    }


LIMITS = Limits(fetch_burst=4, fetch_per_second=0.01)


@pytest.fixture
def capped(db_url: str) -> Iterator[Central]:
    central = make_central(db_url, limits=LIMITS)
    yield central
    central.http.close()
    central.store.close()


def test_links_and_references_share_one_allowance(capped: Central) -> None:
    porto, _van = _porto_journey_with_a_link(capped)
    auth = {"Authorization": f"Bearer {capped.enrol('desk-1', site_id='lisbon')}"}
    ref = format_reference(porto.made[0].data["ref"])

    def by_link(token_hash_hex: str, operator: str) -> int:
        answer = capped.http.get(f"/api/v1/handoffs/{token_hash_hex}",
                                 params={"operator": operator}, headers=auth)  # fmt: skip
        if answer.status_code == 429:
            assert int(answer.headers["Retry-After"]) >= 1
            assert "too fast" in answer.json()["detail"]
        return answer.status_code

    # An operator gets half the device's burst, by link or by reference alike.
    assert [by_link(UNKNOWN, "op1"), by_link(HASH, "op1"), by_link(HASH, "op1")] == [
        404,
        200,
        429,
    ]
    assert capped.http.get(f"/api/v1/journeys/{ref}", params={"operator": "op2"},
                           headers=auth).status_code == 200  # fmt: skip
    assert by_link(HASH, "op2") == 200
    assert by_link(HASH, "op3") == 429  # the device's own allowance is spent
    with pytest.raises(TooManyFetches):
        capped.store.fetch_by_link(Device("desk-1", "lisbon"), HASH, None)


def test_the_client_fetches_a_linked_journey_into_the_local_store(
    central: Central, tmp_path: Path
) -> None:
    porto, _van = _porto_journey_with_a_link(central)
    token = central.enrol("desk-1", site_id="lisbon")
    with (
        LocalStore(tmp_path / "desk.db", site_id="lisbon", device_id="desk-1") as store,
        SyncClient(
            store, "http://central.test", token, central.transport, backoff=Backoff.off()
        ) as client,  # fmt: skip
    ):
        assert client.fetch_by_link(UNKNOWN, "op7") is None
        assert client.fetch_by_link(HASH, "op7") == porto.journey_id
        found = store.find_by_token_hash(HASH)
        assert found is not None and found.journey_id == porto.journey_id
        assert [e.id for e in store.events_of(porto.journey_id)] == [e.id for e in porto.made]
