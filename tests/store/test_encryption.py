"""The store encrypted at rest (SQLCipher): open, write, read; wrong keys and wrong files
are refused untouched; the key file must be its owner's alone."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sync.errors import StoreError, StoreKeyError, StoreNotCounterpart
from sync.store.cipher import StoreKey, temp_path
from sync.store.encrypting import encrypt_in_place
from sync.store.keyfile import new_key, read_key
from sync.store.operators import OperatorError, add_operator
from sync.store.print_queue import PrintJobRow, SqlitePrintQueue
from sync.store.store import LocalStore

SECRET = "Zebedeu Quintanilha"


def key(seed: int = 1) -> StoreKey:
    return StoreKey(bytes([seed]) * 32, f"/keys/{seed}.key")


def fill(store: LocalStore, notes: int = 20) -> str:
    journey = store.start_journey(language="pt", channel="van", actor="system").journey_id
    for i in range(notes):
        text = {"text": f"{SECRET} {i}"}
        store.append(journey, "note.added", text, channel="van", actor="system")
    return journey


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_an_encrypted_store_writes_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "van.db"
    with LocalStore(path, site_id="van-1", key=key()) as store:
        journey = fill(store)
        device = store.device_id
    with LocalStore(path, site_id="van-1", key=key()) as again:
        assert again.device_id == device
        assert again.count_events() == 21
        texts = [e.data.get("text") for e in again.events_of(journey)][1:]
        assert texts == [f"{SECRET} {i}" for i in range(20)]
        assert again.integrity_check() == "ok"
    assert not path.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_a_wrong_key_is_refused_naming_the_file_and_the_key_file(tmp_path: Path) -> None:
    path = tmp_path / "van.db"
    with LocalStore(path, site_id="van-1", key=key(1)) as store:
        fill(store)
    before = snapshot(tmp_path)
    with pytest.raises(StoreKeyError, match="key is wrong") as caught:
        LocalStore(path, site_id="van-1", key=key(2))
    assert str(path) in str(caught.value) and "/keys/2.key" in str(caught.value)
    assert snapshot(tmp_path) == before


def test_an_encrypted_store_opened_as_plain_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "van.db"
    with LocalStore(path, site_id="van-1", key=key()) as store:
        fill(store)
    before = snapshot(tmp_path)
    with pytest.raises(StoreNotCounterpart, match="encryption") as caught:
        LocalStore(path, site_id="van-1")
    assert str(path) in str(caught.value)
    assert snapshot(tmp_path) == before


def test_a_plain_store_opened_as_encrypted_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "counter.db"
    with LocalStore(path, site_id="s1") as store:
        fill(store)
    before = snapshot(tmp_path)
    with pytest.raises(StoreKeyError, match="store encrypt") as caught:
        LocalStore(path, site_id="s1", key=key())
    assert str(path) in str(caught.value)
    assert snapshot(tmp_path) == before


_LEAVE_IN_WAL = """
import os, sys
from sync.store.store import LocalStore
store = LocalStore(sys.argv[1], site_id="s1")
store.conn.execute("PRAGMA wal_autocheckpoint = 0")
journey = store.start_journey(language="pt", channel="van", actor="system").journey_id
note = store.append(journey, "note.added", {"text": "wal only"}, channel="van", actor="system")
print(list(store.iter_events())[-2].id, note.id, flush=True)
os._exit(0)  # no close: no checkpoint, the WAL keeps the two events
"""


def test_encrypt_in_place_keeps_every_event_and_folds_in_the_wal(tmp_path: Path) -> None:
    path = tmp_path / "counter.db"
    with LocalStore(path, site_id="s1") as store:
        fill(store, 50)
        events = [e.id for e in store.iter_events()]
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    run = [sys.executable, "-c", _LEAVE_IN_WAL, str(path)]
    wrote = subprocess.run(run, env=env, check=True, capture_output=True, text=True)
    events += wrote.stdout.split()
    assert len(events) == 53
    assert Path(f"{path}-wal").stat().st_size > 0
    done = encrypt_in_place(path, key())
    assert done.events == 53
    assert sorted(p.name for p in tmp_path.iterdir()) == ["counter.db"]
    with LocalStore(path, site_id="s1", key=key()) as encrypted:
        assert [e.id for e in encrypted.iter_events()] == events
    with pytest.raises(StoreKeyError, match="encrypted already"):
        encrypt_in_place(path, key())


_HOLD_OPEN = """
import sys
from sync.store.store import LocalStore
with LocalStore(sys.argv[1], site_id="s1") as store:
    print(store.count_events(), flush=True)
    sys.stdin.readline()
