"""The notifier: drains the outbox through the drivers, once per message as far as it can.

For each due row it folds the journey again: a consent withdrawn, a reminder
cancelled or a link gone since the row was queued drops it (``still_wanted``).
Quiet hours and the citizen's daily limit move it later (``earliest_send``).
Then the driver sends it, and one transaction marks the row sent and writes
``notification.sent`` on the journey. A crash between the driver's accept and
that commit sends it again on the next start, with the same Message-ID or
idempotency key; nothing else sends twice, and nothing queued is lost. A failed
try waits (exponential backoff with jitter); a permanent failure, or the last
try, writes ``notification.failed`` with the reason (never the address).

Why one commit per message, and what is cheaper instead. The bound "a duplicate
only when the process dies between the receiver's accept and our commit" holds
only if each accepted message is committed before the next can be accepted:
folding k sent messages into one transaction would let one SIGKILL resend up to k
of them, so the settle stays one small transaction per message (not flushed to
disk: a power cut that loses it resends under the same Message-ID, which the
receiver drops). What a drain spent besides that is cut or overlapped instead:

- the states of the journeys of ``fold_chunk`` rows are read in one query and
  folded together, from rows not checked again (``records.stored_event``);
- the settles of a drain share one connection (``Database.writer``), and
  ``write_own`` checks its event once, asking the last seq in plain SQL;
- the e-mail is written as bytes (``smtp.email_bytes``), over one kept connection;
- the settle of message k runs as the driver's ``meanwhile`` of message k+1: the
  SMTP driver sends k+1's envelope (MAIL, RCPT, DATA up to the server's 354) in
  its own thread while k commits, and k+1's content, which is what the server
  accepts, only after that commit. At any moment at most one message is
  accepted and not committed, as before.

A chunk's folds are checked before each of its messages: one index lookup asks for
the journey's last event, and a journey that got one since its chunk was read
(a consent withdrawn at a counter or at home while the chunk was being sent) is
folded again, so the withdrawal stops that journey's very next message.

Every so often (``sweep_seconds``) it also queues what the passing of time asks
for: steps left for home, links about to expire (``due_by_time``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import random
import threading
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import Connection, Row, bindparam, func, select, update

from sync.catalogue.model import Catalogue
from sync.central import schema as t
from sync.central.notify.driver import DeliveryError, Driver, Outgoing
from sync.central.notify.optout import SECRET_NAME, stop_token
from sync.central.notify.outbox import DROPPED, FAILED, QUEUED, SENT, enqueue
from sync.central.records import EVENT_COLS, stored_event
from sync.central.store import CentralStore
from sync.central.store.citizen import write_own
from sync.domain.events import ContactChannel, Event
from sync.domain.fold import JourneyState, fold
from sync.domain.handoff import state_of
from sync.domain.messages import About, compose
from sync.domain.notify import (
    MAX_TRIES,
    Policy,
    backoff_seconds,
    due_by_time,
    earliest_send,
    local_day_start,
    parse_utc,
    recipient,
    still_wanted,
)
from sync.errors import CatalogueError

log = logging.getLogger(__name__)

Begin = Callable[[], AbstractContextManager[Connection]]
"""Opens one write transaction (``Database.writer``)."""

DEFAULT_POLICY = Policy()
"""Quiet hours 21:00 to 08:00 (SMS), three messages a day, UTC."""
SYSTEM = "system"
"""The actor of the events the notifier writes."""


_EVENTS_OF = (
    select(*EVENT_COLS)
    .where(t.events.c.journey_id.in_(bindparam("ids", expanding=True)))
    .order_by(t.events.c.journey_id, t.events.c.server_pos)
)
"""Every event of some journeys, in the server's order (built once: building costs too)."""

_LAST_OF = select(func.max(t.events.c.server_pos)).where(
    t.events.c.journey_id == bindparam("journey")
)
"""The position of a journey's last event (an index lookup on ``events_journey``)."""


_SETTLE = (
    update(t.outbox)
    .where(t.outbox.c.pos == bindparam("row"), t.outbox.c.state == bindparam("queued"))
    .values(state=bindparam("state"), done=bindparam("done"), last_error=bindparam("last_error"),
            recipient_hash=bindparam("recipient_hash"), channel=bindparam("channel"),
            tries=bindparam("tries"))
)  # fmt: skip
"""Mark one queued row done (built once)."""


