"""Rounds on demand: a burst of saves makes one or two rounds, never overlapping; offline,
a save tries no round; a closed nudger, or one told to ignore a nudge, runs nothing."""

from __future__ import annotations

import threading
from pathlib import Path

from sync.client import Backoff
from sync.link import RemoteCentral, SyncLink, SyncOutcome
from sync.nudge import Nudger
from sync.store.store import LocalStore
from tests.sync.serverproc import free_port

BURST = 50
WAIT = 10.0


class Rounds:
    """A round that counts itself, notes overlaps, and holds the first one until let go."""

    def __init__(self) -> None:
        self.count = 0
        self.overlapped = False
        self.first_may_end = threading.Event()
        self._running = 0
        self._lock = threading.Lock()

    def __call__(self) -> None:
        with self._lock:
            self.count += 1
            self._running += 1
            self.overlapped = self.overlapped or self._running > 1
        self.first_may_end.wait(WAIT)
        with self._lock:
            self._running -= 1


def test_a_burst_of_appends_makes_one_or_two_rounds() -> None:
    rounds = Rounds()
    nudger = Nudger(rounds, settle_seconds=0.05)
    with LocalStore(":memory:", site_id="site-1", device_id="dev-1") as store:
        store.on_append = nudger.nudge
        started = store.start_journey(language="pt", channel="counter", actor="system")
        journey_id = started.journey_id
        for n in range(BURST):
            store.append(
                journey_id, "note.added", {"text": f"note {n}"}, channel="counter", actor="system"
            )
        # The first round (if it started during the burst) ends only now: every later
        # append of the burst asked for the same one more round.
        rounds.first_may_end.set()
        assert nudger.wait_idle(WAIT)
        nudger.close()
    assert 1 <= rounds.count <= 2
    assert not rounds.overlapped


def test_a_failed_round_does_not_stop_the_next() -> None:
    ran: list[int] = []

    def run() -> None:
        ran.append(len(ran))
        if len(ran) == 1:
            raise OSError("disk gone for a moment")

    nudger = Nudger(run, settle_seconds=0.0)
    for _ in range(2):
        nudger.nudge()
        assert nudger.wait_idle(WAIT)
    nudger.close()
    assert ran == [0, 1]


def test_a_closed_nudger_runs_nothing() -> None:
    ran: list[None] = []
    nudger = Nudger(lambda: ran.append(None), settle_seconds=0.0)
    nudger.close()
    nudger.nudge()
    assert nudger.wait_idle(WAIT)
    assert ran == []


def test_a_nudge_it_is_told_to_ignore_runs_nothing() -> None:
    ran: list[None] = []
    nudger = Nudger(lambda: ran.append(None), settle_seconds=0.0, ignore=lambda: True)
    nudger.nudge()
    assert nudger.wait_idle(WAIT)
    nudger.close()
    assert ran == []


def test_offline_a_save_tries_no_round(tmp_path: Path) -> None:
    token_file = tmp_path / "device.token"
    token_file.write_text("some-token\n")
    link = SyncLink(
        RemoteCentral(f"http://127.0.0.1:{free_port()}", token_file), backoff=Backoff.off()
    )
    outcomes: list[SyncOutcome] = []
    with LocalStore(tmp_path / "dev.db", site_id="site-1", device_id="dev-1") as store:
        assert link.sync_round(store).state == "offline"
        nudger = link.nudger(store, outcomes.append)
        store.on_append = nudger.nudge
        store.start_journey(language="pt", channel="van", actor="system")
        assert nudger.wait_idle(WAIT)
        link.close()
    assert outcomes == []
