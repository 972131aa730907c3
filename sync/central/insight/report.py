"""The measures as tables, with every small cell suppressed: what each face shows and exports.

A ``Report`` is a list of ``Section``s (a title, columns, rows, and which column a
bar chart draws). Every count of journeys below ``SMALLEST_CELL`` reads "< 5",
and so does every share or mean that such a count is behind: the terminal, the
pages, JSON and CSV all show the same suppressed cells. Comments are no part of a
report; a face allowed to show them reads them with ``comments``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from sqlalchemy import select

from sync.central import schema as t
from sync.central.insight.measures import Counts, Measures, Scope
from sync.central.records import DeviceStatus
from sync.central.store.database import Database
from sync.domain.insight import SMALLEST_CELL, STALL_DAYS, shown

SUPPRESSED: Final = f"< {SMALLEST_CELL}"
"""What a suppressed cell reads."""

Cell = int | float | str


@dataclass(frozen=True, slots=True)
class Section:
    """One table of the report; ``chart`` is the index of the column its bars draw."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    chart: int | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    """Every section of the insight for one scope."""

    scope: Scope
    sections: list[Section]

    def section(self, key: str) -> Section:
        """The section ``key``; KeyError if the report has none."""
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data (cells as shown: suppressed ones read "< 5")."""
        return {
            "scope": {k: getattr(self.scope, k) for k in ("start", "end", "site", "agency")},
            "sections": {
                s.key: {
                    "title": s.title,
                    "rows": [dict(zip(s.columns, row, strict=True)) for row in s.rows],
                }
                for s in self.sections
            },
        }


def count(n: int) -> Cell:
    """A count of journeys as shown."""
    return n if shown(n) else SUPPRESSED


def share(part: int, whole: int, *, behind: int | None = None) -> Cell:
    """``part / whole`` as a percentage (one decimal); suppressed when the journeys
    behind it (``part`` and ``whole``, or ``behind`` when they count something else)
    are too few."""
    if behind is not None:
        if not shown(behind):
            return SUPPRESSED
    elif not (shown(part) and shown(whole)):
        return SUPPRESSED
    return round(100 * part / whole, 1) if whole else SUPPRESSED


def mean(total: float, n: int, *, behind: int) -> Cell:
    """``total / n`` (two decimals), suppressed when too few journeys are behind it."""
    return round(total / n, 2) if shown(behind) and n else SUPPRESSED


_SUMMARY = (
    "Journeys started", "Resolved", "Crossed channels %", "Digital take-up %",
    "Prefilled %", "Handoffs redeemed %", "Assisted at kiosk %", "Satisfaction (1-5)",
)  # fmt: skip


def _summary(label: str, c: Counts) -> tuple[Cell, ...]:
    return (
        label,
        count(c.journeys),
        count(c.resolved),
        share(c.crossed, c.journeys),
        share(c.steps_digital, c.steps, behind=c.journeys),
        share(c.prefilled, c.prefilled + c.typed, behind=c.journeys),
        share(c.handoffs_redeemed, c.handoffs_issued, behind=c.journeys),
        share(c.assisted, c.at_kiosk),
        mean(c.feedback_sum, c.feedback_count, behind=c.with_feedback),
    )


