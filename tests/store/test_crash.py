"""SIGKILL a writer in the middle of appending, many times: nothing it confirmed is lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from sync.store.store import LocalStore

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 25
WRITER = Path(__file__).with_name("killable_writer.py")


def run_and_kill(store_path: Path, confirmed_wanted: int, writer: Path = WRITER) -> list[str]:
    """Start a writer, let it confirm some lines, SIGKILL it; return the confirmed lines."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, str(writer), str(store_path)],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert proc.stdout is not None
    confirmed: list[str] = []
    try:
        for line in proc.stdout:
            confirmed.append(line.strip())
            if len(confirmed) >= confirmed_wanted:
                break
        proc.send_signal(signal.SIGKILL)
        # Lines the writer printed before dying were confirmed too.
        confirmed.extend(line.strip() for line in proc.stdout if line.strip())
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    return confirmed


def test_sigkill_mid_append_loses_no_confirmed_event(tmp_path: Path) -> None:
    store_path = tmp_path / "crash.db"
    rng = random.Random(7)
    confirmed: list[str] = []
    for _ in range(ROUNDS):
        confirmed += run_and_kill(store_path, rng.randint(1, 400))
        with LocalStore(store_path, site_id="crash-site") as store:
            assert store.integrity_check() == "ok"
            held = {e.id for e in store.iter_events()}
            missing = [i for i in confirmed if i not in held]
            assert not missing, f"{len(missing)} confirmed events lost"
            # Per-device seq stays gapless across the crashes.
            seqs = [
                r[0]
                for r in store.conn.execute(
                    "SELECT seq FROM events WHERE device_id = ? ORDER BY seq", (store.device_id,)
                )
            ]
            assert seqs == list(range(1, len(seqs) + 1))
    assert len(confirmed) > ROUNDS * 10
