"""The device side of sync: enrol, push this device's events, pull others', fetch on demand.

``SyncClient.sync_once`` runs one round and returns a ``SyncReport``; being offline
is a state of the report, never an exception the UI has to catch. Pushes resume
from the last seq the central store acknowledged (``acked_seq`` in the store), in
gzip'd batches that ``sync.pacing.Pacer`` sizes from the link's measured throughput
(one request takes a few seconds, even over 2G; its timeout follows from its size);
a cut connection or a timeout costs one small batch resent, which the server
recognises by event id. Events the server quarantined are kept as
*parked* with its reason. Pulls resume from the server's cursor (``pull_cursor``)
and go through ``LocalStore.insert_pulled``, which moves the clock past them and
reports, without storing, any event this version cannot read.

Transient failures (connection errors, timeouts, 5xx, 429) are retried with
exponential backoff and full jitter; ``Backoff.off()`` switches that off in tests.
A push retries by sending a smaller batch, never the same big one again. While a
round runs, ``watch`` gets a ``sync.progress.SyncProgress`` after each push
answered or failed and each page pulled.

httpx is imported when a client is made, not with this module: the app imports
it at start-up, and its first screen does not talk to the central store.
"""

from __future__ import annotations

import gzip
import random
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from sync.domain.clocks import WALL_HEADER
from sync.errors import SyncOffline, SyncRejected, SyncUnauthorized
from sync.pacing import Failure, Pacer
from sync.progress import Phase, SyncProgress
from sync.store.store import LocalStore

if TYPE_CHECKING:
    import httpx

    from sync.domain.identity import Identity

API = "/api/v1"
SyncState = Literal["synced", "pending", "offline", "unauthorized", "refused"]


@dataclass(frozen=True, slots=True)
class Backoff:
    """How often and how long to retry a transient failure.

    Args:
        attempts: tries in all (1 means no retry).
        base_seconds: the first delay's ceiling; doubled after each try.
        cap_seconds: the largest delay.
        sleep: how to wait (tests pass a recorder).
        rand: a number in [0, 1) for full jitter.
    """

    attempts: int = 4
    base_seconds: float = 0.5
    cap_seconds: float = 30.0
    sleep: Callable[[float], None] = time.sleep
    rand: Callable[[], float] = random.random

    @classmethod
    def off(cls) -> Backoff:
        """One try, no waiting: for tests."""
        return cls(attempts=1, sleep=lambda _s: None)

    def delay(self, attempt: int) -> float:
        """The wait after failed try number ``attempt`` (from 1): full jitter."""
        ceiling = min(self.cap_seconds, self.base_seconds * 2.0 ** (attempt - 1))
        return float(self.rand() * ceiling)


@dataclass(slots=True)
class SyncReport:
    """What one sync round moved.

    Attributes:
        pushed: this device's events the central store newly acknowledged.
        pulled: events from elsewhere newly stored here.
        parked: events the central store quarantined in this round.
        left: this device's events still waiting to be acknowledged.
        state: ``synced`` (nothing left), ``pending`` (events left: more to do or a
            gap), ``offline``, ``unauthorized`` (enrol again) or ``refused``.
        error: what went wrong, in words, when the state says so.
        skipped: pulled events this version cannot read (left out, not stored).
        requests: push requests sent (resent ones included).
        resent: push requests that failed (timed out, cut, 5xx) and were sent again.
        timeouts: push requests that timed out.
        bytes_sent: push request bodies sent (gzip), resent ones included.
    """

    pushed: int = 0
    pulled: int = 0
    parked: int = 0
    left: int = 0
    state: SyncState = "synced"
    error: str | None = None
    skipped: list[str] = field(default_factory=list)
    requests: int = 0
    resent: int = 0
    timeouts: int = 0
    bytes_sent: int = 0

    def summary(self) -> str:
        """One line for the shell or the header."""
        line = f"pushed {self.pushed}, pulled {self.pulled}, parked {self.parked}, left {self.left}"
        if self.state in ("offline", "unauthorized", "refused"):
            return f"{self.state}: {self.error} ({line})"
        return line


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200] or response.reason_phrase
    if isinstance(body, Mapping) and "detail" in body:
        return str(body["detail"])
    return str(body)[:200]


