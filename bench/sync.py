"""Benchmark of sync: push and pull through a central server process over loopback.

For each database (SQLite, then PostgreSQL when Debian's packages are there):

1. A device store with J journeys and N events pushes everything to a central
   server process (``counterpart central serve``) over loopback. Baseline: the
   same rows bulk-inserted straight into the same kind of database
   (``executemany`` on SQLite, ``COPY`` on PostgreSQL). Target: ratio <= 3.
2. A fresh device of the same site pulls all N. Baseline: the same bulk insert.
3. Bytes on the wire per event (request and response bodies as sent, headers
   left out) against gzip'd JSON lines of the same events. Target: <= 1.25.
4. The client's peak memory (its own process's VmHWM). Target: <= 150 MB.
5. A shaped link (``tests/sync/shaped_proxy.py``: 20 kbit/s, 500 ms each way, a
   2G uplink): a backlog of 2,000 notes of 300 characters, pushed first through
   an unshaped proxy (the baseline: its bytes are what the backlog needs), then
   over the shaped link, then over the shaped link cutting a connection every
   60 KB up (three at most). Events per second, and the share of the uplink's
   capacity used: bytes it carried up over (rate x seconds). Target: >= 75% on
   the link without cuts. "Useful" counts only the baseline's bytes.

Usage: python bench/sync.py [--journeys J] [--events N] [--no-postgres]
                            [--no-shaped | --shaped-only]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from sync.central import schema  # noqa: E402
from sync.central.store import CentralStore  # noqa: E402
from sync.client import Backoff, SyncClient, enrol  # noqa: E402
from sync.domain.envelope import NAMES as COLUMNS  # noqa: E402
from sync.store.store import LocalStore  # noqa: E402


def make_device_store(path: Path, journeys: int, events: int) -> None:
    store = LocalStore(path, site_id="bench", device_id="dev-bench")
    store.conn.execute("PRAGMA synchronous = OFF")  # building the fixture, not measuring it
    per = max(events // journeys, 1)
    made = 0
    for j in range(journeys):
        started = store.start_journey(language="pt", channel="counter", actor="operator:bench")
        made += 1
        for i in range(per - 1):
            if made >= events:
                break
            store.append(started.journey_id, "answer.recorded",
                         {"field": f"field.{i}", "value": f"value {j}.{i}", "source": "typed",
                          "supersedes": []},
                         channel="counter", actor="operator:bench")  # fmt: skip
            made += 1
    store.close()


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    VmHWM, not ``ru_maxrss``: Linux keeps ``ru_maxrss`` across fork and exec, so a
    child would report its parent's peak.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def client_main(mode: str, store_path: str, url: str, token: str, device_id: str) -> None:
    """Run in a child process: push or pull, then print figures as JSON."""
    import httpx

    sent = received = 0

    class Counting(httpx.HTTPTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            nonlocal sent, received
            sent += len(request.read())
            response = super().handle_request(request)
            raw = b"".join(response.iter_raw())
            received += len(raw)
            return httpx.Response(response.status_code, headers=response.headers,
                                  stream=httpx.ByteStream(raw))  # fmt: skip

    store = LocalStore(store_path, site_id="bench", device_id=device_id)
    client = SyncClient(store, url, token, Counting(), backoff=Backoff.off(), timeout=300)
    t0 = time.perf_counter()
    report = client.push() if mode == "push" else client.pull()
    seconds = time.perf_counter() - t0
    figures = {"seconds": seconds, "sent": sent, "received": received,
               "pushed": report.pushed, "pulled": report.pulled,
               "maxrss_mb": peak_rss_mb()}  # fmt: skip
    print(json.dumps(figures))


def run_client(mode: str, store_path: Path, url: str, token: str, device: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--client", mode, str(store_path), url, device],
        check=True, capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "BENCH_TOKEN": token},  # a token may start with "-"
    )  # fmt: skip
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def baseline_insert(db_url: str, rows: list[dict[str, Any]]) -> float:
    central = CentralStore(db_url)
    t0 = time.perf_counter()
    if central.is_postgres:
        with central.engine.begin() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            with (
                raw.cursor() as cur,
                cur.copy(  # type: ignore[attr-defined]
                    f"COPY events ({', '.join(COLUMNS)}, received) FROM STDIN"
                ) as copy,
            ):
                for r in rows:
                    copy.write_row([*(r[c] for c in COLUMNS), "now"])
    else:
        with central.write() as conn:
            conn.execute(insert(schema.events), [{**r, "received": "now"} for r in rows])
    seconds = time.perf_counter() - t0
    central.close()
    return seconds


def bench_backend(name: str, new_db: Any, folder: Path, device_db: Path, n: int) -> None:
    from tests.sync.serverproc import CentralServer, write_config

    with LocalStore(device_db, site_id="bench", device_id="dev-bench") as store:
        store.set_state("acked_seq", "0")  # a fresh central database for each backend
        store.conn.execute("DELETE FROM parked")
        rows = [{c: v for c, v in zip(COLUMNS, r, strict=True)} for r in store.conn.execute(
            f"SELECT {', '.join(COLUMNS)} FROM events ORDER BY seq")]  # fmt: skip
    lines = b"".join(
        json.dumps({**r, "data": json.loads(r["data"])}, separators=(",", ":")).encode() + b"\n"
        for r in rows
    )
    gz_per_event = len(gzip.compress(lines)) / n

    db_url = new_db()
    central = CentralStore(db_url)
    codes = [central.issue_enrolment_code("bench") for _ in range(2)]
    central.close()
    server = CentralServer(db_url, write_config(folder, "bench", "http://x"))
    server.start()
    try:
        token, _ = enrol(server.url, codes[0], "dev-bench")
        push = run_client("push", device_db, server.url, token, "dev-bench")
        fresh = folder / f"fresh-{name}.db"
        with LocalStore(fresh, site_id="bench", device_id="dev-fresh"):
            pass
        token2, _ = enrol(server.url, codes[1], "dev-fresh")
        pull = run_client("pull", fresh, server.url, token2, "dev-fresh")
    finally:
        server.stop()
    base = baseline_insert(new_db(), rows)

    print(f"\n[{name}] {n} events")
    for label, fig, moved in (("push", push, push["pushed"]), ("pull", pull, pull["pulled"])):
        rate = n / fig["seconds"]
        ratio = fig["seconds"] / base
        wire = (fig["sent"] + fig["received"]) / n
        print(f"  {label}: {rate:,.0f} events/s ({fig['seconds']:.2f} s), {ratio:.2f}x the "
              f"bulk-insert baseline ({n / base:,.0f} events/s; target <= 3)")  # fmt: skip
        print(f"        {wire:.1f} bytes/event on the wire vs {gz_per_event:.1f} gzip'd JSON lines "
              f"= {wire / gz_per_event:.2f} (target <= 1.25); "
              f"client peak RSS {fig['maxrss_mb']:.0f} MB (target <= 150)")  # fmt: skip
        assert moved == n, f"{label} moved {moved} of {n}"


def bench_shaped(folder: Path) -> None:
    """The shaped-link figure (5 in the module's docstring)."""
    from tests.sync import test_shaped_link as shaped

    rate, events = shaped.RATE, shaped.EVENTS

    source = folder / "van.db"
    shaped.make_backlog(source)
    runs = (
        ("unbroken", {"rate": None}),
        ("shaped", {"rate": rate, "latency": shaped.LATENCY}),
        ("shaped, cuts", {"rate": rate, "latency": shaped.LATENCY, "cut_every": shaped.CUT_EVERY,
                          "max_cuts": shaped.MAX_CUTS}),
    )  # fmt: skip
    print(f"\n[shaped link] {events} notes of 300 characters; {rate * 8 / 1000:.0f} kbit/s and "
          f"{shaped.LATENCY * 1000:.0f} ms each way")  # fmt: skip
    needed = 0
    for name, options in runs:
        label = name.replace(", ", "-")
        copy = folder / f"van-{label}.db"
        with LocalStore(source, site_id="van-1") as store:
            store.conn.execute("VACUUM INTO ?", (str(copy),))
        report, proxy, seconds, _seen, _held = shaped.push_through(copy, folder, label, options)
        assert report.left == 0 and report.pushed == events, report.summary()
        up = proxy.upstream_bytes
        line = (f"  {name}: {events / seconds:,.1f} events/s ({seconds:.1f} s), "
                f"{report.requests} requests ({report.resent} resent, {report.timeouts} timed "
                f"out), {up:,} bytes up")  # fmt: skip
        if options.get("rate") is None:
            needed = up
            print(line + " (the bytes the backlog needs)")
            continue
        used = up / (rate * seconds)
        useful = needed / (rate * seconds)
        target = " (target >= 75%)" if "cut_every" not in options else ""
        print(f"{line} = {up / needed:.2f}x; {proxy.cuts} cuts")
        print(f"        uplink capacity used {used:.0%}{target}, useful {useful:.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--no-postgres", action="store_true")
    shaped = parser.add_mutually_exclusive_group()
    shaped.add_argument("--no-shaped", action="store_true", help="leave out the shaped link")
    shaped.add_argument("--shaped-only", action="store_true", help="only the shaped link")
    parser.add_argument("--client", nargs=4, metavar=("MODE", "STORE", "URL", "DEVICE"))
    args = parser.parse_args()
    if args.client:
        mode, store, url, device = args.client
        client_main(mode, store, url, os.environ["BENCH_TOKEN"], device)
        return
    if args.shaped_only:
        with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
            bench_shaped(Path(tmp))
        return
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        folder = Path(tmp)
        device_db = folder / "device.db"
        t0 = time.perf_counter()
        make_device_store(device_db, args.journeys, args.events)
        print(f"device store: {args.journeys} journeys, {args.events} events "
              f"(built in {time.perf_counter() - t0:.1f} s)")  # fmt: skip
        count = [0]

        def sqlite_db() -> str:
            count[0] += 1
            return f"sqlite:///{folder / f'central-{count[0]}.db'}"

        bench_backend("sqlite", sqlite_db, folder, device_db, args.events)
        if not args.no_shaped:
            bench_shaped(folder)
        if args.no_postgres:
            return
        from tests.sync.postgres import PostgresServer, available

        reason = available()
        if reason:
            print(f"\n[postgresql] skipped: {reason}")
            return
        pg = PostgresServer()
        pg.start()
        try:
            bench_backend("postgresql", pg.database, folder, device_db, args.events)
        finally:
            pg.stop()


if __name__ == "__main__":
    main()
