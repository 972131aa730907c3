"""The central store's core: its engine and schema, serialised transactions, its clock, the audit.

Writers are serialised (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on
PostgreSQL): the server's order ``server_pos`` is then also commit order, and a
pull cursor never skips an event that commits late.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager as ContextManager
from contextlib import contextmanager

from sqlalchemy import Connection, func, insert, select, text
from sqlalchemy.exc import SQLAlchemyError

from sync.central import schema as t
from sync.central.engine import make_engine
from sync.central.records import DEFAULT_LIMITS, Limits, iso, utc_ms
from sync.central.throttle import Throttle
from sync.domain.hlc import HybridClock, Timestamp
from sync.errors import CentralError

CENTRAL_DEVICE = "central"
"""The device id (and site id) of events the central store writes itself (status changes)."""
RESERVED_IDS = frozenset({CENTRAL_DEVICE})
"""Ids no device or site may enrol under: the store's own."""
_ADVISORY_LOCK = 0x43505254


def _pragma(conn: Connection, sql: str) -> None:
    """Run a PRAGMA outside any transaction (SQLite refuses some inside one)."""
    driver = conn.connection.driver_connection
    assert driver is not None
    driver.execute(sql)


class Database:
    """One SQLAlchemy engine (SQLite or PostgreSQL), migrated on open.

    Args:
        db_url: ``sqlite:///path`` or ``postgresql+psycopg://user@host:port/db``.
        clock: the machine clock in Unix ms (tests pass a fake one).
        random_bytes: a source of randomness for event ids.
        limits: what the store takes from a device and keeps of what it refuses.

    Raises:
        CentralError: the database cannot be reached or has a newer schema.
    """

    def __init__(
        self,
        db_url: str,
        *,
        clock: Callable[[], int] = utc_ms,
        random_bytes: Callable[[int], bytes] = os.urandom,
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        self.engine = make_engine(db_url)
        self.is_postgres = self.engine.dialect.name == "postgresql"
        self.clock = clock
        self.random_bytes = random_bytes
        self.limits = limits
        self.fetches = Throttle(limits.fetch_burst, limits.fetch_per_second, clock)
        try:
            with self.write() as conn:
                t.migrate(conn)
                # Seeded only from what a push could store today: an hlc past the drift
                # (held from before the check) would drag every status after it.
                last = conn.execute(
                    select(func.max(t.events.c.hlc)).where(t.events.c.hlc < self.hlc_limit())
                ).scalar()
        except SQLAlchemyError as exc:
            raise CentralError(f"cannot open the central database: {exc}") from exc
        self.hlc = HybridClock(CENTRAL_DEVICE, clock, Timestamp.decode(last) if last else None)

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    def hlc_limit(self) -> str:
        """The first hlc prefix past the allowed drift: a pushed hlc must sort below it."""
        return f"{self.clock() + self.limits.max_drift_ms + 1:012x}"

    def now(self) -> str:
        """The current UTC time as stored."""
        return iso(self.clock())

    @contextmanager
    def write(self, *, flushed: bool = True) -> Iterator[Connection]:
        """A write transaction, serialised with every other writer.

        Args:
            flushed: the commit waits until it is on disk (the default). False only for
                what a power cut may lose because it is done again after it: the
                notifier's "sent" marks (a lost one resends the message under the same
                Message-ID). A killed process loses no commit either way.
        """
        with self.writer(flushed=flushed) as begin, begin() as conn:
            yield conn

    @contextmanager
    def writer(self, *, flushed: bool = True) -> Iterator[Callable[[], ContextManager[Connection]]]:
        """Many write transactions in a row on one connection: ``begin()`` opens each.

        Each transaction is one ``write`` (serialised, committed on leaving its block),
        without taking a connection from the pool and setting it up every time: the
        notifier commits each message it sends on its own, and that setting up cost
        as much as the commit. Between two transactions the connection holds no lock.
        """
        with self.engine.connect() as conn:
            relax = not flushed and not self.is_postgres
            if relax:  # on the driver's connection: SQLAlchemy's would begin a transaction
                _pragma(conn, "PRAGMA synchronous = NORMAL")

            @contextmanager
            def begin() -> Iterator[Connection]:
                conn.info["write"] = True
                try:
                    with conn.begin():
                        if self.is_postgres:
                            conn.execute(text(f"SELECT pg_advisory_xact_lock({_ADVISORY_LOCK})"))
                            if not flushed:
                                conn.execute(text("SET LOCAL synchronous_commit TO OFF"))
                        yield conn
                finally:
                    conn.info["write"] = False

            try:
                yield begin
            finally:
                if relax:
                    _pragma(conn, "PRAGMA synchronous = FULL")

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction (a consistent snapshot)."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def audit(
        self, conn: Connection, actor: str, action: str, journey_id: str | None, detail: str
    ) -> None:
        """Record who did what, in the caller's transaction."""
        conn.execute(
            insert(t.audit).values(
                wall=self.now(), actor=actor, action=action, journey_id=journey_id, detail=detail
            )
        )
