"""A device's link to the central store: which one (embedded or a URL) and one sync round.

A ``SyncLink`` talks to a ``CentralTarget``: ``RemoteCentral`` is a central store
at a URL, with the token from a file ``counterpart enrol`` wrote;
``sync.central.target.EmbeddedTarget`` is one served in-process on loopback
(started on the first round, this device enrolled with it). The app's factory
builds the link ``[central]`` describes (``app.factory.make_sync_link``), so this
module knows nothing of the settings nor of the central store's code.
``sync_round`` blocks (a worker thread calls it) and never raises: every outcome
is a ``SyncOutcome`` the header shows calmly. A round that reaches the central
store also fetches the references linked journeys wait for
(``sync.linked.merge_pending``). ``fetch`` asks for one journey by reference, and
``fetch_by_link`` for the one a scanned handoff link names (by its token's hash),
for home; neither raises: each returns a ``Fetched``. ``nudger`` gives rounds on
demand, run soon after each save while the link is up (``sync.nudge``); ``poll``
a round for a screen that watches, skipped while one runs or the link is down.

What a header shows, without importing anything of the app: ``SyncLink.view(store)``
gives a ``LinkView`` (events waiting, the last sync's time, the last round's state
and the round under way's ``sync.progress.SyncProgress``); ``SyncLink.watch(callback)``
calls ``callback`` with each ``SyncProgress`` as a round goes on (in the round's
thread: a Textual app posts a message from it) and returns what stops it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, Protocol

from sync.client import Backoff, SyncClient, SyncReport
from sync.domain.identity import Identity
from sync.domain.returning import OpenElsewhere
from sync.errors import CentralError, SyncOffline, SyncRejected, SyncUnauthorized
from sync.linked import merge_pending
from sync.nudge import Nudger
from sync.progress import SyncProgress
from sync.store.store import LocalStore

LinkState = Literal["synced", "pending", "offline", "unauthorized", "refused", "not_enrolled"]
FetchState = Literal["found", "unknown", "offline", "unauthorized", "refused", "not_enrolled"]

UP_STATES: frozenset[LinkState] = frozenset({"synced", "pending"})
"""States after which the central store is answering, so a save is worth a round at once."""

FETCH_BACKOFF = Backoff(attempts=2)
"""Retries of a fetch a mediator waits for: one more try, then say it is offline."""
FETCH_TIMEOUT = 10.0
"""Seconds per request of such a fetch."""
LOOKUP_TIMEOUT = 2.0
"""Seconds a card read waits for the central store to say where the citizen's open
journeys are: past it the counter goes on without (it is a hint, not a step)."""


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """What the last round left: the state, events still waiting, and when.

    Attributes:
        state: as ``SyncReport.state``, or ``not_enrolled`` (no token file).
        waiting: this device's events not yet acknowledged.
        last_sync: when a round last reached the central store (aware), if ever.
        offline_since: when the central store stopped answering (aware), if it has.
        error: what went wrong, in words.
        report: the round's report (None when no round could run).
        fetched: references that linked journeys waited for, fetched in this round.
    """

    state: LinkState
    waiting: int
    last_sync: datetime | None = None
    offline_since: datetime | None = None
    error: str | None = None
    report: SyncReport | None = None
    fetched: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LinkView:
    """What a header shows of the link, read at once (``SyncLink.view``).

    Attributes:
        waiting: this device's events not yet acknowledged (read from the store now).
        last_sync: when a round last reached the central store (aware), if ever.
        state: the last round's state (None before the first round).
        progress: the latest snapshot of the round under way, or of the last round
            (``phase == "done"``); None before the first round.
    """

    waiting: int
    last_sync: datetime | None
    state: LinkState | None
    progress: SyncProgress | None

    @property
    def syncing(self) -> bool:
        """Whether a round is under way."""
        return self.progress is not None and self.progress.phase != "done"


@dataclass(frozen=True, slots=True)
class Fetched:
    """What asking the central store for one journey by reference gave.

    Attributes:
        state: ``found`` (now in the local store), ``unknown`` (the central store
            holds no such journey), or why it could not be asked.
        journey_id: the journey, when found.
        error: what went wrong, in words, when it could not be asked.
    """

    state: FetchState
    journey_id: str | None = None
    error: str | None = None


def _when(text: str) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


class CentralTarget(Protocol):
    """Where the central store is, and this device's token there."""

    def address(self, device_id: str) -> tuple[str, str] | None:
        """The central store's base URL and this device's token; None when not enrolled.

        May block (an embedded store starts on the first call).

        Raises:
            CentralError: the central store cannot be started.
            OSError: the token file cannot be read.
        """
        ...

    def close(self) -> None:
        """Release what the target holds (stop an embedded store)."""
        ...


