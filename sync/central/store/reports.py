"""Accessibility reports from the citizen's pages: a problem, or a page wanted in another
format. The network's operator reads them with ``counterpart central status``.

What a report must hold is decided here (``report_problems``), once for every form
that takes one; a report never keeps a handoff link's token (a citizen may paste
the link from their receipt as "the page"): ``add_report`` blanks it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from sqlalchemy import insert, select

from sync.central import schema as t
from sync.central.records import storable
from sync.central.store.database import Database

MAX_PROBLEM_CHARS = 4000
"""The longest report kept."""
MAX_PAGE_CHARS: Final = 200
"""The longest "which page" kept."""
MAX_CONTACT_CHARS: Final = 200
"""The longest contact kept."""

Wants = Literal["problem", "large_print", "audio", "easy_read", "other"]
"""What a report asks for: a problem fixed, or a page in another format."""
WANTS: Final[tuple[Wants, ...]] = ("problem", "large_print", "audio", "easy_read", "other")
"""Every kind of report, in the order the form offers them."""
NEEDS_TEXT: Final[frozenset[str]] = frozenset({"problem", "other"})
"""Kinds that say nothing without a description."""

Problem = Literal["missing", "too_long", "unknown"]
"""What is wrong with one field of a report."""

_LINK_TOKEN: Final = re.compile(r"/c/[A-Za-z0-9_-]{16,128}")


def report_problems(*, wants: str, page: str, problem: str, contact: str) -> dict[str, Problem]:
    """What keeps a report from being kept, by field (empty: it may be kept).

    ``wants`` must be one of ``WANTS``; ``page`` is needed; a description is needed
    for a problem or "another format"; each text has its longest length.
    """
    found: dict[str, Problem] = {}
    if wants not in WANTS:
        found["wants"] = "unknown"
    if not page.strip():
        found["page"] = "missing"
    elif len(page) > MAX_PAGE_CHARS:
        found["page"] = "too_long"
    if wants in NEEDS_TEXT and not problem.strip():
        found["problem"] = "missing"
    elif len(problem) > MAX_PROBLEM_CHARS:
        found["problem"] = "too_long"
    if len(contact) > MAX_CONTACT_CHARS:
        found["contact"] = "too_long"
    return found


def without_tokens(text: str) -> str:
    """``text`` with the token of any handoff link in it blanked out (``/c/…``)."""
    return _LINK_TOKEN.sub("/c/…", text)


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
    """Keep a report (its texts cut to their longest, any link's token blanked out)."""
    page, problem = without_tokens(page), without_tokens(problem)
    with db.write() as conn:
        conn.execute(
            insert(t.accessibility_reports).values(
                received=db.now(), page=storable(page[:MAX_PAGE_CHARS]), language=language[:8],
                problem=storable(problem[:MAX_PROBLEM_CHARS]), wants=wants[:32],
                contact=storable(contact[:MAX_CONTACT_CHARS]) if contact else None,
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