class _LinkFailure(Exception):
    """One try failed in a way worth another (never leaves this module)."""

    def __init__(self, failure: Failure, words: str) -> None:
        super().__init__(words)
        self.failure = failure


class _Http:
    """Requests with retries, translating httpx's failures into the sync error tree."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        transport: httpx.BaseTransport | None,
        backoff: Backoff,
        timeout: float,
    ) -> None:
        import httpx

        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = httpx.Client(
            base_url=base_url.rstrip("/"),
            transport=transport,
            headers=headers,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
        )
        self.backoff = backoff

    def close(self) -> None:
        self.client.close()

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        last: str = ""
        for attempt in range(1, self.backoff.attempts + 1):
            try:
                return self.once(method, path, **kwargs)
            except _LinkFailure as exc:
                last = str(exc)
            if attempt < self.backoff.attempts:
                self.backoff.sleep(self.backoff.delay(attempt))
        raise SyncOffline(f"the central store cannot be reached ({last})")

    def once(self, method: str, path: str, *, seconds: float | None = None,
             **kwargs: Any) -> httpx.Response:  # fmt: skip
        """One try; ``seconds`` replaces the client's timeout for it.

        Raises:
            _LinkFailure: a timeout, a cut connection, 5xx or 429.
            SyncUnauthorized, SyncRejected: the central store refused the request.
        """
        import httpx

        if seconds is not None:
            kwargs["timeout"] = httpx.Timeout(seconds, connect=min(seconds, 10.0))
        try:
            response = self.client.request(method, API + path, **kwargs)
        except (httpx.ReadTimeout, httpx.WriteTimeout) as exc:
            raise _LinkFailure("timeout", f"{type(exc).__name__}: {exc}") from None
        except httpx.TransportError as exc:
            words = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            raise _LinkFailure("dropped", words) from None
        if response.status_code == 401:
            raise SyncUnauthorized(_detail(response))
        if response.status_code < 400:
            return response
        if response.status_code != 429 and response.status_code < 500:
            raise SyncRejected(response.status_code, _detail(response))
        raise _LinkFailure("server", f"HTTP {response.status_code}: {_detail(response)}")


def enrol(
    base_url: str,
    code: str,
    device_id: str,
    *,
    transport: httpx.BaseTransport | None = None,
    backoff: Backoff | None = None,
) -> tuple[str, str]:
    """Redeem an enrolment code; returns (device token, site id).

    Raises:
        SyncOffline: the central store cannot be reached.
        SyncRejected: the code is unknown, used or expired (the message says which).
    """
    http = _Http(base_url, None, transport, backoff or Backoff(), 30.0)
    try:
        response = http.request("POST", "/enrol", json={"code": code, "device_id": device_id})
    finally:
        http.close()
    body = response.json()
    return str(body["device_token"]), str(body["site_id"])


@dataclass(frozen=True, slots=True)
class _Batch:
    """One push: how many events, the seq of the last, its JSON's size and the gzip'd body."""

    count: int
    last_seq: int
    json_bytes: int
    body: bytes


class _Round:
    """What the round under way has done, for its ``SyncProgress`` snapshots."""

    def __init__(self, watch: Callable[[SyncProgress], object] | None) -> None:
        self.watch = watch
        self.started = time.monotonic()

    def tell(self, phase: Phase, report: SyncReport, pacer: Pacer, waiting: int,
             in_flight: int = 0) -> None:  # fmt: skip
        if self.watch is None:
            return
        self.watch(SyncProgress(
            phase, sent=report.pushed, waiting=waiting, pulled=report.pulled,
            seconds=time.monotonic() - self.started, bytes_sent=report.bytes_sent,
            bytes_per_second=pacer.rate, eta_seconds=pacer.eta(waiting), in_flight=in_flight,
            resent=report.resent, timeouts=report.timeouts,
        ))  # fmt: skip


class SyncClient:
    """Syncs one local store with the central store.

    Args:
        store: the device's local store.
        base_url: the central store, such as ``http://127.0.0.1:8780``.
        token: the device token from enrolment.
        transport: an httpx transport (tests pass the central store in-process).
        backoff: retry policy for transient failures; a push tries ``attempts`` times in a
            row (each time smaller) before the round says offline.
        batch_events: most events per push.
        batch_bytes: most bytes of JSON per push before gzip.
        pull_limit: most events per pull request.
        timeout: seconds per request other than a push (a push's follows from its size).
        on_progress: called with the new ``acked_seq`` after each acknowledged batch.
        pacer: sizes the batches and their timeouts (``Pacer()``: from the link's measured
            throughput; ``Pacer.fixed()`` keeps every batch at the ceiling, for tests that
            count batches). ``batch_events`` and ``batch_bytes`` cap it.
        watch: called in the round's thread with a ``SyncProgress`` as the round goes on.
    """

    def __init__(
        self,
        store: LocalStore,
        base_url: str,
        token: str,
        transport: httpx.BaseTransport | None = None,
        *,
        backoff: Backoff | None = None,
        batch_events: int = 2000,
        batch_bytes: int = 1_000_000,
        pull_limit: int = 1000,
        timeout: float = 30.0,
        on_progress: Callable[[int], None] | None = None,
        pacer: Pacer | None = None,
        watch: Callable[[SyncProgress], object] | None = None,
    ) -> None:
        self.store = store
        self.on_progress = on_progress
        self.pacer = pacer or Pacer()
        self.pacer.max_events = min(self.pacer.max_events, batch_events)
        self.pacer.max_json_bytes = min(self.pacer.max_json_bytes, batch_bytes)
        self.pull_limit = pull_limit
        self.watch = watch
        self._round = _Round(watch)
        self._http = _Http(base_url, token, transport, backoff or Backoff(), timeout)

    @property
    def batch_events(self) -> int:
        """Most events per push now (a 413 lowers it)."""
        return self.pacer.max_events

    @property
    def batch_bytes(self) -> int:
        """Most bytes of JSON per push now (a 413 lowers it)."""
        return self.pacer.max_json_bytes

    def close(self) -> None:
        """Close the HTTP connections."""
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def push(self, report: SyncReport | None = None) -> SyncReport:
        """Push every unacknowledged event of this device, batch by batch.

        Each batch is sized by the pacer, and so is its timeout. The next batch is
        read and compressed while the central store stores the one in flight (the
        request waits in a second thread), so the two sides' work overlaps; it is
        used only if the answer acknowledges the whole batch and the pacer would
        not now want it smaller. A request that times out or is cut is followed,
        after the backoff's pause, by a smaller batch from the last acknowledged seq.

        Raises:
            SyncOffline, SyncUnauthorized, SyncRejected: see the module docstring.
        """
        report = report if report is not None else SyncReport()
        acked = int(self.store.get_state("acked_seq", "0"))
        last = self.store.last_seq()
        self._round.tell("push", report, self.pacer, last - acked)
        batch = self._next_batch(acked)
        failures = 0
        backoff = self._http.backoff
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-push") as requests:
            while batch is not None:
                answer = requests.submit(self._post_push, batch.body)
                report.requests += 1
                report.bytes_sent += len(batch.body)
                ahead = self._next_batch(batch.last_seq)
                try:
                    result, seconds = answer.result()
                except _LinkFailure as exc:
                    failures += 1
                    report.timeouts += exc.failure == "timeout"
                    self.pacer.failed(exc.failure, len(batch.body), batch.json_bytes, batch.count)
                    if failures >= backoff.attempts:
                        raise SyncOffline(f"the central store cannot be reached ({exc})") from None
                    report.resent += 1
                    self._round.tell("push", report, self.pacer, last - acked)
                    backoff.sleep(backoff.delay(failures))
                    batch = self._next_batch(acked)
                    continue
                except SyncRejected as exc:
                    if exc.status != 413 or batch.count == 1:
                        raise
                    # The server's body limit is below our batch: halve it and go on.
                    self.pacer.failed("too_large", len(batch.body), batch.json_bytes, batch.count)
                    batch = self._next_batch(acked)
                    continue
                failures = 0
                self.pacer.acknowledged(len(batch.body), batch.json_bytes, batch.count, seconds)
                parked = [
                    (int(r["seq"]), r.get("id"), str(r.get("reason") or "quarantined"))
                    for r in result["results"]
                    if r["status"] == "quarantined" and r.get("seq") is not None
                ]
                new_acked = int(result["acked_seq"])
                self.store.record_push(new_acked, parked)
                report.parked += len(parked)
                report.pushed += max(new_acked - acked, 0)
                if self.on_progress is not None:
                    self.on_progress(new_acked)
                self._round.tell("push", report, self.pacer, max(last - new_acked, 0))
                if new_acked <= acked:
                    # The server holds a gap below this batch; pushing on would loop.
                    break
                if new_acked == batch.last_seq and self._still_fits(ahead, last):
                    batch = ahead
                else:
                    batch = self._next_batch(new_acked)
                acked = new_acked
        report.left = self.store.backlog()
        return report

    def _post_push(self, body: bytes) -> tuple[dict[str, Any], float]:
        """One push request; returns the answer and the seconds it took."""
        started = time.monotonic()
        response = self._http.once(
            "POST",
            "/sync/push",
            seconds=self.pacer.timeout(len(body)),
            content=body,
            headers={
                "Content-Type": "application/json",
                "Content-Encoding": "gzip",
                # The central store compares it with its own clock (sync.domain.clocks).
                WALL_HEADER: str(self.store.wall_ms()),
            },
        )
        answer: dict[str, Any] = response.json()
        return answer, time.monotonic() - started

    def _still_fits(self, batch: _Batch | None, last: int) -> bool:
        """Whether a batch read ahead is about what the pacer now wants (else it is read again).

        Within a quarter over and a third under the pacer's limits, or all that is left
        (``last`` is this device's last seq) and not over.
        """
        if batch is None:
            return False
        limits = self.pacer.limits()
        if batch.count > limits.events or batch.json_bytes > limits.json_bytes * 1.25:
            return False
        return (
            batch.last_seq >= last
            or batch.count == limits.events
            or batch.json_bytes >= limits.json_bytes * 0.66
        )

    def _next_batch(self, after: int) -> _Batch | None:
        """This device's events after seq ``after``, within the pacer's limits (None: none)."""
        limits = self.pacer.limits()
        events: list[bytes] = []
        size = 0
        last = after
        for seq, text in self.store.own_events_json_after(after, limits.events):
            encoded = text.encode()
            if events and size + len(encoded) > limits.json_bytes:
                break
            size += len(encoded)
            events.append(encoded)
            last = seq
        if not events:
            return None
        body = gzip.compress(b'{"events":[' + b",".join(events) + b"]}", compresslevel=6)
        return _Batch(len(events), int(last), size, body)

    def pull(self, report: SyncReport | None = None) -> SyncReport:
        """Pull what this device's site may see, from the saved cursor on.

        The next page is asked for while this one is stored here.

        Raises:
            SyncOffline, SyncUnauthorized, SyncRejected: see the module docstring.
        """
        report = report if report is not None else SyncReport()
        cursor = self.store.get_state("pull_cursor", "0")
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull") as requests:
            page = requests.submit(self._get_page, cursor)
            while True:
                answer = page.result()
                after = str(answer["cursor"])
                more = bool(answer.get("more")) and after != cursor
                if more:
                    page = requests.submit(self._get_page, after)
                report.pulled += self._insert(answer["events"], report)
                self.store.set_state("pull_cursor", after)
                self._round.tell("pull", report, self.pacer, report.left)
                if not more:
                    break
                cursor = after
        return report

    def _get_page(self, cursor: str) -> dict[str, Any]:
        response = self._http.request(
            "GET", "/sync/pull", params={"since": cursor, "limit": self.pull_limit}
        )
        answer: dict[str, Any] = response.json()
        return answer

    def _insert(self, events: list[dict[str, Any]], report: SyncReport) -> int:
        """Store pulled events; those this version cannot store are listed as skipped."""
        batch = self.store.insert_pulled(events)
        report.skipped.extend(f"{event_id}: {reason}" for event_id, reason in batch.rejected)
        return batch.added

    def fetch(self, ref: str, operator: str | None = None) -> str | None:
        """Fetch a journey by reference into the local store; returns its id.

        Returns None when the central store holds no such journey.

        Raises:
            SyncOffline: the central store cannot be reached (say so plainly).
            SyncUnauthorized, SyncRejected: see the module docstring.
        """
        return self._fetch(f"/journeys/{ref}", operator)

    def fetch_by_link(self, token_hash_hex: str, operator: str | None = None) -> str | None:
        """Fetch the journey of a scanned handoff link into the local store; returns its id.

        Only the token's hash is sent (``sync.domain.handoff.token_hash``), never the
        token. Returns None when the central store holds no handoff with this hash
        (it may not have synced yet).

        Raises:
            SyncOffline, SyncUnauthorized, SyncRejected: as ``fetch``.
        """
        return self._fetch(f"/handoffs/{token_hash_hex}", operator)

    def lookup(self, identity: Identity, operator: str | None = None) -> list[dict[str, Any]]:
        """The citizen's open journeys the central store holds (``POST /journeys/lookup``),
        latest activity first. The identity goes in the body, never in the address.

        Raises:
            SyncOffline, SyncUnauthorized, SyncRejected: as ``fetch``.
        """
        body: dict[str, Any] = {
            "name": identity.name,
            "birth_date": identity.birth_date or identity.birth_date_partial,
        }
        digits = "".join(c for c in identity.national_number if c.isdigit())
        if digits:
            body["national_number"] = digits
        if operator:
            body["operator"] = operator
        response = self._http.request("POST", "/journeys/lookup", json=body)
        journeys: list[dict[str, Any]] = response.json()["journeys"]
        return journeys

    def _fetch(self, path: str, operator: str | None) -> str | None:
        params = {"operator": operator} if operator else {}
        try:
            response = self._http.request("GET", path, params=params)
        except SyncRejected as exc:
            if exc.status == 404:
                return None
            raise
        answer = response.json()
        self._insert(answer["events"], SyncReport())
        return str(answer["journey_id"])

    def sync_once(self) -> SyncReport:
        """One round: push, then pull. Never raises for being offline or refused."""
        self._round = _Round(self.watch)
        report = SyncReport()
        try:
            self.push(report)
            self.pull(report)
        except SyncOffline as exc:
            report.state, report.error = "offline", str(exc)
            if not self.store.get_state("offline_since"):
                self.store.set_state("offline_since", _now())
        except SyncUnauthorized as exc:
            report.state, report.error = "unauthorized", str(exc)
        except SyncRejected as exc:
            report.state, report.error = "refused", str(exc)
        else:
            self.store.set_state("offline_since", "")
            self.store.set_state("last_sync", _now())
        report.left = self.store.backlog()
        if report.state == "synced" and report.left:
            report.state = "pending"
        self._round.tell("done", report, self.pacer, report.left)
        return report