def build(m: Measures, devices: list[DeviceStatus]) -> Report:
    """The report of ``m``, and the sync health of ``devices``."""
    where = m.scope.site or "national"
    sections = [
        Section("summary", f"Summary ({where})", ("Scope", *_SUMMARY), [_summary(where, m.total)],
                chart=1),
        Section("sites", "By site", ("Site", *_SUMMARY),
                [_summary(k, c) for k, c in m.by_site.items()], chart=1),
        Section("days", "By day (journeys started)", ("Day", *_SUMMARY),
                [_summary(k, c) for k, c in m.by_day.items()], chart=1),
        Section("weeks", "By week (journeys started)", ("Week", *_SUMMARY),
                [_summary(k, c) for k, c in _weeks(m.by_day).items()], chart=1),
    ]  # fmt: skip
    steps = sum(m.steps_by_channel.values())
    sections.append(
        Section(
            "channels", "By channel",
            ("Channel", "Journeys met there", "Steps done", "Share of steps %"),
            [(ch, count(met), n if shown(met) else SUPPRESSED, share(n, steps, behind=met))
             for ch, n in m.steps_by_channel.items()
             for met in [m.journeys_by_channel.get(ch, m.total.journeys)]],
            chart=3,
        )
    )  # fmt: skip
    sections.append(
        Section(
            "services", "By service",
            ("Service", "Agency", "Added", "Submitted", "Completion %", "Decided",
             "Mean days to decision", "Expected days", "Decided in time %"),
            [(s.service_id, s.agency_id, count(s.added), count(s.submitted),
              share(s.submitted, s.added), count(s.decided),
              mean(s.days_to_decision, s.decided, behind=s.decided),
              s.expected_days if s.expected_days is not None else "—",
              share(s.on_time, s.decided, behind=s.decided))
             for s in m.services.values()],
            chart=4,
        )
    )  # fmt: skip
    agencies: dict[str, list[int]] = {}
    for s in m.services.values():
        a = agencies.setdefault(s.agency_id, [0, 0, 0, 0])
        for i, v in enumerate((s.added, s.submitted, s.decided, s.on_time)):
            a[i] += v
    sections.append(
        Section(
            "agencies", "By agency",
            ("Agency", "Services added", "Submitted", "Completion %", "Decided",
             "Decided in time %"),
            [(k, count(a[0]), count(a[1]), share(a[1], a[0]), count(a[2]),
              share(a[3], a[2], behind=a[2]))
             for k, a in sorted(agencies.items())],
            chart=3,
        )
    )  # fmt: skip
    sections.append(_costs(m))
    sections.append(
        Section(
            "stalls", f"Where journeys stall (open, idle {STALL_DAYS} days or more)",
            ("Service", "Step left undone", "Journeys"),
            [(svc, step, count(n)) for (svc, step), n in m.stalls.items()],
            chart=2, note=f"Stalled journeys: {count(m.stalled)}",
        )
    )  # fmt: skip
    sections.append(
        Section(
            "sync", "Sync health by device",
            ("Device", "Site", "Last sync", "Backlog", "Quarantined"),
            [(d.device_id, d.site_id, (d.last_sync or "never")[:19].replace("T", " "),
              d.backlog, d.quarantined) for d in devices if not d.revoked],
            chart=3,
        )
    )  # fmt: skip
    return Report(m.scope, sections)


def _costs(m: Measures) -> Section:
    """Cost per transaction (a service submitted) of the sites that declared a cost per hour."""
    rows: list[tuple[Cell, ...]] = []
    totals = [0, 0, 0, 0.0]
    for site, c in m.costs.items():
        cost = c.mediator_ms / 3_600_000 * c.cents_per_hour / 100
        totals[0] += c.journeys
        totals[1] += c.submitted
        totals[2] += c.mediator_ms
        totals[3] += cost
        rows.append(_cost_row(site, c.cents_per_hour / 100, c.journeys, c.submitted,
                              c.mediator_ms, cost))  # fmt: skip
    if len(rows) > 1:
        rows.append(_cost_row("all these sites", "—", int(totals[0]), int(totals[1]),
                              int(totals[2]), totals[3]))  # fmt: skip
    note = "" if m.scope.agency is None else "Not by agency: a mediator's time is the journey's."
    return Section(
        "costs", "Cost per transaction (sites that declared a cost per hour)",
        ("Site", "Cost per hour", "Journeys", "Services submitted", "Mediator hours",
         "Cost per transaction"),
        rows, chart=5, note=note,
    )  # fmt: skip


def _cost_row(
    site: str, per_hour: Cell, journeys: int, submitted: int, ms: int, cost: float
) -> tuple[Cell, ...]:
    hidden = not (shown(journeys) and shown(submitted))
    return (
        site, per_hour, count(journeys), count(submitted),
        SUPPRESSED if hidden else round(ms / 3_600_000, 1),
        SUPPRESSED if hidden else round(cost / submitted, 2),
    )  # fmt: skip


def _weeks(by_day: dict[str, Counts]) -> dict[str, Counts]:
    from datetime import date

    weeks: dict[str, Counts] = {}
    for day, c in by_day.items():
        year, week, _ = date.fromisoformat(day).isocalendar()
        w = weeks.setdefault(f"{year}-W{week:02d}", Counts())
        for name in Counts.__dataclass_fields__:
            setattr(w, name, getattr(w, name) + getattr(c, name))
    return weeks


@dataclass(frozen=True, slots=True)
class Comment:
    """A feedback comment, for a role allowed to read them (never exported)."""

    wall: str
    score: int
    comment: str


def comments(db: Database, scope: Scope, limit: int = 50) -> list[Comment]:
    """The newest comments of journeys in ``scope`` (site and days; not by agency)."""
    c = t.insight_comments.c
    j = t.insight_journeys.c
    query = select(c.wall, c.score, c.comment).join_from(
        t.insight_comments, t.insight_journeys, c.journey_id == j.journey_id
    )
    if scope.site:
        query = query.where(j.site_id == scope.site)
    if scope.start:
        query = query.where(j.started_day >= scope.start)
    if scope.end:
        query = query.where(j.started_day <= scope.end)
    with db.read() as conn:
        rows = conn.execute(query.order_by(c.wall.desc()).limit(limit)).all()
    return [Comment(r.wall, int(r.score), r.comment) for r in rows]
