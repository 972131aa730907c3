"""Benchmark of the citizen's pages under concurrent clients; prints figures against a baseline.

For each database (the embedded SQLite, then PostgreSQL when Debian's packages
are there): N journeys with a live handoff (five services of a move, their
answers, two steps done at the counter, an agency's status) are pushed into a
central store through enrolled counters, ``counterpart central serve`` is
started on a free loopback port, and a load generator in its own process (so
it does not share the server's GIL) opens one journey per client as a phone
would, through httpx: the receipt's link, the date of birth confirmed once, the
cookies kept. Then C concurrent clients, each with one keep-alive connection,
ask one target as fast as it answers, S seconds for each target in all, after a
short warm-up; the targets take turns of 2 s, so that a burst of load elsewhere
on the machine hits each of them alike:

1. ``/static/site.css``, a static file served by the same server (the baseline);
2. the handoff page, ``/c/{token}``, the page the receipt's QR opens;
3. the journey page, ``/journey``, behind the confirmed visit.

It prints requests per second, p50 and p99 latency and the non-2xx (or failed)
answers of each; the share of a core the server and the load generator used
meanwhile (a generator near 100% would be measuring itself; a server well under
100% was short of CPU, and the load average printed says whether other work
shared the machine); and the journey page's p99 against the static file's.
Target: <= 3. Its p50 and throughput against the static file's are printed too:
on a busy machine the p99 of every target is mostly time spent waiting for a
core. With clients that never pause, latency is about C divided by throughput.
Nothing is asserted on the figures; a load that sees errors says so.

Usage: python bench/web.py [--seconds S] [--clients C] [--quick] [--no-postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sync.central.store import CentralStore  # noqa: E402
from sync.domain.handoff import TOKEN_BYTES, handoff_id_for, token_from_bytes, token_hash  # noqa: E402
from tests.domain.factory import SimDevice, new_journey_id  # noqa: E402
from tests.sync.serverproc import free_port  # noqa: E402
from tests.web.seed import BIRTH_DATE, enrolled  # noqa: E402

TARGETS = (
    ("static file", "/static/site.css"),
    ("handoff page", "/c/{token}"),
    ("journey page", "/journey"),
)
"""What the clients ask, in this order; the first is the baseline."""
SLICE_SECONDS = 2.0
"""How long a target has the clients before the next one's turn."""
TARGET_RATIO = 3.0
"""The journey page's p99 may be at most this many times the static file's."""
WIDE_OPEN = 1_000_000
"""The throttle of the ways in, per client and per link: the most ``[central]`` allows."""

MOVE = (
    "municipality.residence-registration",
    "tax.change-of-address",
    "social-security.change-of-address",
    "health.change-health-centre",
    "municipality.waste-collection",
)
"""The services of every seeded journey: a citizen who moved house."""
ANSWERS: dict[str, Any] = {
    "citizen.name": "Maria da Conceição Silva",
    "citizen.birth_date": BIRTH_DATE,
    "citizen.nationality": "PRT",
    "citizen.national_number": "123456789",
    "citizen.phone": "+351912345678",
    "address.new": "Rua das Flores 12, 2.º esq., 1200-195 Lisboa",
    "address.move_date": "2026-11-15",
    "household.size": 3,
    "municipal.previous_municipality": "Porto",
    "tax.number": "123456789",
    "ss.number": "12345678901",
    "health.user_number": "987654321",
}
"""Answers recorded at the counter (from the card, or typed)."""
DONE = (
    ("municipality.residence-registration", "identity"),
    ("tax.change-of-address", "new-address"),
)
"""Steps completed at the counter before the receipt was printed."""


@dataclass(frozen=True)
class Figures:
    """What the load generator measured of one target (CPU shares: 1.0 is one core)."""

    name: str
    path: str
    requests: int
    seconds: float
    """How long the target had the clients, its turns' drains included."""
    p50_ms: float
    p99_ms: float
    errors: int
    statuses: dict[str, int]
    generator_cpu: float
    server_cpu: float = 0.0

    @property
    def rate(self) -> float:
        """Requests answered per second."""
        return self.requests / self.seconds


