"""Benchmark of the insight: its pages beside a count of the event log, and what the rollups
cost the intake; prints figures and ratios against baselines measured in the same run.

For each database (SQLite, then PostgreSQL when Debian's packages are there): the
generated network of ``tests/insight/network.py`` scaled to N events (10 sites, a
counter, a van and a kiosk each) is pushed through ``CentralStore.push`` in
batches of 500, counters and vans first, timed: push events/s without the
rollups. Then ``rollup.refresh`` folds them all in, timed: events/s with the
rollups is N over push time plus fold time (the server folds each push's events
after answering it, under the same writer lock, so that is what intake costs).

Then, through the ASGI app with a dashboard token (httpx over the app in-process),
R requests each of the national page ``/insight``, one site's
``/insight?site=site-03`` and one agency's ``/insight?agency=education``, p50 and
p95, beside ``SELECT count(*) FROM events``
run R times in the same run (the baseline: target, each page faster than it).

Usage: python bench/insight.py [--events N] [--repeats R] [--no-postgres]
(N defaults to 1,000,000.)
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from sqlalchemy import text  # noqa: E402

from sync.catalogue.loader import load_catalogue  # noqa: E402
from sync.central.asgi import create_app  # noqa: E402
from sync.central.insight import rollup, tokens  # noqa: E402
from sync.central.store import CentralStore  # noqa: E402
from sync.central.web.settings import WebSettings  # noqa: E402
from tests.insight.network import generate  # noqa: E402

EVENTS_PER_JOURNEY = 11.2  # about what the generator makes
BATCH = 500


def pct(samples: list[float], q: float) -> float:
    """The q-quantile of samples, in ms."""
    ordered = sorted(samples)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bench_backend(name: str, db_url: str, events: int, repeats: int, folder: Path) -> None:
    catalogue = load_catalogue(ROOT / "fixtures" / "catalogue")
    t0 = time.perf_counter()
    devices, _ = generate(
        catalogue, int(time.time() * 1000), journeys=int(events / EVENTS_PER_JOURNEY)
    )
    total = sum(len(d.events) for d in devices)
    print(f"\n[{name}] {total} events of {int(events / EVENTS_PER_JOURNEY)} journeys "
          f"(generated in {time.perf_counter() - t0:.1f} s)")  # fmt: skip
    store = CentralStore(db_url)
    try:
        held = {}
        for d in devices:
            token, _ = store.enrol(store.issue_enrolment_code(d.site), d.device_id)
            held[d.device_id] = store.device_for_token(token)
        t0 = time.perf_counter()
        for d in sorted(devices, key=lambda d: d.channel == "kiosk"):
            for i in range(0, len(d.events), BATCH):
                store.push(held[d.device_id], d.events[i : i + BATCH])
        push_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        folded = rollup.refresh(store)
        fold_s = time.perf_counter() - t0
        assert folded == total, (folded, total)
        print(f"push without rollups: {total / push_s:10.0f} events/s ({push_s:.1f} s)")
        print(f"push with rollups:    {total / (push_s + fold_s):10.0f} events/s "
              f"(+ {fold_s:.1f} s folding; {fold_s / push_s:.2f}x the push)")  # fmt: skip
        count_s: list[float] = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            with store.read() as conn:
                conn.execute(text("SELECT count(*) FROM events")).scalar()
            count_s.append(time.perf_counter() - t0)
        token = tokens.issue(store, "bench")
        web = WebSettings(catalogue=lambda: catalogue, public_url="http://127.0.0.1",
                          documents=folder / "documents")  # fmt: skip
        app = create_app(db_url, store=store, web=web)
        pages = asyncio.run(_pages(app, token, repeats))
        print(f"SELECT count(*) FROM events: p50 {pct(count_s, .5):7.1f} ms  "
              f"p95 {pct(count_s, .95):7.1f} ms")  # fmt: skip
        for label, samples in pages.items():
            print(f"{label:28} p50 {pct(samples, .5):7.1f} ms  p95 {pct(samples, .95):7.1f} ms  "
                  f"p50 / count's p50: {pct(samples, .5) / pct(count_s, .5):.2f}")  # fmt: skip
    finally:
        store.close()


async def _pages(app: Callable[..., object], token: str, repeats: int) -> dict[str, list[float]]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    found: dict[str, list[float]] = {}
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1",
                                 headers={"authorization": f"Bearer {token}"}) as http:  # fmt: skip
        for label, path in (("national page /insight", "/insight"),
                            ("site page ?site=site-03", "/insight?site=site-03"),
                            ("agency page ?agency=education",
                             "/insight?agency=education")):  # fmt: skip
            samples = found[label] = []
            await http.get(path)  # warm the templates
            for _ in range(repeats):
                t0 = time.perf_counter()
                r = await http.get(path, timeout=600)
                samples.append(time.perf_counter() - t0)
                assert r.status_code == 200, r.text[:200]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-insight-") as tmp:
        folder = Path(tmp)
        bench_backend("sqlite", f"sqlite:///{folder / 'central.db'}", args.events, args.repeats,
                      folder)  # fmt: skip
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
            bench_backend("postgresql", pg.database(), args.events, args.repeats, folder)
        finally:
            pg.stop()


if __name__ == "__main__":
    main()
