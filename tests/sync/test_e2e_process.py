"""End to end over real processes: `counterpart central serve`, `enrol`, `sync`, `status`."""

from __future__ import annotations

import stat
from pathlib import Path

from sync.store.store import LocalStore
from tests.sync.serverproc import CentralServer, counterpart, free_port, write_config


def test_enrol_sync_and_status_through_the_cli(served: CentralServer, tmp_path: Path) -> None:
    config = served.config
    db = ["--db", served.db_url]
    issued = counterpart("central", "enrol", "--site", "lisbon", *db, config=config)
    assert issued.returncode == 0, issued.stderr
    code = issued.stdout.strip()

    store_path = tmp_path / "var" / "counterpart.db"
    with LocalStore(store_path, site_id="lisbon") as store:
        started = store.start_journey(language="en", channel="counter", actor="operator:op1")
        for i in range(30):
            store.append(started.journey_id, "note.added", {"text": f"n{i}"},
                         channel="counter", actor="operator:op1")  # fmt: skip
        device_id = store.device_id

    unenrolled = counterpart("sync", config=config)
    assert unenrolled.returncode == 1
    assert "not enrolled" in unenrolled.stderr

    enrolled = counterpart("enrol", code, config=config)
    assert enrolled.returncode == 0, enrolled.stderr
    token_file = tmp_path / "var" / "device.token"
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600

    synced = counterpart("sync", config=config)
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert "pushed 31" in synced.stdout
    assert "left 0" in synced.stdout

    status = counterpart("central", "status", *db, config=config)
    assert status.returncode == 0, status.stderr
    line = next(row for row in status.stdout.splitlines() if device_id in row)
    cells = [c.strip() for c in line.strip("│ ").split("│")]
    assert cells[1] == "lisbon"
    assert cells[3:6] == ["31", "0", "0"]

    revoked = counterpart("central", "revoke", device_id, *db, config=config)
    assert revoked.returncode == 0
    refused = counterpart("sync", config=config)
    assert refused.returncode == 1
    assert "unauthorized" in refused.stdout


def test_sync_while_the_server_is_down_is_calm(tmp_path: Path) -> None:
    config = write_config(tmp_path, "lisbon", f"http://127.0.0.1:{free_port()}")
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "device.token").write_text("whatever\n")
    with LocalStore(tmp_path / "var" / "counterpart.db", site_id="lisbon") as store:
        store.start_journey(language="en", channel="counter", actor="operator:op1")
    result = counterpart("sync", config=config)
    assert result.returncode == 1
    assert result.stdout.startswith("offline:")
    assert "left 1" in result.stdout
    assert "Traceback" not in result.stderr
