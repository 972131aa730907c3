"""SIGKILL the central store mid-batch, restart it: no partial batch shows; the client resumes."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from sync.central.store import CentralStore
from sync.client import Backoff, SyncClient, enrol
from sync.pacing import Pacer
from sync.store.store import LocalStore
from tests.sync.serverproc import CentralServer, write_config

EVENTS = 5000
BATCH = 250
KILLS = 4


@pytest.mark.slow
def test_sigkill_the_server_mid_batch_then_resume(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'central.db'}"
    central = CentralStore(db_url)
    code = central.issue_enrolment_code("site-k")
    central.close()
    server = CentralServer(db_url, write_config(tmp_path, "site-k", "http://x"))
    server.start()
    try:
        with LocalStore(tmp_path / "dev.db", site_id="site-k") as store:
            started = store.start_journey(language="en", channel="counter", actor="system")
            store.conn.execute("PRAGMA synchronous = OFF")
            for i in range(EVENTS - 1):
                store.append(started.journey_id, "note.added", {"text": f"note {i} " + "y" * 100},
                             channel="counter", actor="system")  # fmt: skip
            token, _ = enrol(server.url, code, store.device_id)
            cut = 0
            for kill in range(KILLS):
                timers: list[threading.Timer] = []

                def on_ack(
                    acked: int, kill: int = kill, timers: list[threading.Timer] = timers
                ) -> None:
                    # After the first ack of this round, kill the server within the next batch.
                    if not timers:
                        timers.append(threading.Timer(0.002 * kill, server.kill))
                        timers[0].start()

                # Fixed batches: the test tells a partial batch by the count held.
                client = SyncClient(store, server.url, token, backoff=Backoff.off(),
                                    pacer=Pacer.fixed(BATCH), on_progress=on_ack)  # fmt: skip
                report = client.sync_once()
                for timer in timers:
                    timer.join()
                client.close()
                held = CentralStore(db_url)
                count = held.count_events()
                held.close()
                assert count % BATCH == 0, f"a partial batch is visible: {count} events held"
                assert int(store.get_state("acked_seq", "0")) <= count
                server.start()
                if report.state == "synced":
                    break
                cut += report.state == "offline"
            assert cut >= 2, "the server was not killed in the middle of a push"
            with SyncClient(store, server.url, token, backoff=Backoff.off()) as client:
                final = client.sync_once()
            assert (final.state, final.left) == ("synced", 0)
            assert store.get_state("acked_seq") == str(EVENTS)
    finally:
        server.stop()
    central = CentralStore(db_url)
    assert central.count_events() == EVENTS
    central.close()
