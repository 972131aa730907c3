"""The insight of a scope, as every face asks for it: fold what is new, count, suppress.

``Scope`` is checked here (``scope``), once for the command line and the pages: a
bad date or an unknown agency is refused with what was wrong.
"""

from __future__ import annotations

from datetime import date

from sync.catalogue.model import Catalogue
from sync.central.insight import rollup
from sync.central.insight.measures import Scope, measures, sync_health
from sync.central.insight.report import Report, build
from sync.central.store import CentralStore


class BadScope(ValueError):
    """A scope the insight cannot count: the message names the value and what is allowed."""


def scope(
    catalogue: Catalogue,
    *,
    start: str | None = None,
    end: str | None = None,
    site: str | None = None,
    agency: str | None = None,
) -> Scope:
    """A checked ``Scope`` (empty strings read as None).

    Raises:
        BadScope: a date that is not YYYY-MM-DD, a range that ends before it starts,
            or an agency the catalogue does not know.
    """
    for name, value in (("from", start), ("to", end)):
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise BadScope(f"--{name} {value!r} is not a date like 2026-11-23") from None
            if len(value) != 10:
                raise BadScope(f"--{name} {value!r} is not a date like 2026-11-23")
    if start and end and end < start:
        raise BadScope(f"--to {end} is before --from {start}")
    if agency and agency not in catalogue.agencies:
        known = ", ".join(sorted(catalogue.agencies))
        raise BadScope(f"--agency {agency!r} is not in the catalogue; known: {known}")
    if site is not None and len(site) > 128:
        raise BadScope("--site is longer than a site id (128 characters)")
    return Scope(start or None, end or None, site or None, agency or None)


def insight(store: CentralStore, catalogue: Catalogue, where: Scope) -> Report:
    """The report of ``where``, after folding in every event not yet counted."""
    rollup.refresh(store)
    m = measures(store, catalogue, where, now_ms=store.clock())
    return build(m, sync_health(store))
