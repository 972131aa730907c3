"""Two devices and the web channel change the same answer while apart: after sync, one state."""

from __future__ import annotations

from typing import Any

from sync.client import Backoff, SyncClient, enrol
from sync.store.store import LocalStore
from tests.sync.conftest import Central

BASE = "http://central.test"


def _device(central: Central, device_id: str, site: str) -> tuple[LocalStore, SyncClient]:
    store = LocalStore(":memory:", site_id=site, device_id=device_id)
    code = central.store.issue_enrolment_code(site)
    token, _ = enrol(BASE, code, device_id, transport=central.transport)
    return store, SyncClient(store, BASE, token, central.transport, backoff=Backoff.off())


def _answer(store: LocalStore, journey: str, value: str, seen: list[str], **kw: Any) -> str:
    data = {"field": "address.new", "value": value, "source": "typed", "supersedes": seen}
    return store.append(journey, "answer.recorded", data, **kw).id


def test_concurrent_answers_fold_to_the_same_conflict_everywhere(central: Central) -> None:
    counter, c_sync = _device(central, "counter-1", "lisbon")
    van, v_sync = _device(central, "van-1", "lisbon")
    web, w_sync = _device(central, "web-1", "web")
    op = {"channel": "counter", "actor": "operator:op1"}
    started = counter.start_journey(language="pt", **op)  # type: ignore[arg-type]
    journey = started.journey_id
    first = _answer(counter, journey, "Rua A 1", [], **op)
    assert c_sync.sync_once().state == "synced"
    assert v_sync.sync_once().pulled == 2
    assert w_sync.fetch(started.data["ref"]) == journey

    # Apart: each changes the answer having seen only the first value.
    _answer(counter, journey, "Rua B 2", [first], **op)
    _answer(van, journey, "Rua C 3", [first], channel="van", actor="operator:op2")
    _answer(web, journey, "Rua D 4", [first], channel="web", actor="citizen")

    for _ in range(2):
        for client in (c_sync, v_sync, w_sync):
            assert client.sync_once().state == "synced"

    states = [store.journey(journey) for store in (counter, van, web)]
    assert states[0] == states[1] == states[2]
    answer = states[0].answers["address.new"]
    assert answer.in_conflict
    assert sorted(w.value for w in answer.heads) == ["Rua B 2", "Rua C 3", "Rua D 4"]
    assert states[0].conflicts

    # The mediator settles it, having seen all three: every device agrees again.
    heads = [w.event_id for w in answer.heads]
    _answer(counter, journey, "Rua C 3", heads, **op)
    for client in (c_sync, v_sync, w_sync):
        client.sync_once()
    for store in (counter, van, web):
        settled = store.journey(journey).answers["address.new"]
        assert not settled.in_conflict
        assert settled.value == "Rua C 3"
