"""What a header reads of the link: events waiting, the last sync, a round's progress."""

from __future__ import annotations

from pathlib import Path

from sync.central.store import CentralStore
from sync.client import Backoff, enrol
from sync.link import RemoteCentral, SyncLink
from sync.progress import SyncProgress
from sync.store.store import LocalStore
from sync.tokenfile import write_private
from tests.sync.serverproc import CentralServer, write_config


def test_view_and_watch_a_round(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'central.db'}"
    central = CentralStore(db_url)
    code = central.issue_enrolment_code("van-1")
    central.close()
    server = CentralServer(db_url, write_config(tmp_path, "van-1", "http://x"))
    server.start()
    try:
        with LocalStore(tmp_path / "van.db", site_id="van-1") as store:
            started = store.start_journey(language="pt", channel="van", actor="operator:op1")
            for i in range(49):
                store.append(started.journey_id, "note.added", {"text": f"note {i}"},
                             channel="van", actor="operator:op1")  # fmt: skip
            token, _ = enrol(server.url, code, store.device_id)
            write_private(tmp_path / "device.token", token)
            link = SyncLink(RemoteCentral(server.url, tmp_path / "device.token"),
                            backoff=Backoff.off())  # fmt: skip
            before = link.view(store)
            assert (before.waiting, before.last_sync, before.state, before.progress) == (
                50, None, None, None)  # fmt: skip
            assert not before.syncing

            seen: list[SyncProgress] = []
            unwatch = link.watch(seen.append)
            assert link.sync_round(store).state == "synced"
            after = link.view(store)
            assert (after.waiting, after.state) == (0, "synced")
            assert after.last_sync is not None
            assert after.progress is not None and after.progress.phase == "done"
            assert not after.syncing
            pushes = [p for p in seen if p.phase == "push"]
            assert (pushes[0].sent, pushes[0].waiting) == (0, 50)
            assert (pushes[-1].sent, pushes[-1].waiting) == (50, 0)
            assert seen[-1] is after.progress

            unwatch()
            count = len(seen)
            link.sync_round(store)
            assert len(seen) == count, "an unwatched callback was called"
            link.close()
    finally:
        server.stop()
