"""The sync client against the central store in-process: push, park, pull, fetch, offline."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sync.client import Backoff, SyncClient, enrol
from sync.pacing import Pacer
from sync.progress import SyncProgress
from sync.store.store import LocalStore
from tests.sync.conftest import Central

BASE = "http://central.test"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    with LocalStore(tmp_path / "dev.db", site_id="site-1", device_id="dev-1") as s:
        yield s


def _client(central: Central, store: LocalStore, **kwargs: Any) -> SyncClient:
    token, _site = enrol(BASE, central.store.issue_enrolment_code(store.site_id), store.device_id,
                         transport=central.transport)  # fmt: skip
    return SyncClient(store, BASE, token, central.transport, backoff=Backoff.off(), **kwargs)


def _journey(store: LocalStore, notes: int) -> str:
    started = store.start_journey(language="pt", channel="counter", actor="operator:op1")
    for i in range(notes):
        store.append(started.journey_id, "note.added", {"text": f"n{i}"}, channel="counter",
                     actor="operator:op1")  # fmt: skip
    return started.journey_id


def test_push_in_batches_until_nothing_is_left(central: Central, store: LocalStore) -> None:
    _journey(store, 24)
    with _client(central, store, batch_events=10) as client:
        report = client.sync_once()
    assert (report.pushed, report.left, report.state) == (25, 0, "synced")
    assert store.get_state("acked_seq") == "25"
    assert central.store.count_events() == 25
    with _client(central, LocalStore(":memory:", site_id="site-1", device_id="x")) as other:
        assert other.sync_once().pulled == 25


def test_a_quarantined_event_is_parked_and_the_rest_flows(
    central: Central, store: LocalStore
) -> None:
    journey = _journey(store, 2)
    # An event this server does not accept: data it considers invalid (too big a score
    # cannot be appended locally, so write the row as a newer version would have).
    store.conn.execute(
        "INSERT INTO events (id, journey_id, type, hlc, wall, device_id, seq, channel, site_id, "
        "actor, data) VALUES ('01a207bd-0000-7000-8000-000000000001', ?, 'form.teleported', "
        "?, '2026-11-23T09:30:00Z', 'dev-1', 4, 'counter', 'site-1', 'system', '{}')",
        (journey, store.clock.now().encode()),
    )
    store._next_seq = None  # the store counts seq lazily; it must see the row above
    store.append(journey, "note.added", {"text": "after"}, channel="counter", actor="system")
    with _client(central, store) as client:
        report = client.sync_once()
    assert (report.pushed, report.parked, report.left) == (5, 1, 0)
    assert [(seq, reason.split(" ")[0]) for seq, _id, reason in store.parked()] == [(4, "event")]
    assert "form.teleported" in store.parked()[0][2]
    assert central.store.count_events() == 4


def test_pull_advances_the_clock_and_fetch_by_reference(central: Central, tmp_path: Path) -> None:
    future_ms = time.time_ns() // 1_000_000 + 3_600_000  # a van's clock an hour fast
    fast = LocalStore(
        tmp_path / "a.db", site_id="site-1", device_id="a", physical_ms=lambda: future_ms
    )
    with fast as a, \
         LocalStore(tmp_path / "b.db", site_id="site-1", device_id="b") as b, \
         LocalStore(tmp_path / "c.db", site_id="site-2", device_id="c") as c:  # fmt: skip
        journey = _journey(a, 3)
        ref = a.journey(journey).ref
        with _client(central, a) as ca, _client(central, b) as cb, _client(central, c) as cc:
            assert ca.sync_once().pushed == 4
            pulled = cb.sync_once()
            # The four, and the central store's clock.offset: a's clock is an hour fast.
            assert (pulled.pulled, pulled.state) == (5, "synced")
            assert [e.type for e in b.events_of(journey)][-1] == "clock.offset"
            assert b.clock.last.ms >= future_ms
            assert b.journey(journey).ref == ref
            assert cc.sync_once().pulled == 0
            assert ref is not None
            assert cc.fetch(ref, operator="op9") == journey
            assert len(c.events_of(journey)) == 5
            assert cc.pull().pulled == 0


def test_offline_is_a_state_not_an_exception(store: LocalStore) -> None:
    _journey(store, 1)

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    waits: list[float] = []
    backoff = Backoff(attempts=3, base_seconds=1.0, sleep=waits.append, rand=lambda: 0.5)
    client = SyncClient(store, BASE, "t", httpx.MockTransport(refuse), backoff=backoff)
    report = client.sync_once()
    assert (report.state, report.left, report.pushed) == ("offline", 2, 0)
    assert "connection refused" in (report.error or "")
    assert waits == [0.5, 1.0]
    assert store.get_state("offline_since")


def test_retry_recovers_from_a_server_error(central: Central, store: LocalStore) -> None:
    _journey(store, 1)
    failures = [503]
    inner = central.transport

    class Flaky(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if failures:
                return httpx.Response(failures.pop(), json={"detail": "busy"})
            return inner.handle_request(request)

    token, _ = enrol(BASE, central.store.issue_enrolment_code("site-1"), "dev-1", transport=inner)
    waits: list[float] = []
    client = SyncClient(store, BASE, token, Flaky(), backoff=Backoff(sleep=waits.append))
    assert client.sync_once().state == "synced"
    assert len(waits) == 1


def test_a_revoked_device_reports_unauthorized(central: Central, store: LocalStore) -> None:
    _journey(store, 1)
    client = _client(central, store)
    central.store.revoke("dev-1")
    report = client.sync_once()
    assert (report.state, report.left) == ("unauthorized", 2)
    assert central.store.count_events() == 0


def test_a_batch_over_the_server_limit_is_split(central: Central, store: LocalStore) -> None:
    journey = _journey(store, 0)
    for i in range(12):  # about 600 KB of JSON; the fixture's server takes 256 KB at most
        store.append(journey, "note.added", {"text": f"{i} " + "x" * 50_000},
                     channel="counter", actor="operator:op1")  # fmt: skip
    # Batches at the ceiling from the first: the pacer's slow start would stay under it.
    with _client(central, store, pacer=Pacer.fixed()) as client:
        report = client.sync_once()
        assert client.batch_events < 500
    assert (report.state, report.pushed, report.left) == ("synced", 13, 0)


class _TimesOutOnce(httpx.BaseTransport):
    """The central store in-process, but the second push times out (the link stalled)."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.pushes: list[int] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/sync/push"):
            self.pushes.append(len(request.read()))
            if len(self.pushes) == 2:
                raise httpx.ReadTimeout("the link stalled", request=request)
        return self.inner.handle_request(request)


