"""The central store's tables (SQLAlchemy Core) and their numbered migrations.

One schema for SQLite and PostgreSQL. The version lives in ``schema_version``;
migration N brings the schema from N-1 to N inside the caller's transaction.
Migration 1 creates the tables as they are defined below; when a table changes
later, the change is a new migration (``ALTER``) and migration 1 keeps creating
the version-1 shape.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    select,
    text,
)

from sync.domain.returning import citizen_keys
from sync.errors import CentralError

metadata = MetaData()

# SQLite wants INTEGER for an alias of the rowid; PostgreSQL gets a 64-bit identity.
_BigId = BigInteger().with_variant(Integer(), "sqlite")

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, nullable=False),
)

devices = Table(
    "devices",
    metadata,
    Column("device_id", String(128), primary_key=True),
    Column("site_id", String(128), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("enrolled", String(32), nullable=False),
    Column("revoked", String(32)),
    Column("last_sync", String(32)),
)

enrolment_codes = Table(
    "enrolment_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("site_id", String(128), nullable=False),
    Column("expires", String(32), nullable=False),
    Column("used", String(32)),
    Column("used_by", String(128)),
)

agency_tokens = Table(
    "agency_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("agency_id", String(64), nullable=False),
    Column("created", String(32), nullable=False),
    Column("revoked", String(32)),
)

events = Table(
    "events",
    metadata,
    # The server's own total order: pull cursors are positions in it.
    Column("server_pos", _BigId, primary_key=True, autoincrement=True),
    Column("id", String(36), nullable=False, unique=True),
    Column("journey_id", String(36), nullable=False),
    Column("type", String(64), nullable=False),
    Column("hlc", String(160), nullable=False),
    Column("wall", String(32), nullable=False),
    Column("device_id", String(128), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("channel", String(16), nullable=False),
    Column("site_id", String(128), nullable=False),
    Column("actor", String(128), nullable=False),
    Column("data", Text, nullable=False),
    Column("ref", String(9)),
    Column("received", String(32), nullable=False),
    UniqueConstraint("device_id", "seq", name="events_device_seq"),
    Index("events_journey", "journey_id", "server_pos"),
    Index("events_ref", "ref"),
    sqlite_autoincrement=True,
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("pos", _BigId, primary_key=True, autoincrement=True),
    Column("device_id", String(128), nullable=False),
    Column("seq", BigInteger),
    Column("event_id", String(128)),
    Column("raw", Text, nullable=False),
    Column("raw_sha256", String(64), nullable=False),
    Column("reason", Text, nullable=False),
    Column("received", String(32), nullable=False),
    UniqueConstraint("device_id", "raw_sha256", name="quarantine_device_raw"),
    Index("quarantine_device_seq", "device_id", "seq"),
    sqlite_autoincrement=True,
)

device_acks = Table(
    "device_acks",
    metadata,
    Column("device_id", String(128), primary_key=True),
    Column("acked_seq", BigInteger, nullable=False),
    Column("updated", String(32), nullable=False),
)

# Migration 4: a device's clock as each push found it (sync.central.store.clocks): the offset from
# the store's clock, and the seqs that push stored.
clock_readings = Table(
    "clock_readings",
    metadata,
    Column("pos", _BigId, primary_key=True, autoincrement=True),
    Column("device_id", String(128), nullable=False),
    Column("received", String(32), nullable=False),
    Column("offset_ms", BigInteger, nullable=False),
    Column("first_seq", BigInteger),
    Column("last_seq", BigInteger),
    Index("clock_readings_device", "device_id", "pos"),
    sqlite_autoincrement=True,
)

# Which sites may pull which journeys: touched (a device of the site pushed to it)
# or opened (fetched by reference there).
site_journeys = Table(
    "site_journeys",
    metadata,
    Column("site_id", String(128), primary_key=True),
    Column("journey_id", String(36), primary_key=True),
    Column("how", String(16), nullable=False),
    Column("since", String(32), nullable=False),
    Index("site_journeys_journey", "journey_id"),
)

audit = Table(
    "audit",
    metadata,
    Column("pos", _BigId, primary_key=True, autoincrement=True),
    Column("wall", String(32), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(64), nullable=False),
    Column("journey_id", String(36)),
    Column("detail", Text, nullable=False, default=""),
    Index("audit_journey", "journey_id"),
    sqlite_autoincrement=True,
)

# Migration 6: each journey under the keys of the citizen it identifies
# (``sync.domain.returning.citizen_keys``: SHA-256 of normalised identity keys), so that
# a card read at a counter finds the citizen's open journeys without reading them all.
citizen_index = Table(
    "citizen_index",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("journey_id", String(36), primary_key=True),
)

# Migration 2: what the citizen's pages need (sync/central/web).

# Each handoff.issued held, by its token's hash: a link finds its journey in one read.
handoffs = Table(
    "handoffs",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("handoff_id", String(64), nullable=False),
    Column("journey_id", String(36), nullable=False),
    Index("handoffs_journey", "journey_id"),
)

# Wrong confirmations of a date of birth, per handoff, reference and client.
web_attempts = Table(
    "web_attempts",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("first_failure", String(32), nullable=False),
    Column("locked_until", String(32)),
)

# A citizen's confirmed visit: the cookie holds a random id, the table its hash.
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("journey_id", String(36), nullable=False),
    Column("handoff_id", String(64)),
    Column("created", String(32), nullable=False),
    Column("expires", String(32), nullable=False),
    Index("web_sessions_journey", "journey_id"),
)

# The store's own secrets (the CSRF signing key), shared by every process serving it.
secrets = Table(
    "secrets",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", String(200), nullable=False),
)

# Reports of accessibility problems and requests for another format.
accessibility_reports = Table(
    "accessibility_reports",
    metadata,
    Column("pos", _BigId, primary_key=True, autoincrement=True),
    Column("received", String(32), nullable=False),
    Column("page", String(200), nullable=False),
    Column("language", String(8), nullable=False),
    Column("problem", Text, nullable=False),
    Column("wants", String(32), nullable=False),
    Column("contact", Text),
    sqlite_autoincrement=True,
)

# Migration 5: the insight's rollups (sync/central/insight), folded from ``events`` by a
# job that keeps its place in ``insight_cursor``, and the dashboard's tokens.

# One row per journey: what the measures count, folded from its events.
insight_journeys = Table(
    "insight_journeys",
    metadata,
    Column("journey_id", String(36), primary_key=True),
    Column("site_id", String(128), nullable=False, default=""),
    Column("started_day", String(10), nullable=False, default=""),
    Column("last_wall", String(32), nullable=False, default=""),
    Column("closed_wall", String(32)),
    Column("channels", String(64), nullable=False, default=""),
    Column("crossed", Integer, nullable=False, default=0),
    Column("steps_counter", Integer, nullable=False, default=0),
    Column("steps_van", Integer, nullable=False, default=0),
    Column("steps_kiosk", Integer, nullable=False, default=0),
    Column("steps_web", Integer, nullable=False, default=0),
    Column("steps_backoffice", Integer, nullable=False, default=0),
    Column("prefilled", Integer, nullable=False, default=0),
    Column("typed", Integer, nullable=False, default=0),
    Column("handoffs_issued", Integer, nullable=False, default=0),
    Column("handoffs_redeemed", Integer, nullable=False, default=0),
    Column("at_kiosk", Integer, nullable=False, default=0),
    Column("assisted", Integer, nullable=False, default=0),
    Column("feedback_count", Integer, nullable=False, default=0),
    Column("feedback_sum", Integer, nullable=False, default=0),
    Column("assisted_from", String(32), nullable=False, default=""),
    Column("assisted_to", String(32), nullable=False, default=""),
    Index("insight_journeys_site_day", "site_id", "started_day"),
    Index("insight_journeys_day", "started_day"),
    Index("insight_journeys_open", "closed_wall", "last_wall"),
)

# One row per service of a journey: added, submitted, decided, the steps done.
insight_services = Table(
    "insight_services",
    metadata,
    Column("journey_id", String(36), primary_key=True),
    Column("service_id", String(128), primary_key=True),
    Column("added_wall", String(32), nullable=False, default=""),
    Column("submitted_wall", String(32)),
    Column("decided_wall", String(32)),
    Column("done", Text, nullable=False, default=""),
    Index("insight_services_service", "service_id"),
)

# Feedback with a comment: shown only to dashboard roles allowed, never exported.
insight_comments = Table(
    "insight_comments",
    metadata,
    Column("event_id", String(36), primary_key=True),
    Column("journey_id", String(36), nullable=False),
    Column("wall", String(32), nullable=False),
    Column("score", Integer, nullable=False),
    Column("comment", Text, nullable=False),
    Index("insight_comments_journey", "journey_id"),
)


def _cell_counts() -> list[Column[int]]:
    names = ("journeys", "resolved", "crossed", "steps_counter", "steps_van", "steps_kiosk",
             "steps_web", "steps_backoffice", "prefilled", "typed", "handoffs_issued",
             "handoffs_redeemed", "at_kiosk", "assisted", "with_feedback", "feedback_count",
             "feedback_sum", "met_counter", "met_van", "met_kiosk", "met_web",
             "assisted_ms")  # fmt: skip
    return [Column(n, BigInteger, nullable=False, default=0) for n in names]


# The journeys' counts summed by the day they started and their site: what the pages of
# the network and of a site read (a few rows a day, however many journeys).
insight_cells = Table(
    "insight_cells",
    metadata,
    Column("started_day", String(10), primary_key=True),
    Column("site_id", String(128), primary_key=True),
    *_cell_counts(),
)

# The services of the journeys, summed by day, site, service and whole days to a decision
# (-1: not decided): on time is ``decision_days <= expected_days``.
insight_service_cells = Table(
    "insight_service_cells",
    metadata,
    Column("started_day", String(10), primary_key=True),
    Column("site_id", String(128), primary_key=True),
    Column("service_id", String(128), primary_key=True),
    Column("decision_days", Integer, primary_key=True),
    Column("added", BigInteger, nullable=False, default=0),
    Column("submitted", BigInteger, nullable=False, default=0),
    Column("decided", BigInteger, nullable=False, default=0),
    Column("decision_ms", BigInteger, nullable=False, default=0),
)

# The open journeys by the day of their last event, and their unsubmitted services by the
# steps done: where journeys stall, without reading every journey.
insight_open = Table(
    "insight_open",
    metadata,
    Column("started_day", String(10), primary_key=True),
    Column("site_id", String(128), primary_key=True),
    Column("last_day", String(10), primary_key=True),
    Column("journeys", BigInteger, nullable=False, default=0),
)
insight_open_services = Table(
    "insight_open_services",
    metadata,
    Column("started_day", String(10), primary_key=True),
    Column("site_id", String(128), primary_key=True),
    Column("last_day", String(10), primary_key=True),
    Column("service_id", String(128), primary_key=True),
    Column("done", String(1000), primary_key=True),
    Column("journeys", BigInteger, nullable=False, default=0),
)

# Migration 7: the journeys' counts summed as in ``insight_cells``, and the open journeys as
# in ``insight_open``, once for each agency whose service a journey holds (its services'
# ids name their agencies): what an agency's page reads, however many journeys it has.
insight_agency_cells = Table(
    "insight_agency_cells",
    metadata,
    Column("agency_id", String(128), primary_key=True),
    Column("started_day", String(10), primary_key=True),
    Column("site_id", String(128), primary_key=True),
    *_cell_counts(),
)
insight_agency_open = Table(
    "insight_agency_open",
    metadata,
    Column("agency_id", String(128), primary_key=True),
    Column("started_day", String(10), primary_key=True),
    Column("site_id", String(128), primary_key=True),
    Column("last_day", String(10), primary_key=True),
    Column("journeys", BigInteger, nullable=False, default=0),
)
CELL_INDEXES = (
    ("insight_cells_site", "insight_cells", "site_id, started_day"),
    ("insight_service_cells_site", "insight_service_cells", "site_id, started_day"),
    ("insight_open_site", "insight_open", "site_id, started_day"),
    ("insight_open_services_site", "insight_open_services", "site_id, started_day"),
    ("insight_service_cells_service", "insight_service_cells",
     "service_id, decision_days, started_day, site_id, added, submitted, decided, decision_ms"),
    ("insight_open_services_service", "insight_open_services",
     "service_id, done, last_day, started_day, site_id, journeys"),
)  # fmt: skip
"""Migration 7's indexes of the cells: by site (a site's page reads its rows alone), and by
service, covering (the services and the stalls are summed in the index's order)."""

# The highest seq of each device among the events folded in (sync health without a scan).
insight_devices = Table(
    "insight_devices",
    metadata,
    Column("device_id", String(128), primary_key=True),
    Column("highest_seq", BigInteger, nullable=False),
)

# What a site declares an hour of its mediators costs (cost per transaction).
site_costs = Table(
    "site_costs",
    metadata,
    Column("site_id", String(128), primary_key=True),
    Column("cents_per_hour", BigInteger, nullable=False),
    Column("declared", String(32), nullable=False),
)

# Where the rollup job is in the server's order: every event up to it is folded in.
insight_cursor = Table(
    "insight_cursor",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("server_pos", BigInteger, nullable=False),
)

dashboard_tokens = Table(
    "dashboard_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("name", String(64), nullable=False),
    Column("comments", Integer, nullable=False, default=0),
    Column("created", String(32), nullable=False),
    Column("revoked", String(32)),
)

# Migration 3: the notifier's outbox (sync/central/notify). A row is written in the
# transaction of the event that asks for it, once per ``key``; ``message_id`` is the
# Message-ID (e-mail) or idempotency key (SMS) of every try. No address: the journey's
# consent says where, when it is sent; only its hash, for the daily limit.
outbox = Table(
    "notify_outbox",
    metadata,
    Column("pos", _BigId, primary_key=True, autoincrement=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("message_id", String(64), nullable=False, unique=True),
    Column("journey_id", String(36), nullable=False),
    Column("trigger", String(32), nullable=False),
    Column("subject_id", String(128), nullable=False),
    Column("state", String(16), nullable=False),
    Column("due", String(32), nullable=False),
    Column("tries", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("recipient_hash", String(64)),
    Column("channel", String(8)),
    Column("created", String(32), nullable=False),
    Column("done", String(32)),
    Index("notify_outbox_due", "state", "due"),
    Index("notify_outbox_done", "state", "done"),
    sqlite_autoincrement=True,
)

Migration = Callable[[Connection], None]


def _m1_initial(conn: Connection) -> None:
    for table in (
        devices,
        enrolment_codes,
        agency_tokens,
        events,
        quarantine,
        device_acks,
        site_journeys,
        audit,
    ):
        table.create(conn)


def _m2_citizen_pages(conn: Connection) -> None:
    for table in (handoffs, web_attempts, web_sessions, secrets, accessibility_reports):
        table.create(conn)
    issued = conn.execute(
        select(events.c.journey_id, events.c.data).where(events.c.type == "handoff.issued")
    ).all()
    for journey_id, data in issued:
        index_handoff(conn, journey_id, json.loads(data))


def _m3_notify_outbox(conn: Connection) -> None:
    outbox.create(conn)


def index_handoff(conn: Connection, journey_id: str, data: dict[str, Any]) -> None:
    """Keep a ``handoff.issued``'s token hash in ``handoffs`` (once; the first one wins)."""
    held = conn.execute(
        select(handoffs.c.token_hash).where(handoffs.c.token_hash == data["token_hash"])
    ).first()
    if held is None:
        conn.execute(
            handoffs.insert().values(
                token_hash=data["token_hash"], handoff_id=data["handoff_id"], journey_id=journey_id
            )
        )


def index_citizen(conn: Connection, journey_id: str, data: dict[str, Any]) -> None:
    """File a ``citizen.identified``'s journey under the citizen's keys (once each)."""
    keys = citizen_keys(
        str(data.get("name") or ""),
        str(data.get("birth_date") or ""),
        str(data.get("national_number") or ""),
    )
    if not keys:
        return
    held = set(
        conn.execute(
            select(citizen_index.c.key).where(
                citizen_index.c.journey_id == journey_id, citizen_index.c.key.in_(keys)
            )
        ).scalars()
    )
    fresh = [{"key": key, "journey_id": journey_id} for key in keys if key not in held]
    if fresh:
        conn.execute(citizen_index.insert(), fresh)


def _m6_citizen_index(conn: Connection) -> None:
    citizen_index.create(conn)
    identified = conn.execute(
        select(events.c.journey_id, events.c.data)
        .where(events.c.type == "citizen.identified")
        .order_by(events.c.server_pos)
    ).all()
    for journey_id, data in identified:
        index_citizen(conn, journey_id, json.loads(data))


def _m4_clock_readings(conn: Connection) -> None:
    clock_readings.create(conn)


def _m5_insight(conn: Connection) -> None:
    # Self-contained: its own tables only; the job folds the events already held on
    # its first run (its cursor starts at 0).
    for table in (
        insight_journeys,
        insight_services,
        insight_comments,
        insight_cells,
        insight_service_cells,
        insight_open,
        insight_open_services,
        insight_devices,
        site_costs,
        insight_cursor,
        dashboard_tokens,
    ):
        table.create(conn)


def _m7_agency_cells(conn: Connection) -> None:
    # The new cells are summed from the rollups already held (a pass over the journeys'
    # rows, not the log), with the same contribution the job then keeps adding.
    from sync.central.insight.cells import backfill_agencies

    insight_agency_cells.create(conn)
    insight_agency_open.create(conn)
    for name, table, columns in CELL_INDEXES:
        conn.execute(text(f"CREATE INDEX {name} ON {table} ({columns})"))
    backfill_agencies(conn)


MIGRATIONS: tuple[Migration, ...] = (
    _m1_initial,
    _m2_citizen_pages,
    _m3_notify_outbox,
    _m4_clock_readings,
    _m5_insight,
    _m6_citizen_index,
    _m7_agency_cells,
)
LATEST = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    """The schema version of the database (0 when it is empty)."""
    if not conn.dialect.has_table(conn, "schema_version"):
        return 0
    value = conn.execute(select(schema_version.c.version)).scalar()
    return int(value or 0)


def migrate(conn: Connection) -> int:
    """Bring the schema to ``LATEST`` inside the caller's transaction; returns the old version.

    Raises:
        CentralError: the database was written by a newer schema.
    """
    version = current_version(conn)
    if version > LATEST:
        raise CentralError(
            f"the central database has schema {version}; this version knows up to {LATEST}"
        )
    if version == 0:
        schema_version.create(conn, checkfirst=True)
        conn.execute(schema_version.insert().values(version=0))
    for number in range(version + 1, LATEST + 1):
        MIGRATIONS[number - 1](conn)
        conn.execute(schema_version.update().values(version=number))
    return version
