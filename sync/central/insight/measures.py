"""The measures, aggregated from the rollups: by day, site, channel, service and agency.

Everything here is a count (or a sum) over ``insight_journeys`` and
``insight_services`` for one ``Scope``: the journeys started in a range of days,
at a site, with a service of an agency. Nothing here hides a small cell: that is
the presentation's rule (``report``), applied to every face and export alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Final

from sqlalchemy import Connection, case, func, select

from sync.catalogue.model import Catalogue
from sync.central import schema as t
from sync.central.insight.tally import STEP_CHANNELS
from sync.central.records import DeviceStatus
from sync.central.store.database import Database
from sync.domain.insight import DAY_MS, last_quiet_day, stalled_step


@dataclass(frozen=True, slots=True)
class Scope:
    """Which journeys are counted: started from ``start`` to ``end`` (days, inclusive),
    at ``site``, holding a service of ``agency``; None for any."""

    start: str | None = None
    end: str | None = None
    site: str | None = None
    agency: str | None = None


@dataclass(slots=True)
class Counts:
    """The journey counts of one group (the whole scope, a site, a day)."""

    journeys: int = 0
    resolved: int = 0
    crossed: int = 0
    steps: int = 0
    steps_digital: int = 0
    prefilled: int = 0
    typed: int = 0
    handoffs_issued: int = 0
    handoffs_redeemed: int = 0
    at_kiosk: int = 0
    assisted: int = 0
    with_feedback: int = 0
    feedback_count: int = 0
    feedback_sum: int = 0


COUNT_NAMES: Final = tuple(Counts.__dataclass_fields__)


@dataclass(slots=True)
class ServiceCounts:
    """One service in scope: added, submitted, decided, and decided within its own time."""

    service_id: str
    agency_id: str
    expected_days: int | None
    added: int = 0
    submitted: int = 0
    decided: int = 0
    on_time: int = 0
    days_to_decision: float = 0.0


@dataclass(slots=True)
class Measures:
    """Every measure of a scope, as counts."""

    scope: Scope
    total: Counts
    by_site: dict[str, Counts] = field(default_factory=dict)
    by_day: dict[str, Counts] = field(default_factory=dict)
    steps_by_channel: dict[str, int] = field(default_factory=dict)
    journeys_by_channel: dict[str, int] = field(default_factory=dict)
    services: dict[str, ServiceCounts] = field(default_factory=dict)
    stalls: dict[tuple[str, str], int] = field(default_factory=dict)
    stalled: int = 0
    costs: dict[str, SiteCost] = field(default_factory=dict)


@dataclass(slots=True)
class SiteCost:
    """A site that declared its cost per hour: its mediators' time and its transactions."""

    cents_per_hour: int
    journeys: int = 0
    mediator_ms: int = 0
    submitted: int = 0


def measures(db: Database, catalogue: Catalogue, scope: Scope, *, now_ms: int) -> Measures:
    """The measures of ``scope`` from the rollups (``rollup.refresh`` them first).

    The network's, a site's and a range of days' counts are read from the cells (a row
    a day and site); an agency's from the journeys' rows, as a journey counts for each
    agency whose service it holds.
    """
    with db.read() as conn:
        if scope.agency is None:
            c = t.insight_cells.c
            total = _cell_counts(conn, scope, None)
            m = Measures(scope, total.get("", Counts()))
            m.by_site = _cell_counts(conn, scope, c.site_id)
            m.by_day = _cell_counts(conn, scope, c.started_day)
            m.steps_by_channel, m.journeys_by_channel = _cell_channels(conn, scope)
            m.costs = _costs(conn, scope)
        else:
            m = _agency(conn, catalogue, scope)
        m.services = _service_cells(conn, catalogue, scope)
        m.stalls, m.stalled = _stalls(conn, catalogue, scope, now_ms)
    return m


def _cell_where(table: Any, scope: Scope) -> list[Any]:
    where: list[Any] = []
    if scope.start:
        where.append(table.c.started_day >= scope.start)
    if scope.end:
        where.append(table.c.started_day <= scope.end)
    if scope.site:
        where.append(table.c.site_id == scope.site)
    return where


def _cell_counts(conn: Connection, scope: Scope, by: Any) -> dict[str, Counts]:
    c = t.insight_cells.c
    columns = (
        func.sum(c.journeys), func.sum(c.resolved), func.sum(c.crossed),
        func.sum(sum((c[f"steps_{ch}"] for ch in STEP_CHANNELS), start=0)),
        func.sum(c.steps_web + c.steps_kiosk), func.sum(c.prefilled), func.sum(c.typed),
        func.sum(c.handoffs_issued), func.sum(c.handoffs_redeemed), func.sum(c.at_kiosk),
        func.sum(c.assisted), func.sum(c.with_feedback), func.sum(c.feedback_count),
        func.sum(c.feedback_sum),
    )  # fmt: skip
    where = _cell_where(t.insight_cells, scope)
    query = select(*columns).where(*where)
    if by is not None:
        query = select(by, *columns).where(*where).group_by(by).order_by(by)
    found: dict[str, Counts] = {}
    for row in conn.execute(query):
        key, values = ("", row) if by is None else (str(row[0]), row[1:])
        if int(values[0] or 0) == 0:
            continue
        found[key] = Counts(*(int(v or 0) for v in values))
    return found


