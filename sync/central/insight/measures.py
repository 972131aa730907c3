"""The measures, aggregated from the rollups' cells: by day, site, channel, service and agency.

Everything here is a sum over the cells (``cells``: the journeys' rows summed by
day and site, by agency, day and site, by service, by the day of an open
journey's last event) for one ``Scope``: the journeys started in a range of days,
at a site, with a service of an agency. No statement reads a row a journey.
Nothing here hides a small cell: that is the presentation's rule (``report``),
applied to every face and export alike.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache, reduce
from typing import Any, Final

from sqlalchemy import Connection, bindparam, func, literal_column, select, union_all

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
    """The measures of ``scope`` from the cells (``rollup.refresh`` them first).

    Every figure is a sum of cells, a row a day and site (an agency's: a row a day and
    site for each agency, as a journey counts for each agency whose service it holds; a
    service's: a row a day, site and days to a decision; a stall's: a row a day, site,
    day gone quiet and steps done), so what a page reads is bounded by days, sites and
    services, not by journeys. One statement sums the journeys by site, by day and in
    all; one the services; two the stalls.
    """
    params = _params(catalogue, scope)
    shape = _shape(scope)
    with db.read() as conn:
        m, site_ms = _journeys(conn, shape, params, scope)
        if scope.agency is None:
            m.costs = _costs(conn, shape, params, scope, site_ms)
        m.services = _service_cells(conn, catalogue, shape, params)
        m.stalls, m.stalled = _stalls(conn, catalogue, shape, params, now_ms)
    return m


Shape = tuple[bool, bool, bool, bool]
"""Which of a scope's start, end, site and agency are given: a statement is built once a shape."""


def _shape(scope: Scope) -> Shape:
    return (scope.start is not None, scope.end is not None, scope.site is not None,
            scope.agency is not None)  # fmt: skip


def _params(catalogue: Catalogue, scope: Scope) -> dict[str, Any]:
    params: dict[str, Any] = {"start": scope.start, "end": scope.end, "site": scope.site,
                              "agency": scope.agency}  # fmt: skip
    if scope.agency is not None:
        params["services"] = [s.id for s in catalogue.services_of(scope.agency)]
    return params


def _cell_where(table: Any, shape: Shape, *, agency: bool = False) -> list[Any]:
    """The scope's days and site on a table of cells (and its agency, with ``agency``)."""
    has_start, has_end, has_site, has_agency = shape
    where: list[Any] = []
    if has_start:
        where.append(table.c.started_day >= bindparam("start"))
    if has_end:
        where.append(table.c.started_day <= bindparam("end"))
    if has_site:
        where.append(table.c.site_id == bindparam("site"))
    if agency and has_agency:
        where.append(table.c.agency_id == bindparam("agency"))
    return where


_MET: Final = STEP_CHANNELS[:4]
"""The channels a journey is met through (``met_<channel>`` in the cells)."""


@lru_cache(maxsize=32)
def _journeys_statement(shape: Shape) -> Any:
    """The journeys' cells in scope summed by site, by day and in all (one statement):
    ``Counts``' columns, the steps by channel, the journeys met by channel, the
    mediators' time."""
    table = t.insight_agency_cells if shape[3] else t.insight_cells
    c = table.c
    sums = (
        func.sum(c.journeys), func.sum(c.resolved), func.sum(c.crossed),
        func.sum(reduce(operator.add, (c[f"steps_{ch}"] for ch in STEP_CHANNELS))),
        func.sum(c.steps_web + c.steps_kiosk), func.sum(c.prefilled), func.sum(c.typed),
        func.sum(c.handoffs_issued), func.sum(c.handoffs_redeemed), func.sum(c.at_kiosk),
        func.sum(c.assisted), func.sum(c.with_feedback), func.sum(c.feedback_count),
        func.sum(c.feedback_sum),
        *(func.sum(c[f"steps_{ch}"]) for ch in STEP_CHANNELS),
        *(func.sum(c[f"met_{ch}"]) for ch in _MET),
        func.sum(c.assisted_ms),
    )  # fmt: skip
    where = _cell_where(table, shape, agency=True)
    return union_all(
        select(literal_column("'site'"), c.site_id, *sums).where(*where).group_by(c.site_id),
        select(literal_column("'day'"), c.started_day, *sums).where(*where).group_by(c.started_day),
        select(literal_column("'all'"), literal_column("''"), *sums).where(*where),
    )


def _journeys(
    conn: Connection, shape: Shape, params: dict[str, Any], scope: Scope
) -> tuple[Measures, dict[str, tuple[int, int]]]:
    """The scope's counts in all, by site and by day (groups without a journey left out),
    its steps and journeys by channel, and each site's journeys and mediators' time."""
    n = len(COUNT_NAMES)
    total = Counts()
    by_site: dict[str, Counts] = {}
    by_day: dict[str, Counts] = {}
    steps = dict.fromkeys(STEP_CHANNELS, 0)
    met = dict.fromkeys(_MET, 0)
    site_ms: dict[str, tuple[int, int]] = {}
    for row in conn.execute(_journeys_statement(shape), params):
        kind, key = row[0], str(row[1])
        values = [int(v or 0) for v in row[2:]]
        if kind == "site":
            site_ms[key] = (values[0], values[-1])
        elif kind == "all":
            steps = dict(zip(STEP_CHANNELS, values[n : n + len(STEP_CHANNELS)], strict=True))
            met = dict(zip(_MET, values[n + len(STEP_CHANNELS) : -1], strict=True))
        if values[0] == 0:
            continue
        counts = Counts(*values[:n])
        if kind == "site":
            by_site[key] = counts
        elif kind == "day":
            by_day[key] = counts
        else:
            total = counts
    m = Measures(scope, total)
    m.by_site, m.by_day = dict(sorted(by_site.items())), dict(sorted(by_day.items()))
    m.steps_by_channel, m.journeys_by_channel = steps, met
    return m, site_ms


