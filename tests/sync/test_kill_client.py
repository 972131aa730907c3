"""SIGKILL the pushing client at random moments: every event reaches the server exactly once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sync.central import schema
from sync.central.store import CentralStore
from sync.client import Backoff, SyncClient, enrol
from sync.store.store import LocalStore
from tests.sync.serverproc import ROOT, CentralServer, write_config

EVENTS = 10_000
KILLS = 20
BATCH = 50


def _fill(store: LocalStore, count: int) -> None:
    started = store.start_journey(language="en", channel="counter", actor="operator:op1")
    # No fsync per append: this test is about the push, not about appends.
    store.conn.execute("PRAGMA synchronous = OFF")
    for i in range(count - 1):
        store.append(started.journey_id, "note.added", {"text": f"note {i}"},
                     channel="counter", actor="operator:op1")  # fmt: skip
    store.conn.execute("PRAGMA synchronous = FULL")


def _push_and_kill(store_path: Path, url: str, token: str, rng: random.Random) -> bool:
    """Start a pusher, SIGKILL it after a random number of acks and a random pause."""
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("killable_pusher.py")),
         str(store_path), url, token, str(BATCH)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert proc.stdout is not None
    killed = False
    try:
        wanted = rng.randint(1, 4)
        last: float | None = None  # the first ack comes after the start-up
        for line in proc.stdout:
            if line.startswith("done"):
                break
            # A batch takes about as long as the last one took from ack to ack.
            now = time.monotonic()
            batch_seconds, last = (now - last if last is not None else 0.01), now
            wanted -= 1
            if wanted == 0:
                time.sleep(rng.uniform(0, batch_seconds))  # somewhere inside the next batch
                proc.send_signal(signal.SIGKILL)
                killed = True
                break
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()
    return killed and proc.returncode == -signal.SIGKILL


@pytest.mark.slow
def test_sigkill_the_pushing_client_20_times_over_10000_events(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'central.db'}"
    server = CentralServer(db_url, write_config(tmp_path, "crash-site", "http://x"))
    code = CentralStore(db_url).issue_enrolment_code("crash-site")
    server.start()
    try:
        store_path = tmp_path / "device.db"
        with LocalStore(store_path, site_id="crash-site") as store:
            _fill(store, EVENTS)
            token, _ = enrol(server.url, code, store.device_id)
        rng = random.Random(5)
        kills = sum(_push_and_kill(store_path, server.url, token, rng) for _ in range(KILLS))
        assert kills >= KILLS - 2, f"only {kills} pushers were killed mid-push"
        with LocalStore(store_path, site_id="crash-site") as store:
            assert 0 < int(store.get_state("acked_seq", "0")) < EVENTS
            with SyncClient(store, server.url, token, backoff=Backoff.off()) as client:
                report = client.sync_once()
            assert (report.state, report.left) == ("synced", 0)
            assert store.get_state("acked_seq") == str(EVENTS)
            ids = {e.id for e in store.iter_events()}
    finally:
        server.stop()
    central = CentralStore(db_url)
    with central.read() as conn:
        held = conn.execute(select(schema.events.c.id)).scalars().all()
        acked = conn.execute(select(schema.device_acks.c.acked_seq)).scalar()
        parked = conn.execute(select(func.count()).select_from(schema.quarantine)).scalar()
    central.close()
    assert len(held) == EVENTS
    assert set(held) == ids
    assert acked == EVENTS
    assert parked == 0