def _costs(conn: Connection, scope: Scope) -> dict[str, SiteCost]:
    """The sites with a declared cost per hour, their journeys' mediator time and the
    services submitted on them (a transaction)."""
    c, s, k = t.insight_cells.c, t.insight_service_cells.c, t.site_costs.c
    found = {str(site): SiteCost(int(cents)) for site, cents in conn.execute(
        select(k.site_id, k.cents_per_hour))}  # fmt: skip
    if scope.site:
        found = {site: v for site, v in found.items() if site == scope.site}
    for site, journeys, ms in conn.execute(
        select(c.site_id, func.sum(c.journeys), func.sum(c.assisted_ms))
        .where(*_cell_where(t.insight_cells, scope)).group_by(c.site_id)
    ):  # fmt: skip
        if site in found:
            found[site].journeys, found[site].mediator_ms = int(journeys or 0), int(ms or 0)
    for site, submitted in conn.execute(
        select(s.site_id, func.sum(s.submitted))
        .where(*_cell_where(t.insight_service_cells, scope)).group_by(s.site_id)
    ):  # fmt: skip
        if site in found:
            found[site].submitted = int(submitted or 0)
    return dict(sorted(found.items()))


def _cell_channels(conn: Connection, scope: Scope) -> tuple[dict[str, int], dict[str, int]]:
    c = t.insight_cells.c
    met_channels = STEP_CHANNELS[:4]
    row = conn.execute(
        select(
            *(func.sum(c[f"steps_{ch}"]) for ch in STEP_CHANNELS),
            *(func.sum(c[f"met_{ch}"]) for ch in met_channels),
        ).where(*_cell_where(t.insight_cells, scope))
    ).one()
    steps = {ch: int(v or 0) for ch, v in zip(STEP_CHANNELS, row[:5], strict=True)}
    return steps, {ch: int(v or 0) for ch, v in zip(met_channels, row[5:], strict=True)}


def _service_cells(
    conn: Connection, catalogue: Catalogue, scope: Scope
) -> dict[str, ServiceCounts]:
    c = t.insight_service_cells.c
    where = _cell_where(t.insight_service_cells, scope)
    if scope.agency:
        where.append(c.service_id.in_([s.id for s in catalogue.services_of(scope.agency)]))
    rows = conn.execute(
        select(c.service_id, c.decision_days, func.sum(c.added), func.sum(c.submitted),
               func.sum(c.decided), func.sum(c.decision_ms))
        .where(*where).group_by(c.service_id, c.decision_days)
    )  # fmt: skip
    found: dict[str, ServiceCounts] = {}
    for service_id, days, added, submitted, decided, ms in rows:
        known = catalogue.services.get(service_id)
        s = found.get(service_id)
        if s is None:
            s = found[service_id] = ServiceCounts(
                service_id, known.agency_id if known else "",
                known.expected_days if known else None,
            )  # fmt: skip
        s.added += int(added or 0)
        s.submitted += int(submitted or 0)
        s.decided += int(decided or 0)
        s.days_to_decision += int(ms or 0) / DAY_MS
        if days >= 0 and s.expected_days is not None and days <= s.expected_days:
            s.on_time += int(decided or 0)
    return {k: v for k, v in sorted(found.items()) if v.added}


def sync_health(db: Database) -> list[DeviceStatus]:
    """Every device with its last sync, ack, highest seq and quarantined count, read from
    the devices, their acks and the rollups' highest seqs (no scan of the event log)."""
    with db.read() as conn:
        devices = conn.execute(select(t.devices).order_by(t.devices.c.device_id)).all()
        acks = dict(
            conn.execute(select(t.device_acks.c.device_id, t.device_acks.c.acked_seq)).all()
        )
        i = t.insight_devices.c
        highest = dict(conn.execute(select(i.device_id, i.highest_seq)).all())
        q = t.quarantine.c
        parked: dict[str, int] = dict(
            conn.execute(select(q.device_id, func.count()).group_by(q.device_id)).all()
        )
    return [
        DeviceStatus(
            device_id=d.device_id, site_id=d.site_id, enrolled=d.enrolled, revoked=d.revoked,
            last_sync=d.last_sync, acked_seq=int(acks.get(d.device_id, 0)),
            highest_seq=int(highest.get(d.device_id) or 0),
            quarantined=int(parked.get(d.device_id, 0)),
        )
        for d in devices
    ]  # fmt: skip


def _where(catalogue: Catalogue, scope: Scope) -> list[Any]:
    j = t.insight_journeys.c
    where: list[Any] = [j.started_day != ""]
    if scope.start:
        where.append(j.started_day >= scope.start)
    if scope.end:
        where.append(j.started_day <= scope.end)
    if scope.site:
        where.append(j.site_id == scope.site)
    if scope.agency:
        ids = [s.id for s in catalogue.services_of(scope.agency)]
        s = t.insight_services.c
        where.append(j.journey_id.in_(select(s.journey_id).where(s.service_id.in_(ids))))
    return where


