"""Sync through a proxy that cuts connections at random bytes: nothing lost, nothing duplicated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sync.central import schema
from sync.central.store import CentralStore
from sync.client import Backoff, SyncClient, enrol
from sync.store.store import LocalStore
from tests.sync.proxy import CuttingProxy
from tests.sync.serverproc import CentralServer, write_config

EVENTS = 600
ROUNDS = 400


@pytest.mark.slow
def test_sync_converges_through_cut_connections(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'central.db'}"
    central = CentralStore(db_url)
    codes = [central.issue_enrolment_code("site-s") for _ in range(2)]
    central.close()
    server = CentralServer(db_url, write_config(tmp_path, "site-s", "http://x"))
    server.start()
    proxy = CuttingProxy(server.port, seed=11)
    try:
        with LocalStore(tmp_path / "a.db", site_id="site-s") as a, \
             LocalStore(tmp_path / "b.db", site_id="site-s") as b:  # fmt: skip
            started = a.start_journey(language="en", channel="van", actor="operator:op1")
            a.conn.execute("PRAGMA synchronous = OFF")
            for i in range(EVENTS - 1):
                a.append(started.journey_id, "note.added", {"text": f"note {i} " + "x" * 50},
                         channel="van", actor="operator:op1")  # fmt: skip
            token_a, _ = enrol(server.url, codes[0], a.device_id)
            token_b, _ = enrol(server.url, codes[1], b.device_id)
            options: dict[str, Any] = {
                "backoff": Backoff.off(),
                "batch_events": 40,
                "pull_limit": 60,
                "timeout": 5.0,
            }
            with SyncClient(a, proxy.url, token_a, **options) as ca, \
                 SyncClient(b, proxy.url, token_b, **options) as cb:  # fmt: skip
                rounds = 0
                while rounds < ROUNDS:
                    rounds += 1
                    ra, rb = ca.sync_once(), cb.sync_once()
                    if ra.state == rb.state == "synced" and b.count_events() == EVENTS:
                        break
            assert rounds < ROUNDS, "sync did not converge"
            assert proxy.cuts >= 5, f"the proxy cut only {proxy.cuts} connections"
            assert a.get_state("acked_seq") == str(EVENTS)
            assert {e.id for e in b.iter_events()} == {e.id for e in a.iter_events()}
            sent = {e.id for e in a.iter_events()}
    finally:
        proxy.close()
        server.stop()
    central = CentralStore(db_url)
    with central.read() as conn:
        held = conn.execute(select(schema.events.c.id)).scalars().all()
    central.close()
    assert len(held) == EVENTS
    assert set(held) == sent
