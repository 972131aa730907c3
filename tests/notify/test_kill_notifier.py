"""SIGKILL ``counterpart central serve`` again and again while it drains 500 queued e-mails.

Every message arrives; a message is sent twice only when the process died between
the SMTP server's accept and the outbox's commit, so the duplicates are at most
one per kill, and each carries the Message-ID of the first.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sync.central import schema as t
from sync.central.store import CentralStore
from tests.notify.journeys import AGENCY, SERVICE, Seeder
from tests.notify.receivers import SmtpSink, smtp_sink
from tests.sync.serverproc import ROOT, CentralServer

MESSAGES = 500
KILLS = 20


def _config(folder: Path, sink: SmtpSink) -> Path:
    path = folder / "kiosk.toml"
    path.write_text(
        '[site]\nid = "central-test"\nname = "Central"\n\n'
        f'[catalogue]\npath = "{ROOT / "fixtures" / "catalogue"}"\n\n'
        f'[notify]\ndriver = "network"\nsender = "notify@counterpart.test"\n'
        f'smtp_host = "127.0.0.1"\nsmtp_port = {sink.port}\nsmtp_starttls = false\n'
        "daily_limit = 100\nunfinished_days = 0\nexpiring_days = 0\npoll_seconds = 0.05\n",
        encoding="utf-8",
    )
    return path


def _wait_for(sink: SmtpSink, count: int, server: CentralServer, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while sink.count() < count:
        assert time.monotonic() < deadline, f"only {sink.count()} of {count} arrived"
        assert server.proc is not None and server.proc.poll() is None, "the server died"
        time.sleep(0.005)


@pytest.mark.slow
def test_sigkill_while_draining_loses_nothing_and_duplicates_at_most_one_per_kill(
    tmp_path: Path,
) -> None:
    db_url = f"sqlite:///{tmp_path / 'central.db'}"
    store = CentralStore(db_url)
    seeder = Seeder(store)
    journeys = []
    for _ in range(MESSAGES):
        journey_id, ref = seeder.journey(language="en")
        store.record_status(AGENCY, ref, SERVICE, "accepted", None)
        journeys.append(journey_id)
    store.close()
    with smtp_sink() as sink:
        server = CentralServer(db_url, _config(tmp_path, sink))
        step = MESSAGES // (KILLS + 2)
        for kill in range(KILLS):
            server.start()
            _wait_for(sink, min(MESSAGES, (kill + 1) * step), server)
            server.kill()
        server.start()
        try:
            deadline = time.monotonic() + 120
            while len(set(sink.message_ids())) < MESSAGES and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            server.stop()
        ids = sink.message_ids()
    by_id = Counter(ids)
    duplicates = len(ids) - len(by_id)
    print(f"{len(ids)} e-mails received for {MESSAGES} messages over {KILLS} kills: "
          f"{duplicates} duplicates")  # fmt: skip
    assert len(by_id) == MESSAGES
    assert duplicates <= KILLS
    # A duplicate is the same message: same Message-ID, same recipient and text.
    for message_id, times in by_id.items():
        if times > 1:
            copies = [m for m in sink.messages if m["Message-ID"] == message_id]
            assert len({(m["To"], m.get_payload()) for m in copies}) == 1
    store = CentralStore(db_url)
    try:
        with store.read() as conn:
            sent = conn.execute(select(func.count()).where(t.outbox.c.state == "sent")).scalar_one()
            notes = conn.execute(
                select(func.count(func.distinct(t.events.c.journey_id))).where(
                    t.events.c.type == "notification.sent"
                )
            ).scalar_one()
            events = conn.execute(
                select(func.count()).where(t.events.c.type == "notification.sent")
            ).scalar_one()
        assert sent == MESSAGES and notes == MESSAGES and events == MESSAGES
    finally:
        store.close()