"""


def test_encrypt_refuses_a_store_that_another_process_has_open(tmp_path: Path) -> None:
    # Another process: two SQLite libraries in one process do not see each other's locks.
    path = tmp_path / "counter.db"
    with LocalStore(path, site_id="s1") as store:
        fill(store)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_OPEN, str(path)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "21"
        with pytest.raises(StoreError, match="in use by another process"):
            encrypt_in_place(path, key())
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()
    assert path.read_bytes()[:6] == b"SQLite"
    assert not temp_path(path).exists()
    with LocalStore(path, site_id="s1") as store:
        assert store.count_events() == 21


def test_a_leftover_of_a_killed_migration_is_removed_at_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "counter.db"
    with LocalStore(path, site_id="s1") as store:
        fill(store)
    temp_path(path).write_bytes(os.urandom(4096))
    Path(str(temp_path(path)) + "-journal").write_bytes(os.urandom(512))
    with LocalStore(path, site_id="s1") as store:
        assert store.count_events() == 21
    assert sorted(p.name for p in tmp_path.iterdir()) == ["counter.db"]


def test_new_key_is_owner_only_and_never_replaced(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "store.key"
    made = new_key(path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert read_key(path) == made and len(made) == 32
    with pytest.raises(StoreKeyError, match="exists already"):
        new_key(path)
    assert read_key(path) == made


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o644, 0o660])
def test_a_key_file_others_may_read_is_refused_naming_path_and_mode(
    tmp_path: Path, mode: int
) -> None:
    path = tmp_path / "store.key"
    new_key(path)
    path.chmod(mode)
    with pytest.raises(StoreKeyError) as caught:
        read_key(path)
    assert str(path) in str(caught.value)
    assert f"{mode:04o}" in str(caught.value)


@pytest.mark.parametrize(
    ("content", "named"),
    [("not hex at all\n", "hex digits"), ("abcd\n", "holds 2 bytes"), ("", "holds 0 bytes")],
)
def test_a_malformed_or_missing_key_file_is_refused(
    tmp_path: Path, content: str, named: str
) -> None:
    path = tmp_path / "store.key"
    with pytest.raises(StoreKeyError, match="does not exist"):
        read_key(path)
    path.write_text(content)
    path.chmod(0o600)
    with pytest.raises(StoreKeyError, match=named):
        read_key(path)


def test_an_encrypted_store_refuses_duplicates_as_a_plain_one_does(tmp_path: Path) -> None:
    # sqlcipher3's IntegrityError is not sqlite3's: the store catches its connection's.
    with LocalStore(tmp_path / "van.db", site_id="van-1", key=key()) as store:
        queue = SqlitePrintQueue(store, claim_seconds=30)
        job = PrintJobRow("job-1", "K7Q4M2XP9", "{}", None)
        queue.enqueue(job)
        with pytest.raises(ValueError, match="already queued"):
            queue.enqueue(job)
        add_operator(store, "maria", "Maria", "1234")
        with pytest.raises(OperatorError, match="already an operator"):
            add_operator(store, "maria", "Maria", "1234")
        assert [j.job_id for j in queue.pending()] == ["job-1"]


def test_a_plain_store_does_not_load_sqlcipher(tmp_path: Path) -> None:
    # sqlcipher3 costs milliseconds at every start; a plain machine never pays them.
    code = (
        "import sys; from sync.store.store import LocalStore; "
        f"LocalStore({str(tmp_path / 'plain.db')!r}, site_id='s1').close(); "
        "print('sqlcipher3' in sys.modules)"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
