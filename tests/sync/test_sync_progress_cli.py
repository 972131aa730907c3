"""``counterpart sync --progress`` over a real server: plain lines without a terminal."""

from __future__ import annotations

from pathlib import Path

from app.commands.sync_progress import duration, words
from sync.central.store import CentralStore
from sync.progress import SyncProgress
from sync.store.store import LocalStore
from tests.sync.serverproc import CentralServer, counterpart, free_port, write_config


def test_progress_lines_count_up_to_the_backlog(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'central.db'}"
    central = CentralStore(db_url)
    code = central.issue_enrolment_code("lisbon")
    central.close()
    port = free_port()
    config = write_config(tmp_path, "lisbon", f"http://127.0.0.1:{port}")
    server = CentralServer(db_url, config, port)
    server.start()
    try:
        with LocalStore(tmp_path / "var" / "counterpart.db", site_id="lisbon") as store:
            started = store.start_journey(language="en", channel="van", actor="operator:op1")
            for i in range(299):
                store.append(started.journey_id, "note.added", {"text": f"note {i} " + "z" * 200},
                             channel="van", actor="operator:op1")  # fmt: skip
        assert counterpart("enrol", code, config=config).returncode == 0
        synced = counterpart("sync", "--progress", config=config)
    finally:
        server.stop()
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert "pushed 300" in synced.stdout
    lines = synced.stderr.splitlines()
    assert lines[0] == "sent 0 of 300 events, 300 waiting"
    assert lines[-1].startswith("sent 300 of 300 events, 0 waiting, ")
    assert len(lines) >= 3, "the batches start small: more than one line"
    assert any("left" in line for line in lines[1:-1]), lines


def test_the_words_of_a_progress_line() -> None:
    progress = SyncProgress("push", sent=120, waiting=1880, bytes_per_second=2_140.0,
                            eta_seconds=75.4, resent=1)  # fmt: skip
    assert words(progress) == (
        "sent 120 of 2000 events, 1880 waiting, 2.1 KB/s, about 1 min 15 s left (1 resent)"
    )
    assert duration(7_500) == "2 h 5 min"