@lru_cache(maxsize=32)
def _submitted_statement(shape: Shape) -> Any:
    s = t.insight_service_cells.c
    return (select(s.site_id, func.sum(s.submitted))
            .where(*_cell_where(t.insight_service_cells, shape)).group_by(s.site_id))  # fmt: skip


def _costs(
    conn: Connection, shape: Shape, params: dict[str, Any], scope: Scope,
    site_ms: dict[str, tuple[int, int]],
) -> dict[str, SiteCost]:  # fmt: skip
    """The sites with a declared cost per hour, their journeys' mediator time and the
    services submitted on them (a transaction)."""
    k = t.site_costs.c
    found = {str(site): SiteCost(int(cents)) for site, cents in conn.execute(
        select(k.site_id, k.cents_per_hour))}  # fmt: skip
    if scope.site:
        found = {site: v for site, v in found.items() if site == scope.site}
    if not found:
        return {}
    for site, (journeys, ms) in site_ms.items():
        if site in found:
            found[site].journeys, found[site].mediator_ms = journeys, ms
    for site, submitted in conn.execute(_submitted_statement(shape), params):
        if site in found:
            found[site].submitted = int(submitted or 0)
    return dict(sorted(found.items()))


@lru_cache(maxsize=32)
def _services_statement(shape: Shape) -> Any:
    c = t.insight_service_cells.c
    where = _cell_where(t.insight_service_cells, shape)
    if shape[3]:
        where.append(c.service_id.in_(bindparam("services", expanding=True)))
    return (
        select(c.service_id, c.decision_days, func.sum(c.added), func.sum(c.submitted),
               func.sum(c.decided), func.sum(c.decision_ms))
        .where(*where).group_by(c.service_id, c.decision_days)
    )  # fmt: skip


def _service_cells(
    conn: Connection, catalogue: Catalogue, shape: Shape, params: dict[str, Any]
) -> dict[str, ServiceCounts]:
    """The services in scope (an agency's: its own, as the catalogue lists them)."""
    found: dict[str, ServiceCounts] = {}
    for service_id, days, added, submitted, decided, ms in conn.execute(
        _services_statement(shape), params
    ):
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


def wall_ms(wall: str) -> int:
    """A stored wall time (``...Z``) in Unix milliseconds."""
    return int(
        datetime.fromisoformat(wall.replace("Z", "+00:00")).astimezone(UTC).timestamp() * 1000
    )


def _stalls(
    conn: Connection, catalogue: Catalogue, shape: Shape, params: dict[str, Any], now_ms: int
) -> tuple[dict[tuple[str, str], int], int]:
    """Open journeys quiet for ``STALL_DAYS`` and, by service and step, where they stopped.

    With an agency, the journeys are those holding one of its services, and the
    services its own.
    """
    quiet = last_quiet_day(datetime.fromtimestamp(now_ms / 1000, UTC).date()).isoformat()
    stalled = conn.execute(_stalled_statement(shape), {**params, "quiet": quiet}).scalar()
    steps: dict[tuple[str, str], int] = {}
    for service_id, done, n in conn.execute(_open_statement(shape), {**params, "quiet": quiet}):
        service = catalogue.services.get(service_id)
        if service is None or not n:
            continue
        step = stalled_step([x.id for x in service.steps], done.split(","))
        if step is not None:
            steps[(service_id, step)] = steps.get((service_id, step), 0) + int(n)
    return dict(sorted(steps.items(), key=lambda kv: (-kv[1], kv[0]))), int(stalled or 0)


@lru_cache(maxsize=32)
def _stalled_statement(shape: Shape) -> Any:
    """The open journeys in scope whose last event's day is ``quiet`` or before."""
    table = t.insight_agency_open if shape[3] else t.insight_open
    o = table.c
    where = _cell_where(table, shape, agency=True)
    return select(func.sum(o.journeys)).where(*where, o.last_day <= bindparam("quiet"))


@lru_cache(maxsize=32)
def _open_statement(shape: Shape) -> Any:
    """Their services not submitted, by the steps done (an agency's: its own)."""
    os_ = t.insight_open_services.c
    where = [*_cell_where(t.insight_open_services, shape), os_.last_day <= bindparam("quiet")]
    if shape[3]:
        where.append(os_.service_id.in_(bindparam("services", expanding=True)))
    return (select(os_.service_id, os_.done, func.sum(os_.journeys)).where(*where)
            .group_by(os_.service_id, os_.done))  # fmt: skip
