"""The local store over real SQLite files: appends, projection, search, bad files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sync.errors import InvalidEvent, StoreNotCounterpart, StoreTooNew
from sync.store.migrations import APPLICATION_ID, LATEST
from sync.store.store import LocalStore
from tests.store.conftest import fake_clock, seeded


def start(store: LocalStore, name: str = "Ana Sousa") -> str:
    started = store.start_journey(language="pt", channel="counter", actor="operator:demo")
    store.append(
        started.journey_id,
        "citizen.identified",
        {"method": "manual", "name": name, "birth_date": "1990-01-02"},
        channel="counter",
        actor="operator:demo",
    )
    return started.journey_id


def test_append_assigns_gapless_seq_and_increasing_hlc(store: LocalStore) -> None:
    jid = start(store)
    for i in range(5):
        store.append(jid, "note.added", {"text": f"n{i}"}, channel="counter", actor="system")
    events = store.events_of(jid)
    assert [e.seq for e in events] == list(range(1, 8))
    assert [e.hlc for e in events] == sorted(e.hlc for e in events)
    assert len({e.hlc for e in events}) == 7
    assert store.last_seq() == 7
    assert store.backlog() == 7


def test_pragmas_are_wal_and_full(store: LocalStore) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_invalid_data_writes_nothing(store: LocalStore) -> None:
    jid = start(store)
    before = store.count_events()
    with pytest.raises(InvalidEvent, match="score"):
        store.append(jid, "feedback.given", {"score": 9}, channel="counter", actor="citizen")
    assert store.count_events() == before


def test_projection_lists_and_finds_by_ref(store: LocalStore) -> None:
    jid = start(store, "José Ferreira")
    store.append(jid, "service.added", {"service": "tax.x"}, channel="counter", actor="system")
    store.append(jid, "service.added", {"service": "tax.x"}, channel="counter", actor="system")
    store.append(jid, "service.added", {"service": "health.y"}, channel="counter", actor="system")
    (row,) = store.journeys()
    assert row.citizen_name == "José Ferreira"
    assert row.service_count == 2
    assert row.event_count == 5
    assert store.find_by_ref(row.ref or "") == row
    assert store.journey(jid).ref == row.ref


def test_search_by_name_ignores_case_and_accents(store: LocalStore) -> None:
    start(store, "José Ferreira")
    start(store, "Maria João Antunes")
    assert [r.citizen_name for r in store.search("jose")] == ["José Ferreira"]
    assert [r.citizen_name for r in store.search("JOA ant")] == ["Maria João Antunes"]
    assert store.search("zzz") == []
    assert store.search("  ") == []


def test_rebuilt_projection_equals_incremental(store: LocalStore) -> None:
    for name in ("A B", "C D", "E F"):
        jid = start(store, name)
        store.append(jid, "service.added", {"service": "s.1"}, channel="counter", actor="system")
        store.append(jid, "journey.closed", {"reason": "done"}, channel="counter", actor="system")
    incremental = sorted(store.journeys(), key=lambda r: r.journey_id)
    assert store.rebuild_projection() == 3
    assert sorted(store.journeys(), key=lambda r: r.journey_id) == incremental


def test_insert_remote_is_idempotent_and_advances_clock(store: LocalStore, tmp_path: Path) -> None:
    other = LocalStore(
        tmp_path / "other.db",
        site_id="site-b",
        device_id="dev-b",
        # The other device's clock runs a day ahead.
        physical_ms=fake_clock(start=1_790_086_400_000),
        random_bytes=seeded(2),
    )
    jid = start(other, "Remote Person")
    remote = [e.to_dict() for e in other.events_of(jid)]
    assert store.insert_remote(remote) == 2
    assert store.insert_remote(remote) == 0
    assert store.count_events() == 2
    mine = store.append(jid, "note.added", {"text": "x"}, channel="counter", actor="system")
    assert mine.hlc > max(e["hlc"] for e in remote)
    other.close()


def test_insert_remote_rejects_the_whole_batch_on_one_bad_event(store: LocalStore) -> None:
    good = {
        "id": "01900000-0000-7000-8000-000000000001",
        "journey_id": "01900000-0000-7000-8000-0000000000aa",
        "type": "note.added",
        "hlc": "019000000000.0000.dev-z",
        "wall": "2026-11-23T09:00:00Z",
        "device_id": "dev-z",
        "seq": 1,
        "channel": "web",
        "site_id": "web",
        "actor": "citizen",
        "data": {"text": "hi"},
    }
    bad = {**good, "id": "01900000-0000-7000-8000-000000000002", "seq": 2, "type": "x.y"}
    with pytest.raises(InvalidEvent, match=r"x\.y"):
        store.insert_remote([good, bad])
    assert store.count_events() == 0


def test_device_id_is_made_once_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with LocalStore(path, site_id="s1") as first:
        made = first.device_id
    with LocalStore(path, site_id="s1") as again:
        assert again.device_id == made
    assert made.startswith("dev-")


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreNotCounterpart, match="not a SQLite database"):
        LocalStore(path, site_id="s1")
    assert path.read_bytes() == before
    assert not (tmp_path / "notes.db-wal").exists()


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreNotCounterpart, match="another program"):
        LocalStore(path, site_id="s1")
    assert path.read_bytes() == before


def test_a_store_from_a_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    LocalStore(path, site_id="s1").close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreTooNew, match=f"schema {LATEST + 1}"):
        LocalStore(path, site_id="s1")
    assert path.read_bytes() == before


def test_a_damaged_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    before = path.read_bytes()
    with pytest.raises(StoreNotCounterpart):
        LocalStore(path, site_id="s1")
    assert path.read_bytes() == before


def test_new_store_is_marked_as_counterpart(store: LocalStore) -> None:
    assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    assert store.integrity_check() == "ok"
