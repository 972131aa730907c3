"""SIGKILL the central store while it takes in pushes and folds them: the rollups held are
always a fold of the log up to their cursor, and once caught up equal a recomputation."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import httpx

from sync.catalogue.loader import load_catalogue
from sync.central.insight import rollup
from sync.central.insight.tally import Tallies
from sync.central.store import CentralStore
from tests.insight.conftest import enrol_all
from tests.insight.network import batches, generate
from tests.sync.serverproc import ROOT, CentralServer, write_config

KILLS = 3


def _same(a: Tallies, b: Tallies) -> bool:
    def key(c: dict[str, object]) -> str:
        return str(c["event_id"])

    return (
        rollup.cells_of(a) == rollup.cells_of(b)
        and a.journeys == b.journeys
        and a.services == b.services
        and sorted(a.comments, key=key) == sorted(b.comments, key=key)
    )


def _push_until_cut(url: str, bodies: list[tuple[str, bytes]], tokens: dict[str, str]) -> int:
    """Push from the first body on; returns how many went through before the server died."""
    done = 0
    with httpx.Client(base_url=url, timeout=30) as http:
        for device_id, body in bodies:
            try:
                r = http.post("/api/v1/sync/push", content=body, headers={
                    "authorization": f"Bearer {tokens[device_id]}",
                    "content-type": "application/json"})  # fmt: skip
            except httpx.TransportError:
                return done
            assert r.status_code == 200, r.text
            assert not [x for x in r.json()["results"] if x["status"] != "duplicate"]
            done += 1
    return done


def test_rollups_after_a_sigkill_mid_intake_equal_a_recomputation(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'central.db'}"
    catalogue = load_catalogue(ROOT / "fixtures" / "catalogue")
    devices, _ = generate(catalogue, int(time.time() * 1000), journeys=600, seed=7)
    devices.sort(key=lambda d: d.channel == "kiosk")
    bodies = [(d.device_id, b) for d in devices for b in batches(d.events, 100)]
    server = CentralServer(db_url, write_config(tmp_path, "site-00", "http://x"))
    server.start()
    rng = random.Random(3)
    killed_behind = 0
    try:
        tokens = enrol_all(db_url, server.url, devices)
        sent = 0
        for _ in range(KILLS):
            timer = threading.Timer(rng.uniform(0.3, 0.8), server.kill)
            timer.start()
            sent += _push_until_cut(server.url, bodies[sent:], tokens)
            timer.join()
            store = CentralStore(db_url)
            try:
                at = rollup.cursor(store)
                killed_behind += rollup.lag(store) > 0
                # What the job committed is exactly the fold of the log up to its cursor.
                assert _same(rollup.held(store), rollup.recompute(store, upto=at))
                assert rollup.held_cells(store) == rollup.cells_of(rollup.held(store))
            finally:
                store.close()
            server.start()
        assert sent < len(bodies), "the server was never killed mid-intake"
        print(f"kills with events not yet folded: {killed_behind} of {KILLS}")
        sent += _push_until_cut(server.url, bodies[sent:], tokens)
        assert sent == len(bodies)
    finally:
        server.stop()
    store = CentralStore(db_url)
    try:
        rollup.refresh(store)
        assert rollup.lag(store) == 0
        assert _same(rollup.held(store), rollup.recompute(store))
        assert rollup.held_cells(store) == rollup.cells_of(rollup.recompute(store))
        assert len(rollup.held(store).journeys) == 600
    finally:
        store.close()
