"""Benchmark of the local store; prints figures and ratios against baselines of the same run.

1. Append N events one transaction each through ``LocalStore.append`` (as the UI
   does) against bare sqlite3 inserting the same rows, same schema and pragmas,
   one transaction each. Target: ratio <= 1.5. The same appends on an encrypted
   store (SQLCipher), and their ratio to the plain store's.
2. Open a store holding 1,000,000 events and show the first page of today's
   journeys, against the same for an empty store. Target: ratio <= 1.2.
3. Fold a journey of 1,000 events.
4. Identify N citizens from a card (journey.started, citizen.identified and five
   card answers): one transaction per event, as ``append`` in a loop, against one
   per citizen through ``append_many``. Should be well under 1.

Usage: python bench/store.py [--append N] [--big N] [--identify N] [--dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sync.domain.fold import fold
from sync.domain.identity import Identity, identification
from sync.domain.ids import new_reference, uuid7
from sync.store.cipher import StoreKey
from sync.store.migrations import MIGRATIONS
from sync.store.store import LocalStore, NewJourney

COLUMNS = "id, journey_id, type, hlc, wall, device_id, seq, channel, site_id, actor, data"


def _append_each(store: LocalStore, n: int) -> float:
    """Seconds to append ``n`` answers to one journey, one transaction each."""
    started = store.start_journey(language="pt", channel="counter", actor="operator:bench")
    jid = started.journey_id
    t0 = time.perf_counter()
    for i in range(n):
        store.append(
            jid,
            "answer.recorded",
            {"field": "citizen.phone", "value": f"+351{i:09d}", "source": "typed",
             "supersedes": []},
            channel="counter",
            actor="operator:bench",
        )  # fmt: skip
    return time.perf_counter() - t0


def bench_append(folder: Path, n: int) -> None:
    key = StoreKey(os.urandom(32), "bench")
    with LocalStore(folder / "encrypted.db", site_id="bench", device_id="dev-enc", key=key) as enc:
        encrypted = _append_each(enc, n)
    store = LocalStore(folder / "append.db", site_id="bench", device_id="dev-bench")
    ours = _append_each(store, n)
    rows = store.conn.execute(f"SELECT {COLUMNS} FROM events ORDER BY pos").fetchall()
    store.close()

    # Baseline: the same rows, the same events table and pragmas, bare sqlite3.
    conn = sqlite3.connect(folder / "baseline.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    import sqlite_utils

    MIGRATIONS[0](sqlite_utils.Database(conn))
    sql = f"INSERT INTO events ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
    t0 = time.perf_counter()
    for row in rows[1:]:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(sql, row)
        conn.execute("COMMIT")
    base = time.perf_counter() - t0
    conn.close()
    print(f"append {n:,} events, one transaction each")
    print(f"  LocalStore.append : {ours:8.2f} s  {n / ours:10,.0f} events/s")
    print(f"  bare sqlite3      : {base:8.2f} s  {n / base:10,.0f} events/s")
    print(f"  ratio             : {ours / base:8.2f}   (target <= 1.5)")
    print(f"  encrypted store   : {encrypted:8.2f} s  {n / encrypted:10,.0f} events/s")
    print(f"  ratio to plain    : {encrypted / ours:8.2f}   (SQLCipher, [store] encryption)")


def build_big(path: Path, n_events: int, per_journey: int = 10) -> None:
    """Write a store of ``n_events`` events quickly, straight into its tables."""
    LocalStore(path, site_id="bench", device_id="dev-big").close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    # A year of work: the events spread evenly up to now, so "today" holds about
    # 1/365 of the journeys, as at a busy counter.
    step_ms = 365 * 24 * 3600 * 1000 // n_events
    base_ms = int(time.time() * 1000) - n_events * step_ms
    import random

    rng = random.Random(1)
    conn.execute("BEGIN")
    seq = 0
    journeys = []
    for j in range(n_events // per_journey):
        jid = uuid7(base_ms + j * step_ms * per_journey, rng.randbytes(10))
        ref = new_reference(rng.randbytes(5))
        rows = []
        for k in range(per_journey):
            seq += 1
            ms = base_ms + seq * step_ms
            wall = datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
            if k == 0:
                kind, data = "journey.started", {"ref": ref, "language": "pt"}
            elif k == 1:
                kind, data = "citizen.identified", {
                    "method": "card", "name": f"Citizen {j}", "birth_date": "1980-01-01"
                }  # fmt: skip
            else:
                kind, data = "note.added", {"text": f"note {k}"}
            rows.append(
                (uuid7(ms, rng.randbytes(10)), jid, kind, f"{ms:012x}.0000.dev-big", wall,
                 "dev-big", seq, "counter", "bench", "operator:bench", json.dumps(data))
            )  # fmt: skip
        conn.executemany(f"INSERT INTO events ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        journeys.append(
            (jid, ref, f"Citizen {j}", "pt", rows[0][4], rows[-1][4], rows[-1][3], per_journey)
        )
    conn.executemany(
        "INSERT INTO journeys (journey_id, ref, citizen_name, language, started_wall, last_day,"
        " last_wall, last_hlc, last_channel, last_site, event_count) VALUES (?,?,?,?,?,"
        "substr(?6, 1, 10),?6,?,'counter','bench',?)",
        journeys,
    )
    conn.executemany(
        "INSERT INTO journey_names (journey_id, name) VALUES (?, ?)",
        [(j[0], j[2]) for j in journeys],
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def open_and_list(path: Path) -> float:
    t0 = time.perf_counter()
    store = LocalStore(path, site_id="bench")
    today = datetime.now(UTC).strftime("%Y-%m-%dT00:00:00Z")
    page = store.journeys(since_wall=today, limit=20)
    assert len(page) > 0 or "empty" in path.name
    elapsed = time.perf_counter() - t0
    store.close()
    assert page is not None
    return elapsed


def bench_open(folder: Path, n: int) -> None:
    big, empty = folder / "big.db", folder / "empty.db"
    t0 = time.perf_counter()
    build_big(big, n)
    print(f"\nbuilt a store of {n:,} events in {time.perf_counter() - t0:.1f} s")
    LocalStore(empty, site_id="bench").close()
    open_and_list(big), open_and_list(empty)  # warm the page cache of both
    # Interleaved, so that a burst of load elsewhere on the machine hits both sides.
    big_runs, empty_runs = [], []
    for _ in range(41):
        big_runs.append(open_and_list(big))
        empty_runs.append(open_and_list(empty))
    big_t, empty_t = statistics.median(big_runs), statistics.median(empty_runs)
    print("open the store and show the first page of today's journeys (median of 41)")
    print(f"  {n:,} events : {big_t * 1000:8.2f} ms")
    print(f"  empty store  : {empty_t * 1000:8.2f} ms")
    print(f"  ratio        : {big_t / empty_t:8.2f}   (target <= 1.2)")


def bench_fold(folder: Path) -> None:
    store = LocalStore(folder / "fold.db", site_id="bench", device_id="dev-fold")
    started = store.start_journey(language="en", channel="counter", actor="system")
    jid = started.journey_id
    with store.conn:
        pass
    for i in range(999):
        store.append(
            jid,
            "answer.recorded",
            {"field": f"f{i % 40}", "value": i, "source": "typed", "supersedes": []},
            channel="counter",
            actor="system",
        )
    events = store.events_of(jid)
    times = []
    for _ in range(20):
        t0 = time.perf_counter()
        fold(jid, events)
        times.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    store.journey(jid)
    with_read = time.perf_counter() - t0
    store.close()
    print(f"\nfold a journey of {len(events):,} events")
    print(f"  fold alone (median of 20)  : {statistics.median(times) * 1000:8.2f} ms")
    print(f"  read from store + fold     : {with_read * 1000:8.2f} ms")


CARD = Identity(
    name="Maria Silva",
    birth_date="1980-02-29",
    national_number="123456789",
    nationality="PRT",
    address={"street": "Rua Nova 1", "postal_code": "1000-001", "municipality": "Lisboa"},
    card_number="C-1",
    method="card",
)


def bench_identify(folder: Path, n: int) -> None:
    drafts = identification(CARD)
    assert len(drafts) == 6
    each = LocalStore(folder / "identify-each.db", site_id="bench", device_id="dev-each")
    many = LocalStore(folder / "identify-many.db", site_id="bench", device_id="dev-many")
    ours = base = 0.0
    # Interleaved, so that a burst of load elsewhere on the machine hits both sides.
    for _ in range(n):
        t0 = time.perf_counter()
        started = each.start_journey(language="pt", channel="counter", actor="operator:bench")
        for kind, data in drafts:
            each.append(started.journey_id, kind, data, channel="counter", actor="operator:bench")
        t1 = time.perf_counter()
        many.append_many(NewJourney("pt"), drafts, channel="counter", actor="operator:bench")
        t2 = time.perf_counter()
        base, ours = base + t1 - t0, ours + t2 - t1
    assert each.count_events() == many.count_events() == 7 * n
    each.close()
    many.close()
    print(f"\nidentify {n:,} citizens (start + identify + 5 card answers: 7 events each)")
    print(f"  one transaction per event   : {base:8.2f} s  {n / base:10,.0f} citizens/s")
    print(f"  append_many, one per citizen: {ours:8.2f} s  {n / ours:10,.0f} citizens/s")
    print(f"  ratio                       : {ours / base:8.2f}   (target < 1)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--append", type=int, default=100_000, help="events to append")
    parser.add_argument("--big", type=int, default=1_000_000, help="events in the big store")
    parser.add_argument("--identify", type=int, default=1_000, help="citizens to identify")
    parser.add_argument("--dir", type=Path, help="where to write (default: a temp folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        bench_append(folder, args.append)
        bench_open(folder, args.big)
        bench_fold(folder)
        bench_identify(folder, args.identify)


if __name__ == "__main__":
    main()
