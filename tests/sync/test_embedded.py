"""The embedded central store: served from a thread on loopback, enrols its own device; on
the port it is given (public_url's), or, when that is taken, on a free one with a warning."""

from __future__ import annotations

import logging
import socket
import stat
from pathlib import Path

import httpx
import pytest

from sync.central.embedded import EmbeddedCentral
from sync.central.target import EmbeddedTarget
from sync.client import Backoff, SyncClient
from sync.errors import CentralError
from sync.link import SyncLink
from sync.store.store import LocalStore
from tests.sync.serverproc import free_port


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


def test_a_taken_port_is_an_error_unless_a_free_one_will_do(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        with pytest.raises(CentralError, match=f"127.0.0.1:{port}"):
            EmbeddedCentral(tmp_path / "central.db", port=port)

        target = EmbeddedTarget(
            tmp_path / "central.db", site_id="demo", token_file=tmp_path / "device.token",
            port=port,
        )  # fmt: skip
        with LocalStore(tmp_path / "dev.db", site_id="demo") as store:
            store.start_journey(language="pt", channel="counter", actor="operator:op1")
            link = SyncLink(target, backoff=Backoff.off())
            try:
                with caplog.at_level(logging.WARNING, logger="sync.central.embedded"):
                    outcome = link.sync_round(store)
                assert (outcome.state, outcome.waiting) == ("synced", 0)  # sync still works
                assert target.central is not None and target.central.port != port
            finally:
                link.close()
    [warning] = [r for r in caplog.records if r.name == "sync.central.embedded"]
    assert warning.levelno == logging.WARNING
    said = warning.getMessage()
    assert f"127.0.0.1:{port} is taken" in said and "Sync works" in said
    assert "public_url" in said


def test_the_port_asked_for_is_served(tmp_path: Path) -> None:
    port = free_port()
    target = EmbeddedTarget(
        tmp_path / "central.db", site_id="demo", token_file=tmp_path / "device.token", port=port
    )
    try:
        url, _token = target.address("dev-1")
        assert url == f"http://127.0.0.1:{port}"
        assert httpx.get(f"http://localhost:{port}/openapi.json").status_code == 200
    finally:
        target.close()