def _text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def recipient_hash(address: str) -> str:
    """What the outbox keeps of an address: its hash, to count a citizen's messages a day."""
    return hashlib.sha256(f"counterpart-recipient:{address.lower()}".encode()).hexdigest()


class _Once:
    """A settle still to run, run at most once (calling it again does nothing)."""

    def __init__(self, run: Callable[[], None] | None = None) -> None:
        self._run = run

    def __call__(self) -> None:
        run, self._run = self._run, None
        if run is not None:
            run()


class Notifier:
    """Drains a central store's outbox from a thread of its own.

    Args:
        store: the central store (its clock is the notifier's).
        drivers: a driver per channel; a channel without one keeps its messages queued.
        policy: quiet hours, daily limit, the time-based triggers, the site's zone.
        catalogue: the services' names (None: the service's id is said instead).
        poll_seconds: how long to wait for new rows when the outbox is empty.
        sweep_seconds: how often to look for time-based triggers.
        max_tries: tries before a message is given up.
        jitter: a source of numbers in [0, 1) for the backoff.
        batch: the most rows one ``drain_once`` takes.
        fold_chunk: how many rows' journeys are read and folded together.
        public_url: the citizen's pages' address, for each e-mail's opt-out link
            (None: no link; the e-mail says how to stop at a counter or at home).
    """

    def __init__(
        self,
        store: CentralStore,
        drivers: Mapping[ContactChannel, Driver],
        *,
        policy: Policy = DEFAULT_POLICY,
        catalogue: Callable[[], Catalogue] | None = None,
        poll_seconds: float = 2.0,
        sweep_seconds: float = 3600.0,
        max_tries: int = MAX_TRIES,
        jitter: Callable[[], float] = random.random,
        batch: int = 200,
        fold_chunk: int = 20,
        public_url: str | None = None,
    ) -> None:
        self.store = store
        self.drivers = dict(drivers)
        self.policy = policy
        self.catalogue = catalogue
        self.poll_seconds = poll_seconds
        self.sweep_seconds = sweep_seconds
        self.max_tries = max_tries
        self.jitter = jitter
        self.batch = batch
        self.fold_chunk = fold_chunk
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_sweep: float | None = None
        self._today: dict[str, int] = {}
        self._folded_to: dict[str, int] = {}  # journey: the last event its state was folded from
        self.public_url = public_url.rstrip("/") if public_url else None
        self._stop_secret: str | None = None

    def now(self) -> dt.datetime:
        """The store's clock as an aware UTC time."""
        return dt.datetime.fromtimestamp(self.store.clock() / 1000, dt.UTC)

    def start(self) -> None:
        """Drain in a daemon thread until ``stop``."""
        self._thread = threading.Thread(target=self._run, daemon=True, name="notifier")
        self._thread.start()

    def wake(self) -> None:
        """Look at the outbox now rather than after the poll interval."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Finish the message being sent, then stop and close the drivers."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        for driver in self.drivers.values():
            driver.close()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if self._last_sweep is None or (
                    self.store.clock() - self._last_sweep >= self.sweep_seconds * 1000
                ):
                    self._last_sweep = self.store.clock()
                    self.sweep_once()
                busy = self.drain_once()
            except Exception:  # a broken database must not end the thread; say so, go on
                log.exception("the notifier could not drain its outbox; trying again")
                busy = 0
            if not busy:
                self._wake.wait(self.poll_seconds)
                self._wake.clear()

    def sweep_once(self) -> int:
        """Queue the messages the passing of time asks for; returns how many were queued."""
        if self.catalogue is None:
            return 0
        try:
            catalogue = self.catalogue()
        except CatalogueError as exc:
            log.warning("no time-based messages: the catalogue cannot be read: %s", exc)
            return 0
        now = self.now()
        with self.store.read() as conn:
            journeys = conn.execute(
                select(t.events.c.journey_id)
                .distinct()
                .where(t.events.c.type == "consent.given", t.events.c.data.like('%"contact"%'))
            ).scalars().all()  # fmt: skip
        queued = 0
        for journey_id in journeys:
            found = due_by_time(self.store.journey_state(journey_id), catalogue, now, self.policy)
            if not found:
                continue
            with self.store.write() as conn:
                queued += sum(enqueue(conn, journey_id, d, self.store.now()) for d in found)
        return queued

    def drain_once(self) -> int:
        """Try every row due now, once; returns how many rows were tried."""
        now = self.now()
        with self.store.read() as conn:
            rows = conn.execute(
                select(t.outbox)
                .where(t.outbox.c.state == QUEUED, t.outbox.c.due <= _text(now))
                .order_by(t.outbox.c.due, t.outbox.c.pos)
                .limit(self.batch)
            ).all()
        self._today = self._sent_today(now)
        self._folded_to = {}
        with self.store.writer(flushed=False) as settle:
            sent = _Once()  # the settle of the message sent last, while it is not yet run
            try:
                for start in range(0, len(rows), self.fold_chunk):
                    chunk = rows[start : start + self.fold_chunk]
                    states = self._states(sorted({r.journey_id for r in chunk}))
                    for row in chunk:
                        if self._stop.is_set():
                            return len(rows)
                        state = self._fresh(row.journey_id, states)
                        sent = self._one(row, now, state, settle, sent)
            finally:
                sent()
        return len(rows)

    def _states(self, journey_ids: list[str]) -> dict[str, JourneyState]:
        """The journeys' states, folded from one query for all of them."""
        found: dict[str, list[Event]] = {j: [] for j in journey_ids}
        with self.store.read() as conn:
            for r in conn.execute(_EVENTS_OF, {"ids": journey_ids}):
                found[r.journey_id].append(stored_event(r))
                self._folded_to[r.journey_id] = r.server_pos
        return {j: fold(j, events) for j, events in found.items()}

    def _fresh(self, journey_id: str, states: dict[str, JourneyState]) -> JourneyState:
        """The journey's state now: folded again if an event reached it since its chunk's read."""
        with self.store.read() as conn:
            last = conn.execute(_LAST_OF, {"journey": journey_id}).scalar()
        if last is not None and last > self._folded_to.get(journey_id, 0):
            states.update(self._states([journey_id]))
        return states[journey_id]

    def _one(
        self, row: Row[Any], now: dt.datetime, state: JourneyState, settle: Begin, sent: _Once
    ) -> _Once:
        """Try one row; ``sent`` is the settle of the message sent before it, still to run.

        It runs before this row's message can be accepted (the driver's ``meanwhile``,
        beside the SMTP envelope), or first thing when this row sends nothing. Returns
        the settle of this row's message when it was sent, for the next row to run.
        """
        why = still_wanted(state, row.trigger, row.subject_id, now)
        contact = recipient(state)
        if why or contact is None:
            sent()
            self._settle(settle, row, DROPPED, why or "no address to send to", None)
            return _Once()
        channel: ContactChannel = "sms" if contact.channel == "sms" else "email"
        driver = self.drivers.get(channel)
        if driver is None:
            return sent  # no driver for the channel: it waits for one
        who = recipient_hash(contact.address)
        at = earliest_send(channel, now, self._today.get(who, 0), self.policy)
        if at > now:
            sent()
            self._postpone(row, at, row.tries, None)
            return _Once()
        text = compose(self._about(state, row, now), state.language, channel,
                       self._stop_url(row.message_id) if channel == "email" else "")  # fmt: skip
        message = Outgoing(row.message_id, channel, contact.address, text.subject, text.body,
                           state.language)  # fmt: skip
        tries = row.tries + 1
        try:
            driver.send(message, meanwhile=sent)
        except DeliveryError as exc:
            sent()  # done by now (a driver calls it whatever happens): never left behind
            if exc.permanent or tries >= self.max_tries:
                self._settle(settle, row, FAILED, exc.reason,
                             ("notification.failed", channel, tries), who)  # fmt: skip
            else:
                wait = backoff_seconds(tries, self.jitter())
                self._postpone(row, now + dt.timedelta(seconds=wait), tries, exc.reason)
            log.info("message %s (journey %s) not sent: %s", row.message_id, row.journey_id,
                     exc.reason)  # fmt: skip
            return _Once()
        sent()
        self._today[who] = self._today.get(who, 0) + 1
        return _Once(lambda: self._settle(settle, row, SENT, None,
                                          ("notification.sent", channel, tries), who))  # fmt: skip

    def _stop_url(self, message_id: str) -> str:
        if self.public_url is None:
            return ""
        if self._stop_secret is None:
            self._stop_secret = self.store.secret(SECRET_NAME)
        return f"{self.public_url}/stop/{stop_token(self._stop_secret, message_id)}"

    def _about(self, state: JourneyState, row: Row[Any], now: dt.datetime) -> About:
        live = any(state_of(h, now) in ("live", "redeemed") for h in state.handoffs.values())
        ref = state.ref or ""
        language = state.language
        if row.trigger == "status":
            service = self._service_name(row.subject_id, language)
            status = state.status_of(row.subject_id)
            return About("status", ref, service=service,
                         status=status.status if status else "", live_handoff=live)  # fmt: skip
        if row.trigger == "reminder":
            reminder = state.reminders[row.subject_id]
            day = parse_utc(reminder.at).astimezone(self.policy.zone).date().isoformat()
            return About("reminder", ref, what=reminder.what, date=day, live_handoff=live)
        if row.trigger == "handoff_expiring":
            handoff = state.handoffs[row.subject_id]
            return About("handoff_expiring", ref, date=handoff.expires[:10], live_handoff=live)
        return About("unfinished", ref, service=self._service_name(row.subject_id, language),
                     live_handoff=live)  # fmt: skip

    def _service_name(self, service_id: str, language: str) -> str:
        if self.catalogue is not None:
            try:
                service = self.catalogue().services.get(service_id)
            except CatalogueError as exc:  # the message goes all the same, with the id
                log.warning("the catalogue cannot be read for a message: %s", exc)
                return service_id
            if service is not None:
                return service.name.get(language)
        return service_id

    def _sent_today(self, now: dt.datetime) -> dict[str, int]:
        """Messages sent since the start of the local day, by recipient (one query a batch)."""
        since = _text(local_day_start(now, self.policy))
        o = t.outbox.c
        with self.store.read() as conn:
            counted = conn.execute(
                select(o.recipient_hash, func.count())
                .where(o.state == SENT, o.done >= since)
                .group_by(o.recipient_hash)
            ).all()
        return {str(who): int(count) for who, count in counted}

    def _postpone(self, row: Row[Any], at: dt.datetime, tries: int, error: str | None) -> None:
        with self.store.write() as conn:
            conn.execute(
                update(t.outbox)
                .where(t.outbox.c.pos == row.pos, t.outbox.c.state == QUEUED)
                .values(due=_text(at), tries=tries, last_error=error)
            )

    def _settle(
        self,
        settle: Begin,
        row: Row[Any],
        outcome: str,
        reason: str | None,
        event: tuple[str, ContactChannel, int] | None,
        who: str | None = None,
    ) -> None:
        """Mark the row done and, in the same transaction, write its event on the journey.

        Not flushed to disk before it returns: a power cut that loses it leaves the row
        queued, and the message is sent again under the same Message-ID. ``settle`` is
        the drain's ``store.writer(flushed=False)``: one connection, a transaction each.
        """
        with settle() as conn:
            done = conn.execute(
                _SETTLE,
                {"row": row.pos, "queued": QUEUED, "state": outcome, "done": self.store.now(),
                 "last_error": reason, "recipient_hash": who,
                 "channel": event[1] if event else None,
                 "tries": event[2] if event else row.tries},
            ).rowcount  # fmt: skip
            if done != 1 or event is None:
                return
            kind, channel, tries = event
            data: dict[str, Any] = {"message_id": row.message_id, "channel": channel,
                                    "trigger": row.trigger}  # fmt: skip
            if kind == "notification.sent":
                data["attempts"] = tries
            else:
                data["reason"] = reason or "not delivered"
            write_own(self.store, conn, row.journey_id, [(kind, data)],  # type: ignore[list-item]
                      channel="backoffice", actor=SYSTEM)  # fmt: skip
