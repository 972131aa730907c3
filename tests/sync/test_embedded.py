"""The embedded central store: served from a thread on loopback, enrols its own device."""

from __future__ import annotations

import stat
from pathlib import Path

from sync.central.embedded import EmbeddedCentral
from sync.client import Backoff, SyncClient
from sync.store.store import LocalStore


def test_embedded_round_trip_and_token_reuse(tmp_path: Path) -> None:
    token_file = tmp_path / "var" / "device.token"
    with LocalStore(tmp_path / "dev.db", site_id="demo") as store:
        store.start_journey(language="pt", channel="counter", actor="operator:op1")
        central = EmbeddedCentral(tmp_path / "central.db")
        url = central.start()
        try:
            token = central.token_for(store.device_id, "demo", token_file)
            assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
            assert central.token_for(store.device_id, "demo", token_file) == token
            with SyncClient(store, url, token, backoff=Backoff.off()) as client:
                report = client.sync_once()
            assert (report.state, report.pushed, report.left) == ("synced", 1, 0)
            statuses = central.store.device_statuses()
            assert [(d.device_id, d.backlog) for d in statuses] == [(store.device_id, 0)]
            token_file.write_text("lost\n")
            assert central.token_for(store.device_id, "demo", token_file) != token
        finally:
            central.stop()
