"""Accessibility reports from the citizen's pages: a problem, or a page wanted in another
format. The network's operator reads them with ``counterpart central status``."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select

from sync.central import schema as t
from sync.central.records import storable
from sync.central.store.database import Database

MAX_PROBLEM_CHARS = 4000
"""The longest report kept."""


@dataclass(frozen=True, slots=True)
class AccessibilityReport:
    """One report, as the operator sees it."""

    received: str
    page: str
    language: str
    problem: str
    wants: str
    contact: str | None


def add_report(
    db: Database, *, page: str, language: str, problem: str, wants: str, contact: str | None
) -> None:
    """Keep a report (its text cut to ``MAX_PROBLEM_CHARS``)."""
    with db.write() as conn:
        conn.execute(
            insert(t.accessibility_reports).values(
                received=db.now(), page=storable(page[:200]), language=language[:8],
                problem=storable(problem[:MAX_PROBLEM_CHARS]), wants=wants[:32],
                contact=storable(contact[:200]) if contact else None,
            )
        )  # fmt: skip


def reports(db: Database) -> list[AccessibilityReport]:
    """Every report, oldest first."""
    r = t.accessibility_reports.c
    with db.read() as conn:
        rows = conn.execute(select(t.accessibility_reports).order_by(r.pos)).all()
    return [
        AccessibilityReport(x.received, x.page, x.language, x.problem, x.wants, x.contact)
        for x in rows
    ]
