"""A screen's polls: a round now, or None at once while a round runs or the store is out of
reach (the interval rounds find it again), so polls every few seconds never queue up."""

from __future__ import annotations

import threading
from pathlib import Path

from sync.client import Backoff
from sync.link import RemoteCentral, SyncLink
from sync.store.store import LocalStore
from sync.tokenfile import write_private
from tests.sync.serverproc import free_port


class HeldTarget:
    """A central store whose address is given only once the test lets go (a slow round)."""

    def __init__(self) -> None:
        self.asked = threading.Event()
        self.go = threading.Event()

    def address(self, device_id: str) -> tuple[str, str] | None:
        self.asked.set()
        self.go.wait(10)
        return None  # not enrolled: the round ends there

    def close(self) -> None:
        self.go.set()


def test_a_poll_while_a_round_runs_returns_at_once(tmp_path: Path) -> None:
    target = HeldTarget()
    link = SyncLink(target, backoff=Backoff.off())
    with LocalStore(tmp_path / "dev.db", site_id="site-1") as store:
        running = threading.Thread(target=link.sync_round, args=(store,))
        running.start()
        assert target.asked.wait(10)
        assert link.poll(store) is None  # no second round queued behind the first
        target.go.set()
        running.join(10)
        outcome = link.poll(store)
        assert outcome is None  # not enrolled: the link is down, the poll does not try
        assert link.outcome is not None and link.outcome.state == "not_enrolled"
    link.close()


def test_polls_stop_trying_once_the_store_is_out_of_reach(tmp_path: Path) -> None:
    token_file = tmp_path / "device.token"
    write_private(token_file, "some-token")
    link = SyncLink(RemoteCentral(f"http://127.0.0.1:{free_port()}", token_file),
                    backoff=Backoff.off())  # fmt: skip
    with LocalStore(tmp_path / "dev.db", site_id="site-1") as store:
        first = link.poll(store)  # before any round the link counts as up
        assert first is not None and first.state == "offline"
        assert link.poll(store) is None
        assert link.sync_round(store).state == "offline"  # the interval rounds still try
    link.close()
