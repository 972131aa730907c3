"""What a site declares an hour of its mediators costs, for the cost per transaction.

A transaction is a service submitted; its cost is the mediators' time on the
site's journeys (``cells.mediator_ms``: from a journey's first to its last counter
or van event) at the site's declared cost per hour, over the services submitted.
"""

from __future__ import annotations

import re
from decimal import Decimal

from sqlalchemy import delete, insert, select

from sync.central import schema as t
from sync.central.store.database import Database

_AMOUNT = re.compile(r"^\d{1,9}(\.\d{1,2})?$")


def parse_amount(text: str) -> int:
    """An amount like ``32.50`` in cents.

    Raises:
        ValueError: not a positive amount with at most two decimals.
    """
    if not _AMOUNT.match(text.strip()) or Decimal(text) <= 0:
        raise ValueError(f"cost per hour {text!r}: give an amount like 32.50 (more than 0)")
    return int(Decimal(text.strip()) * 100)


def declare(db: Database, site_id: str, cents_per_hour: int) -> None:
    """Set (or replace) a site's cost per hour."""
    with db.write() as conn:
        conn.execute(delete(t.site_costs).where(t.site_costs.c.site_id == site_id))
        conn.execute(insert(t.site_costs).values(site_id=site_id, cents_per_hour=cents_per_hour,
                                                 declared=db.now()))  # fmt: skip
        db.audit(conn, "operator", "site.cost_declared", None,
                 f"site={site_id} cents_per_hour={cents_per_hour}")  # fmt: skip


def declared(db: Database) -> dict[str, int]:
    """Every site's declared cost per hour, in cents."""
    c = t.site_costs.c
    with db.read() as conn:
        return {str(k): int(v) for k, v in conn.execute(select(c.site_id, c.cents_per_hour))}