def percentile(ordered: list[float], fraction: float) -> float:
    """The value at ``fraction`` of an ascending list."""
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def seed(store: CentralStore, n: int) -> tuple[list[str], int]:
    """Push ``n`` journeys, each by its own enrolled counter; returns their links' tokens
    and the events a journey holds."""
    tokens: list[str] = []
    count = 0
    for i in range(n):
        device = enrolled(store, f"counter-{i:03d}", site="lisboa")
        counter = SimDevice(device.device_id, journey_id=new_journey_id(f"bench-{i}"),
                            site_id=device.site_id, actor="operator:bench")  # fmt: skip
        events = [counter.start(language="pt")]
        events.append(counter.event("citizen.identified", {
            "method": "card", "name": ANSWERS["citizen.name"], "birth_date": BIRTH_DATE,
            "national_number": ANSWERS["citizen.national_number"],
        }))  # fmt: skip
        events.append(counter.event("consent.given", {"purposes": ["services", "handoff"]}))
        events += [counter.event("service.added", {"service": s}) for s in MOVE]
        for key, value in ANSWERS.items():
            source = "card" if key.startswith("citizen.") else "typed"
            events.append(counter.answer(key, value, source=source))
        for service, step in DONE:
            events.append(counter.event("step.completed", {"service": service, "step": step}))
        events.append(counter.event("note.added", {"text": "will finish the rest at home"}))
        token = token_from_bytes(secrets.token_bytes(TOKEN_BYTES))
        hashed = token_hash(token)
        expires = (datetime.now(UTC) + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
        events.append(counter.event("handoff.issued", {
            "handoff_id": handoff_id_for(hashed), "token_hash": hashed, "expires": expires,
        }))  # fmt: skip
        events.append(counter.event("receipt.printed", {"language": "pt"}))
        result = store.push(device, [e.to_dict() for e in events])
        assert result.stored == len(events), result.results
        store.record_status("tax", str(events[0].data["ref"]), "tax.change-of-address",
                            "accepted", "Morada fiscal actualizada.")  # fmt: skip
        tokens.append(token)
        count = len(events) + 1
    return tokens, count


def write_config(folder: Path, port: int) -> Path:
    """A kiosk.toml for the server: its paths in ``folder``, the repo's demo catalogue.

    The throttle of the ways in is set as high as it goes: every client comes from
    127.0.0.1, one client to it, which the defaults (60 at once, then 1 a second)
    would send to the "wait a moment" page after the first few. Each request still
    takes from it, so its cost is measured.
    """
    path = folder / "kiosk.toml"
    path.write_text(
        f'[site]\nid = "bench-web"\nname = "Benchmark"\n\n'
        f'[store]\npath = "{folder}/var/counterpart.db"\n\n'
        f'[central]\nurl = "off"\npublic_url = "http://127.0.0.1:{port}"\n'
        f'documents_path = "{folder}/var/documents"\n'
        f"web_requests_burst = {WIDE_OPEN}\nweb_requests_per_second = {WIDE_OPEN}\n\n"
        f'[catalogue]\npath = "{ROOT}/fixtures/catalogue"\n',
        encoding="utf-8",
    )
    return path


@contextmanager
def serving(db_url: str, folder: Path) -> Iterator[tuple[str, int]]:
    """``counterpart central serve`` over ``db_url``; yields its URL and process id.

    Its stderr goes to a file, not a pipe nobody reads while the load runs (a full
    pipe would stall the server); the file's last lines are shown if it fails.
    """
    import httpx

    port = free_port()
    config = write_config(folder, port)
    url = f"http://127.0.0.1:{port}"
    log = folder / f"serve-{port}.log"
    argv = [sys.executable, "-m", "app.cli", "--config", str(config), "central", "serve",
            "--db", db_url, "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    with log.open("wb") as err:
        proc = subprocess.Popen(argv, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                stdout=subprocess.DEVNULL, stderr=err)  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"central serve did not start: {log.read_text()[-2000:]}")
            try:
                if httpx.get(url + "/static/site.css", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        logged = log.read_text(errors="replace").strip()
        if logged:
            print(f"  server's log: {len(logged.splitlines())} lines; last: "
                  f"{logged.splitlines()[-1][:200]}")  # fmt: skip


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of process ``pid`` (its threads included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_load(
    url: str, tokens: list[str], seconds: float, warmup: float, server_pid: int
) -> list[Figures]:
    """Run the load generator in a child process; time the server's CPU over each slice.

    The child prints a line as each measured slice starts and ends, and its
    figures as JSON at the end.
    """
    argv = [sys.executable, __file__, "--load", url, str(seconds), str(warmup)]
    with subprocess.Popen(argv, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          text=True) as child:  # fmt: skip
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(json.dumps(tokens))
        child.stdin.close()
        server_cpu = {name: 0.0 for name, _template in TARGETS}
        server_wall = dict(server_cpu)
        started = (0.0, 0.0)
        for line in child.stdout:
            kind, _, rest = line.strip().partition(" ")
            if kind == "start":
                started = (cpu_seconds(server_pid), time.perf_counter())
            elif kind == "end":
                server_cpu[rest] += cpu_seconds(server_pid) - started[0]
                server_wall[rest] += time.perf_counter() - started[1]
            elif kind == "figures":
                figures = [Figures(**f) for f in json.loads(rest)]
    if child.returncode:
        raise RuntimeError(f"the load generator exited with {child.returncode}")
    return [replace(f, server_cpu=server_cpu[f.name] / server_wall[f.name]) for f in figures]


HEADERS = {"accept-encoding": "gzip", "accept-language": "pt-PT,pt;q=0.9",
           "user-agent": "counterpart-bench"}  # fmt: skip
"""What a phone's browser sends (and the language the journeys were started in)."""


async def _open_visit(client: Any, token: str) -> str:
    """As a phone does: the link, then the date of birth; returns the cookies kept, as the
    ``Cookie`` header the browser would send next."""
    page = await client.get(f"/c/{token}")
    found = re.search(r'name="csrftoken" value="([^"]+)"', page.text)
    if page.status_code != 200 or found is None:
        raise RuntimeError(f"/c/{{token}} answered {page.status_code} without a form")
    year, month, day = BIRTH_DATE.split("-")
    answer = await client.post("/c/confirm", data={
        "csrftoken": found.group(1), "token": token,
        "day": str(int(day)), "month": str(int(month)), "year": year,
    })  # fmt: skip
    if answer.status_code != 303 or "cp_visit" not in client.cookies:
        raise RuntimeError(f"confirming the date of birth answered {answer.status_code}")
    return "; ".join(f"{name}={value}" for name, value in client.cookies.items())


class Connection:
    """One client's keep-alive HTTP/1.1 connection, asking GETs one at a time.

    A few lines over asyncio's streams rather than httpx: on two cores the
    generator shares the machine with the server, and httpx spends about as much
    CPU on a request as the server does on a static file. It reads the status,
    the headers it needs and the body as sent (Content-Length or chunked, gzip
    left as it came); ``check`` compares it with httpx on every target first.
    """

    def __init__(self, host: str, port: int, cookie: str) -> None:
        self.host, self.port = host, port
        lines = [f"host: {host}:{port}", *(f"{k}: {v}" for k, v in HEADERS.items()),
                 f"cookie: {cookie}"]  # fmt: skip
        self._head = "\r\n".join(lines).encode() + b"\r\n\r\n"
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        """Status, headers (lowercased names) and body of ``GET path``.

        Raises:
            OSError, asyncio.IncompleteReadError, ValueError: the connection failed or
                the answer was not HTTP/1.1 (the connection is dropped; the next GET
                opens another).
        """
        if self._streams is None:
            self._streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self._streams
        try:
            writer.write(f"GET {path} HTTP/1.1\r\n".encode() + self._head)
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            status = int(head[0].split(" ", 2)[1])
            headers = {}
            for line in head[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            if "content-length" in headers:
                body = await reader.readexactly(int(headers["content-length"]))
            elif headers.get("transfer-encoding") == "chunked":
                body = await self._chunks(reader)
            else:
                raise ValueError(f"an answer of unknown length: {head[0]}")
        except BaseException:
            await self.close()
            raise
        if headers.get("connection") == "close":
            await self.close()
        return status, headers, body

    @staticmethod
    async def _chunks(reader: asyncio.StreamReader) -> bytes:
        parts = []
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            parts.append((await reader.readexactly(size + 2))[:-2])
        while await reader.readuntil(b"\r\n") != b"\r\n":  # trailers, then the blank line
            pass
        return b"".join(parts)

    async def close(self) -> None:
        if self._streams is not None:
            writer = self._streams[1]
            self._streams = None
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


async def check(client: Any, connection: Connection, path: str) -> None:
    """The same answer through ``Connection`` as through httpx: status and body."""
    import gzip

    theirs = await client.get(path)
    status, headers, body = await connection.get(path)
    if headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    # A page carries a fresh CSRF token each time, of the same length.
    if (status, len(body)) != (theirs.status_code, len(theirs.content)):
        raise RuntimeError(f"{path}: {status}, {len(body)} bytes; httpx read "
                           f"{theirs.status_code}, {len(theirs.content)} bytes")  # fmt: skip


class Tally:
    """What one target's slices measured: each request's latency and status, and how long
    (wall and the generator's CPU) the target had the server."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.statuses: dict[str, int] = {}
        self.busy = 0.0
        self.cpu = 0.0

    def figures(self, name: str, template: str) -> Figures:
        ms = sorted(x * 1000 for x in self.latencies)
        errors = sum(n for s, n in self.statuses.items() if not s.startswith("2"))
        p50, p99 = percentile(ms, 0.5), percentile(ms, 0.99)
        return Figures(name, template, len(ms), self.busy, p50, p99, errors, self.statuses,
                       self.cpu / self.busy)  # fmt: skip


async def drive(
    connections: list[Connection], paths: list[str], seconds: float, tally: Tally | None
) -> None:
    """Every connection asks its path again and again, starting requests for ``seconds``;
    each one started is waited for and counted in ``tally`` (None: a warm-up)."""
    end = time.perf_counter() + seconds

    async def client(connection: Connection, path: str) -> None:
        while (t0 := time.perf_counter()) < end:
            try:
                status = str((await connection.get(path))[0])
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                status = type(exc).__name__
            if tally is not None:
                tally.latencies.append(time.perf_counter() - t0)
                tally.statuses[status] = tally.statuses.get(status, 0) + 1

    await asyncio.gather(*(client(c, p) for c, p in zip(connections, paths, strict=True)))


async def _load(url: str, tokens: list[str], seconds: float, warmup: float) -> list[Figures]:
    import httpx

    host, port = url.removeprefix("http://").split(":")
    phones = [httpx.AsyncClient(base_url=url, timeout=60, headers=HEADERS) for _ in tokens]
    cookies = await asyncio.gather(
        *(_open_visit(c, t) for c, t in zip(phones, tokens, strict=True))
    )
    connections = [Connection(host, int(port), cookie) for cookie in cookies]
    paths = {name: [template.format(token=t) for t in tokens] for name, template in TARGETS}
    for name, _template in TARGETS:
        await check(phones[0], connections[0], paths[name][0])
    for phone in phones:
        await phone.aclose()
    for name, _template in TARGETS:
        await drive(connections, paths[name], warmup / len(TARGETS), None)
    # In slices, the targets taking turns: a burst of load elsewhere on the machine
    # then hits each of them alike, and the ratio holds.
    rounds = max(1, round(seconds / SLICE_SECONDS))
    tallies = {name: Tally() for name, _template in TARGETS}
    for _ in range(rounds):
        for name, _template in TARGETS:
            print("start", name, flush=True)
            wall, cpu = time.perf_counter(), sum(os.times()[:2])
            await drive(connections, paths[name], seconds / rounds, tallies[name])
            tallies[name].busy += time.perf_counter() - wall
            tallies[name].cpu += sum(os.times()[:2]) - cpu
            print("end", name, flush=True)
    for connection in connections:
        await connection.close()
    return [tallies[name].figures(name, template) for name, template in TARGETS]


def load_main(url: str, seconds: float, warmup: float) -> None:
    """The load generator's process: tokens as JSON on stdin, figures as JSON on stdout."""
    tokens = json.loads(sys.stdin.read())
    figures = asyncio.run(_load(url, tokens, seconds, warmup))
    print("figures", json.dumps([f.__dict__ for f in figures]), flush=True)


def bench_backend(
    name: str, db_url: str, folder: Path, clients: int, seconds: float, warmup: float
) -> None:
    t0 = time.perf_counter()
    store = CentralStore(db_url)
    tokens, per_journey = seed(store, clients)
    store.close()
    turn = seconds / max(1, round(seconds / SLICE_SECONDS))
    print(f"\n[{name}] {clients} journeys of {per_journey} events ({len(MOVE)} services, "
          f"{len(ANSWERS)} answers), seeded in {time.perf_counter() - t0:.1f} s")  # fmt: skip
    print(f"  {clients} clients, {seconds:g} s a target in turns of {turn:g} s, "
          f"after {warmup:g} s of warm-up; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")  # fmt: skip
    with serving(db_url, folder) as (url, pid):
        figures = run_load(url, tokens, seconds, warmup, pid)
        for f in figures:
            print(
                f"  {f.name:<12} {f.path:<17} {f.rate:8,.0f} req/s  p50 {f.p50_ms:7.1f} ms  "
                f"p99 {f.p99_ms:7.1f} ms  errors {f.errors:,} of {f.requests:,}"
                f"{'' if not f.errors else ' ' + json.dumps(f.statuses)}  "
                f"(CPU: server {f.server_cpu:4.0%}, load generator {f.generator_cpu:4.0%})"
            )
    static, journey = figures[0], figures[-1]
    ratio = journey.p99_ms / static.p99_ms
    met = "met" if ratio <= TARGET_RATIO else "NOT met"
    print(f"  journey page p99 / static file p99: {ratio:.2f}x "
          f"(target <= {TARGET_RATIO:g}: {met})")  # fmt: skip
    # A p99 of a loaded machine is mostly the scheduler's; these two are steadier.
    print(f"  journey page p50 / static file p50: {journey.p50_ms / static.p50_ms:.2f}x; "
          f"static file req/s / journey page req/s: {static.rate / journey.rate:.2f}x")  # fmt: skip
    if any(f.errors for f in figures):
        print("  some answers were not 2xx: the figures above count them as answered")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20, help="measured seconds a target")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (journeys)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 2 s a target")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--load", nargs=3, metavar=("URL", "SECONDS", "WARMUP"),
                        help=argparse.SUPPRESS)  # fmt: skip
    args = parser.parse_args()
    if args.load:
        url, seconds, warmup = args.load
        load_main(url, float(seconds), float(warmup))
        return
    seconds = 2.0 if args.quick else args.seconds
    warmup = min(2.0, seconds / 4)
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        folder = Path(tmp)
        bench_backend("sqlite", f"sqlite:///{folder / 'central.db'}", folder, args.clients,
                      seconds, warmup)  # fmt: skip
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
            bench_backend("postgresql", pg.database(), folder, args.clients, seconds, warmup)
        finally:
            pg.stop()


if __name__ == "__main__":
    main()
