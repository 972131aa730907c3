"""The device side of sync: enrol, push this device's events, pull others', fetch on demand.

``SyncClient.sync_once`` runs one round and returns a ``SyncReport``; being offline
is a state of the report, never an exception the UI has to catch. Pushes resume
from the last seq the central store acknowledged (``acked_seq`` in the store), in
gzip'd batches; a cut connection costs at most one batch resent, which the
server recognises by event id. Events the server quarantined are kept as
*parked* with its reason. Pulls resume from the server's cursor (``pull_cursor``)
and go through ``LocalStore.insert_pulled``, which moves the clock past them and
reports, without storing, any event this version cannot read.

Transient failures (connection errors, timeouts, 5xx, 429) are retried with
exponential backoff and full jitter; ``Backoff.off()`` switches that off in tests.

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
from sync.store.store import LocalStore

if TYPE_CHECKING:
    import httpx

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
    """

    pushed: int = 0
    pulled: int = 0
    parked: int = 0
    left: int = 0
    state: SyncState = "synced"
    error: str | None = None
    skipped: list[str] = field(default_factory=list)

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
        import httpx

        last: str = ""
        for attempt in range(1, self.backoff.attempts + 1):
            try:
                response = self.client.request(method, API + path, **kwargs)
            except httpx.TransportError as exc:
                last = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            else:
                if response.status_code == 401:
                    raise SyncUnauthorized(_detail(response))
                if response.status_code < 400:
                    return response
                if response.status_code != 429 and response.status_code < 500:
                    raise SyncRejected(response.status_code, _detail(response))
                last = f"HTTP {response.status_code}: {_detail(response)}"
            if attempt < self.backoff.attempts:
                self.backoff.sleep(self.backoff.delay(attempt))
        raise SyncOffline(f"the central store cannot be reached ({last})")


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
    """One push: how many events, the seq of the last, and the gzip'd request body."""

    count: int
    last_seq: int
    body: bytes


class SyncClient:
    """Syncs one local store with the central store.

    Args:
        store: the device's local store.
        base_url: the central store, such as ``http://127.0.0.1:8780``.
        token: the device token from enrolment.
        transport: an httpx transport (tests pass the central store in-process).
        backoff: retry policy for transient failures.
        batch_events: most events per push.
        batch_bytes: most bytes of JSON per push before gzip.
        pull_limit: most events per pull request.
        timeout: seconds per request.
        on_progress: called with the new ``acked_seq`` after each acknowledged batch.
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
    ) -> None:
        self.store = store
        self.on_progress = on_progress
        self.batch_events = batch_events
        self.batch_bytes = batch_bytes
        self.pull_limit = pull_limit
        self._http = _Http(base_url, token, transport, backoff or Backoff(), timeout)

    def close(self) -> None:
        """Close the HTTP connections."""
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def push(self, report: SyncReport | None = None) -> SyncReport:
        """Push every unacknowledged event of this device, batch by batch.

        The next batch is read and compressed while the central store stores the
        one in flight (the request waits in a second thread), so the two sides'
        work overlaps; it is used only if the answer acknowledges the whole batch.

        Raises:
            SyncOffline, SyncUnauthorized, SyncRejected: see the module docstring.
        """
        report = report if report is not None else SyncReport()
        acked = int(self.store.get_state("acked_seq", "0"))
        batch = self._next_batch(acked)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-push") as requests:
            while batch is not None:
                answer = requests.submit(self._post_push, batch.body)
                ahead = self._next_batch(batch.last_seq)
                try:
                    result = answer.result()
                except SyncRejected as exc:
                    if exc.status != 413 or batch.count == 1:
                        raise
                    # The server's body limit is below our batch: halve it and go on.
                    self.batch_events = max(batch.count // 2, 1)
                    self.batch_bytes = max(self.batch_bytes // 2, 1)
                    batch = self._next_batch(acked)
                    continue
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
                if new_acked <= acked:
                    # The server holds a gap below this batch; pushing on would loop.
                    break
                batch = ahead if new_acked == batch.last_seq else self._next_batch(new_acked)
                acked = new_acked
        report.left = self.store.backlog()
        return report

    def _post_push(self, body: bytes) -> dict[str, Any]:
        response = self._http.request(
            "POST",
            "/sync/push",
            content=body,
            headers={
                "Content-Type": "application/json",
                "Content-Encoding": "gzip",
                # The central store compares it with its own clock (sync.domain.clocks).
                WALL_HEADER: str(self.store.wall_ms()),
            },
        )
        answer: dict[str, Any] = response.json()
        return answer

    def _next_batch(self, after: int) -> _Batch | None:
        """This device's events after seq ``after``, within the batch limits (None: none)."""
        events: list[bytes] = []
        size = 0
        last = after
        for seq, text in self.store.own_events_json_after(after, self.batch_events):
            encoded = text.encode()
            size += len(encoded)
            if events and size > self.batch_bytes:
                break
            events.append(encoded)
            last = seq
        if not events:
            return None
        body = gzip.compress(b'{"events":[' + b",".join(events) + b"]}", compresslevel=6)
        return _Batch(len(events), int(last), body)

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
        return report