def _agency(conn: Connection, catalogue: Catalogue, scope: Scope) -> Measures:
    """An agency's journeys summed by site and day in one pass over their rows; the
    total, the sites, the days and the channels are then added up from those groups."""
    j = t.insight_journeys.c
    met_channels = STEP_CHANNELS[:4]
    query = (
        select(j.site_id, j.started_day, *_count_columns(),
               *(func.sum(j[f"steps_{c}"]) for c in STEP_CHANNELS),
               *(func.sum(case((j.channels.contains(c), 1), else_=0)) for c in met_channels))
        .where(*_where(catalogue, scope))
        .group_by(j.site_id, j.started_day)
    )  # fmt: skip
    total, by_site, by_day = Counts(), dict[str, Counts](), dict[str, Counts]()
    steps = dict.fromkeys(STEP_CHANNELS, 0)
    met = dict.fromkeys(met_channels, 0)
    n = len(COUNT_NAMES)
    for row in conn.execute(query):
        values = [int(v or 0) for v in row[2 : 2 + n]]
        if values[0] == 0:
            continue
        for counts in (total, by_site.setdefault(str(row[0]), Counts()),
                       by_day.setdefault(str(row[1]), Counts())):  # fmt: skip
            for name, v in zip(COUNT_NAMES, values, strict=True):
                setattr(counts, name, getattr(counts, name) + v)
        for c, v in zip(STEP_CHANNELS, row[2 + n : 2 + n + len(STEP_CHANNELS)], strict=True):
            steps[c] += int(v or 0)
        for c, v in zip(met_channels, row[2 + n + len(STEP_CHANNELS) :], strict=True):
            met[c] += int(v or 0)
    m = Measures(scope, total)
    m.by_site, m.by_day = dict(sorted(by_site.items())), dict(sorted(by_day.items()))
    m.steps_by_channel, m.journeys_by_channel = steps, met
    return m


def _count_columns() -> tuple[Any, ...]:
    """The sums of a group of journeys' rows, in ``Counts``' order."""
    j = t.insight_journeys.c
    steps = sum((j[f"steps_{c}"] for c in STEP_CHANNELS), start=0)
    return (
        func.count(),
        func.sum(case((j.closed_wall.is_not(None), 1), else_=0)),
        func.sum(j.crossed),
        func.sum(steps),
        func.sum(j.steps_web + j.steps_kiosk),
        func.sum(j.prefilled),
        func.sum(j.typed),
        func.sum(j.handoffs_issued),
        func.sum(j.handoffs_redeemed),
        func.sum(j.at_kiosk),
        func.sum(j.assisted),
        func.sum(case((j.feedback_count > 0, 1), else_=0)),
        func.sum(j.feedback_count),
        func.sum(j.feedback_sum),
    )


def wall_ms(wall: str) -> int:
    """A stored wall time (``...Z``) in Unix milliseconds."""
    return int(
        datetime.fromisoformat(wall.replace("Z", "+00:00")).astimezone(UTC).timestamp() * 1000
    )


def _stalls(
    conn: Connection, catalogue: Catalogue, scope: Scope, now_ms: int
) -> tuple[dict[tuple[str, str], int], int]:
    """Open journeys quiet for ``STALL_DAYS`` and, by service and step, where they stopped.

    With an agency, the journeys are those holding one of its services, and the
    services its own.
    """
    quiet = last_quiet_day(datetime.fromtimestamp(now_ms / 1000, UTC).date()).isoformat()
    o, os_ = t.insight_open.c, t.insight_open_services.c
    agency = [x.id for x in catalogue.services_of(scope.agency)] if scope.agency else None
    if agency is None:
        stalled = conn.execute(
            select(func.sum(o.journeys)).where(*_cell_where(t.insight_open, scope),
                                               o.last_day <= quiet)
        ).scalar()  # fmt: skip
    else:
        j = t.insight_journeys.c
        stalled = conn.execute(
            select(func.count()).where(*_where(catalogue, scope), j.closed_wall.is_(None),
                                       j.last_wall < _next_day(quiet))
        ).scalar()  # fmt: skip
    where = [*_cell_where(t.insight_open_services, scope), os_.last_day <= quiet]
    if agency is not None:
        where.append(os_.service_id.in_(agency))
    steps: dict[tuple[str, str], int] = {}
    for service_id, done, n in conn.execute(
        select(os_.service_id, os_.done, func.sum(os_.journeys))
        .where(*where)
        .group_by(os_.service_id, os_.done)
    ):
        service = catalogue.services.get(service_id)
        if service is None or not n:
            continue
        step = stalled_step([x.id for x in service.steps], done.split(","))
        if step is not None:
            steps[(service_id, step)] = steps.get((service_id, step), 0) + int(n)
    return dict(sorted(steps.items(), key=lambda kv: (-kv[1], kv[0]))), int(stalled or 0)


def _next_day(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()