def test_a_timed_out_push_is_resent_smaller(central: Central, store: LocalStore) -> None:
    journey = _journey(store, 0)
    for i in range(400):
        store.append(journey, "note.added", {"text": f"note {i} {os.urandom(40).hex()}"},
                     channel="counter", actor="operator:op1")  # fmt: skip
    token, _site = enrol(BASE, central.store.issue_enrolment_code(store.site_id), store.device_id,
                         transport=central.transport)  # fmt: skip
    transport = _TimesOutOnce(central.transport)
    seen: list[SyncProgress] = []
    backoff = Backoff(attempts=3, sleep=lambda _s: None)
    with SyncClient(store, BASE, token, transport, backoff=backoff, watch=seen.append) as client:
        report = client.sync_once()
    assert (report.state, report.pushed, report.left) == ("synced", 401, 0)
    assert (report.timeouts, report.resent) == (1, 1)
    first, stalled, resent = transport.pushes[:3]
    assert first < stalled, "slow start: the second batch is bigger"
    assert resent < stalled, "the batch after a timeout is smaller"
    assert report.requests == len(transport.pushes)
    assert report.bytes_sent == sum(transport.pushes)
    pushes = [p for p in seen if p.phase == "push"]
    assert pushes[0].sent == 0 and pushes[-1].waiting == 0
    assert any(p.timeouts == 1 and p.resent == 1 for p in pushes)
