"""SIGKILL ``counterpart store encrypt`` many times: the store is always the old plain one or
the new encrypted one, and holds every event; what a kill left is gone at the next open."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from sync.store.cipher import StoreKey, temp_files, temp_path
from sync.store.keyfile import new_key
from sync.store.store import LocalStore

COUNTERPART = str(Path(sys.executable).with_name("counterpart"))
ROUNDS = 24
JOURNEYS = 24
NOTES = 400  # 24 × 401 events, about 7 MB: the export takes a good part of a second


def _site(folder: Path) -> Path:
    config = folder / "kiosk.toml"
    config.write_text(
        '[site]\nid = "van-1"\nname = "Van"\nmode = "van"\n'
        '[store]\npath = "var/counterpart.db"\nkey_file = "keys/store.key"\n'
        '[central]\nurl = "off"\n'
    )
    return config


def _fill(path: Path) -> list[str]:
    with LocalStore(path, site_id="van-1") as store:
        for j in range(JOURNEYS):
            started = store.start_journey(language="pt", channel="van", actor="system")
            notes = [("note.added", {"text": f"note {j}.{i} " + "x" * 280}) for i in range(NOTES)]
            store.append_many(started.journey_id, notes, channel="van", actor="system")  # type: ignore[arg-type]
        return [r[0] for r in store.conn.execute("SELECT id FROM events ORDER BY pos")]


def _held(path: Path, key: StoreKey) -> tuple[str, list[str]]:
    """Open the store as the app's next start would: plain, else encrypted."""
    for kind, given in (("plain", None), ("encrypted", key)):
        try:
            store = LocalStore(path, site_id="van-1", key=given)
        except Exception:  # the other kind is tried next
            continue
        with store:
            assert store.integrity_check() == "ok"
            return kind, [r[0] for r in store.conn.execute("SELECT id FROM events ORDER BY pos")]
    raise AssertionError(f"{path} opens neither as a plain nor as an encrypted store")


def _encrypt(config: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [COUNTERPART, "--config", str(config), "store", "encrypt"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_sigkill_during_store_encrypt_never_loses_an_event(tmp_path: Path) -> None:
    config = _site(tmp_path)
    store = tmp_path / "var" / "counterpart.db"
    pristine = tmp_path / "pristine.db"
    store.parent.mkdir()
    key = StoreKey(new_key(tmp_path / "keys" / "store.key"), "store.key")
    events = _fill(pristine)
    shutil.copy(pristine, store)

    # One run to the end: how long it takes, and how long its temp file lives.
    started = time.monotonic()
    run = _encrypt(config)
    while not temp_path(store).exists() and run.poll() is None:
        time.sleep(0.001)
    appeared = time.monotonic()
    assert run.wait(timeout=120) == 0
    whole, window = time.monotonic() - started, time.monotonic() - appeared
    assert _held(store, key) == ("encrypted", events)

    rng = random.Random(13)
    seen = {"plain": 0, "encrypted": 0, "killed with a temp file": 0}
    deadline = time.monotonic() + 240
    for _ in range(ROUNDS):
        assert time.monotonic() < deadline, f"the kills took too long ({seen})"
        if _held(store, key)[0] == "encrypted":  # start each round from a plain store
            for side in (store, *(store.with_name(store.name + s) for s in ("-wal", "-shm"))):
                side.unlink(missing_ok=True)
            shutil.copy(pristine, store)
        run = _encrypt(config)
        if rng.random() < 0.75:  # most kills while the encrypted copy is being written
            while not temp_path(store).exists() and run.poll() is None:
                time.sleep(0.0005)
            time.sleep(rng.uniform(0, window))
        else:
            time.sleep(rng.uniform(0, whole))
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=60)
        if temp_path(store).exists():
            seen["killed with a temp file"] += 1
        kind, held = _held(store, key)
        seen[kind] += 1
        assert held == events, f"after a kill the {kind} store holds {len(held)} events"
        assert not any(p.exists() for p in temp_files(store)), "the leftover was not removed"
    print(f"\n{ROUNDS} kills: {seen}; a whole run {whole:.2f} s, its temp file {window:.2f} s")
    assert seen["killed with a temp file"] > 0, f"no kill hit the migration itself: {seen}"
