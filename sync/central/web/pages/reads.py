"""Who has looked at the journey: every audited read of it, as a role, a place, a time and a
reason (``sync.domain.transparency``), and the sites that keep a copy of it.

No person is named: a mediator is "a mediator at a service counter" of a site, never
their login. Reading this page is the citizen's own doing, so it is not audited as
a read (and the citizen's doings are not listed).
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from starlette.responses import Response

from sync.catalogue.model import Catalogue, Lang
from sync.central.web.pages.journey import ended, shown
from sync.central.web.texts import say
from sync.central.web.visit import opened
from sync.domain.transparency import Look, looks, sites_holding

router = APIRouter(prefix="/journey")


@dataclass(frozen=True, slots=True)
class ReadRow:
    """One read as the table shows it."""

    wall: str
    who: str
    where: str
    why: str


def _row(look: Look, catalogue: Catalogue, lang: Lang) -> ReadRow:
    agency = catalogue.agencies.get(look.agency or "")
    agency_name = agency.name.get(lang) if agency else (look.agency or "")
    who = say(lang, f"reads.role.{look.role}", agency=agency_name)
    if look.site is not None and look.site != "central":
        where = say(lang, "reads.at_site", site=look.site)
    elif look.role == "agency":
        where = say(lang, "reads.at_agency")
    elif look.role == "someone":
        where = say(lang, "reads.online")
    else:
        where = say(lang, "reads.central")
    return ReadRow(
        look.wall[:16].replace("T", " "), who, where, say(lang, f"reads.why.{look.reason}")
    )


@router.get("/reads")
def reads(request: Request) -> Response:
    """Every audited read of the journey, newest first."""
    visit = opened(request)
    if visit is None:
        return ended(request)
    found = looks(visit.store.audit_entries(visit.journey_id))
    rows = [_row(look, visit.catalogue, visit.lang) for look in found]
    return shown(request, visit, "reads.html", rows=rows, sites=sites_holding(visit.state))