class RemoteCentral:
    """A central store at ``url``; the device token is what ``counterpart enrol`` wrote.

    Args:
        url: the central store's base URL.
        token_file: the device token's file (mode 0600); missing: not enrolled.
    """

    def __init__(self, url: str, token_file: Path) -> None:
        self.url = url
        self.token_file = token_file

    def address(self, device_id: str) -> tuple[str, str] | None:
        """The URL and the token in ``token_file``; None without one."""
        if not self.token_file.exists():
            return None
        return self.url, self.token_file.read_text().strip()

    def close(self) -> None:
        """Nothing to release."""


class SyncLink:
    """The central store this app syncs with.

    Args:
        target: where the central store is (``RemoteCentral``, or an embedded one).
        interval_seconds: seconds between background rounds.
        backoff: retry policy of each round (tests pass ``Backoff.off()``).
    """

    def __init__(
        self,
        target: CentralTarget,
        *,
        interval_seconds: float = 30.0,
        backoff: Backoff | None = None,
    ) -> None:
        self.target = target
        self.interval_seconds = interval_seconds
        self.backoff = backoff
        self._lock = threading.Lock()
        # Starting the embedded store and enrolling: shared by rounds and fetches,
        # which must not wait for each other.
        self._start_lock = threading.Lock()
        self.outcome: SyncOutcome | None = None
        """The last round's outcome (None before the first)."""
        self._nudgers: list[Nudger] = []
        self._round_thread: int | None = None
        self.progress: SyncProgress | None = None
        """The latest snapshot of the round under way or of the last one (None before)."""
        self._watchers: list[Callable[[SyncProgress], object]] = []

    def watch(self, callback: Callable[[SyncProgress], object]) -> Callable[[], None]:
        """Call ``callback`` with each ``SyncProgress`` of every round; returns the unwatch.

        The callback runs in the round's thread and must not block (post a message).
        """
        self._watchers.append(callback)

        def unwatch() -> None:
            if callback in self._watchers:
                self._watchers.remove(callback)

        return unwatch

    def view(self, store: LocalStore) -> LinkView:
        """Events waiting, the last sync's time, the last state and the round's progress."""
        return LinkView(
            store.backlog(),
            _when(store.get_state("last_sync")),
            self.outcome.state if self.outcome is not None else None,
            self.progress,
        )

    def _tell(self, progress: SyncProgress) -> None:
        self.progress = progress
        for callback in list(self._watchers):
            callback(progress)

    def _base_url_and_token(self, store: LocalStore) -> tuple[str, str] | None:
        with self._start_lock:
            return self._start(store)

    def _start(self, store: LocalStore) -> tuple[str, str] | None:
        return self.target.address(store.device_id)

    def sync_round(self, store: LocalStore) -> SyncOutcome:
        """One push-and-pull round (rounds never overlap). Never raises."""
        with self._lock:
            self.outcome = self._round(store)
            return self.outcome

    def round_if_up(self, store: LocalStore) -> SyncOutcome | None:
        """A round, unless the last one found the central store out of reach: then None.

        Offline (or not enrolled, or refused) the app's interval rounds, with their
        backoff, find the link again; a save must not try the network each time.
        """
        with self._lock:
            if not self.up:
                return None
            self.outcome = self._round(store)
            return self.outcome

    def poll(self, store: LocalStore) -> SyncOutcome | None:
        """A round now, unless one is under way or the last one found the central store out
        of reach: then None at once. Never raises.

        For a screen that watches for what happens elsewhere (the citizen trying the link
        on their phone at the counter) and asks every few seconds: its rounds must neither
        queue up behind a slow one nor try an unreachable store each time (the interval
        rounds find it again).
        """
        if not self._lock.acquire(blocking=False):
            return None
        try:
            if not self.up:
                return None
            self.outcome = self._round(store)
            return self.outcome
        finally:
            self._lock.release()

    @property
    def up(self) -> bool:
        """Whether the last round reached the central store (True before the first)."""
        return self.outcome is None or self.outcome.state in UP_STATES

    def nudger(self, store: LocalStore, on_outcome: Callable[[SyncOutcome], object]) -> Nudger:
        """Rounds on demand for ``store`` while the link is up; ``close`` stops them.

        Args:
            store: the local store the rounds sync.
            on_outcome: called (in the nudger's thread) with each round's outcome.
        """

        def run() -> None:
            outcome = self.round_if_up(store)
            if outcome is not None:
                on_outcome(outcome)

        def ignore() -> bool:
            # Down, a save waits for the interval rounds; what a round writes itself (a
            # merge's back links) it also pushes itself.
            return not self.up or self._round_thread == threading.get_ident()

        nudger = Nudger(run, ignore=ignore)
        self._nudgers.append(nudger)
        return nudger

    def _round(self, store: LocalStore) -> SyncOutcome:
        self._round_thread = threading.get_ident()
        try:
            return self._reach_and_sync(store)
        finally:
            self._round_thread = None

    def _reach_and_sync(self, store: LocalStore) -> SyncOutcome:
        try:
            target = self._base_url_and_token(store)
        except (CentralError, OSError) as exc:
            offline = _when(store.get_state("offline_since"))
            if offline is None:
                offline = datetime.now(UTC).replace(microsecond=0)
                store.set_state("offline_since", offline.strftime("%Y-%m-%dT%H:%M:%SZ"))
            return SyncOutcome("offline", store.backlog(), _when(store.get_state("last_sync")),
                               offline, str(exc))  # fmt: skip
        if target is None:
            return SyncOutcome("not_enrolled", store.backlog())
        url, token = target
        with SyncClient(store, url, token, backoff=self.backoff, watch=self._tell) as client:
            report = client.sync_once()
            fetched: list[str] = []
            if report.state in UP_STATES:
                fetched = _merge(store, client, report)
        return SyncOutcome(
            report.state,
            report.left,
            _when(store.get_state("last_sync")),
            _when(store.get_state("offline_since")),
            report.error,
            report,
            tuple(fetched),
        )

    def fetch(self, store: LocalStore, ref: str, operator: str | None) -> Fetched:
        """Fetch one journey by reference into the local store.

        Runs beside a background round rather than after it: a mediator is waiting.
        Whatever the central store answers, or not, comes back as a ``Fetched``.

        Args:
            store: the local store the journey's events go to.
            ref: the canonical reference.
            operator: the signed-in operator's id; the central store audits the read.

        Raises:
            StoreError: the local store refused the fetched events.
        """
        return self._fetch(store, lambda client: client.fetch(ref, operator))

    def fetch_by_link(
        self, store: LocalStore, token_hash_hex: str, operator: str | None
    ) -> Fetched:
        """Fetch the journey of a scanned handoff link into the local store, as ``fetch``.

        Args:
            store: the local store the journey's events go to.
            token_hash_hex: the hash of the link's token (``sync.domain.handoff.token_hash``).
            operator: the signed-in operator's id; the central store audits the read.

        Raises:
            StoreError: the local store refused the fetched events.
        """
        return self._fetch(store, lambda client: client.fetch_by_link(token_hash_hex, operator))

    def lookup(
        self, store: LocalStore, identity: Identity, operator: str | None
    ) -> list[OpenElsewhere]:
        """The citizen's open journeys the central store holds, latest activity first.

        Asked only when the last round reached the central store, once, within
        ``LOOKUP_TIMEOUT``; offline, refused or slow, the answer is an empty list
        (nothing to say, and nothing wrong: the card read goes on). Never raises for
        the network.

        Args:
            store: the local store (for the device's token).
            identity: who the card says the citizen is; sent in the request's body.
            operator: the signed-in operator's id; the central store audits the lookup.
        """
        if not self.up:
            return []
        try:
            target = self._base_url_and_token(store)
        except (CentralError, OSError):
            return []
        if target is None:
            return []
        url, token = target
        once = Backoff(attempts=1)
        try:
            with SyncClient(store, url, token, backoff=once, timeout=LOOKUP_TIMEOUT) as client:
                found = client.lookup(identity, operator)
        except (SyncOffline, SyncUnauthorized, SyncRejected):
            return []
        return [OpenElsewhere.from_dict(raw) for raw in found]

    def _fetch(self, store: LocalStore, ask: Callable[[SyncClient], str | None]) -> Fetched:
        try:
            target = self._base_url_and_token(store)
        except (CentralError, OSError) as exc:
            return Fetched("offline", error=str(exc))
        if target is None:
            return Fetched("not_enrolled")
        url, token = target
        backoff = self.backoff or FETCH_BACKOFF
        try:
            with SyncClient(store, url, token, backoff=backoff, timeout=FETCH_TIMEOUT) as client:
                journey_id = ask(client)
        except SyncOffline as exc:
            return Fetched("offline", error=str(exc))
        except SyncUnauthorized as exc:
            return Fetched("unauthorized", error=str(exc))
        except SyncRejected as exc:
            return Fetched("refused", error=str(exc))
        if journey_id is None:
            return Fetched("unknown")
        return Fetched("found", journey_id)

    def close(self) -> None:
        """Stop the nudgers (a round under way ends first), then release the target."""
        # Before taking the lock: a nudger's round may be waiting for it.
        for nudger in self._nudgers:
            nudger.close()
        with self._lock:
            self.target.close()


def _merge(store: LocalStore, client: SyncClient, report: SyncReport) -> list[str]:
    """Fetch what linked journeys wait for, and push the back links that wrote."""
    fetched = merge_pending(store, client.fetch)
    if fetched:
        again = client.sync_once()
        report.pushed += again.pushed
        report.pulled += again.pulled
        report.parked += again.parked
        report.left, report.state, report.error = again.left, again.state, again.error
    return fetched
