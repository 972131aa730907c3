"""What else the citizen may need: the other services of their journey's life circumstances,
one sentence each, to add from home or to start at a visit (``sync.domain.offers``).

A service is added only by the citizen's own click (``service.added``, channel
``web``, with the steps its held answers already complete, in one transaction), and
only one that is offered and has a step allowed at home. What the citizen submitted
in their other journeys is not offered again (``CentralStore.done_before``), as at
the counter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from sync.catalogue.model import Catalogue, Lang
from sync.central.web.pages.journey import ended, shown
from sync.central.web.texts import say
from sync.central.web.visit import Opened, opened
from sync.domain.offers import Offer, added_at_home, offers

router = APIRouter(prefix="/journey")


@dataclass(frozen=True, slots=True)
class OfferView:
    """One offered service as the page shows it."""

    id: str
    name: str
    summary: str
    agency: str
    at_home: bool
    to_bring: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Group:
    """The offers one life circumstance brings."""

    circumstance: str
    offers: tuple[OfferView, ...]


def _groups(found: list[Offer], catalogue: Catalogue, lang: Lang) -> list[Group]:
    grouped: dict[str, list[OfferView]] = {}
    names: dict[str, str] = {}
    for offer in found:
        service = offer.service
        names[offer.circumstance.id] = offer.circumstance.name.get(lang)
        grouped.setdefault(offer.circumstance.id, []).append(
            OfferView(
                id=service.id, name=service.name.get(lang), summary=service.summary.get(lang),
                agency=catalogue.agencies[service.agency_id].name.get(lang),
                at_home=offer.at_home, to_bring=tuple(d.name.get(lang) for d in offer.to_bring),
            )
        )  # fmt: skip
    return [Group(names[c], tuple(views)) for c, views in grouped.items()]


def _more(
    request: Request,
    visit: Opened,
    *,
    status: int = 200,
    errors: list[tuple[str, str]] | None = None,
) -> Response:
    catalogue, lang = visit.catalogue, visit.lang
    added_id = request.query_params.get("added", "")
    added = catalogue.services.get(added_id) if added_id in visit.state.services else None
    found = offers(visit.state, catalogue, visit.store.done_before(visit.state))
    return shown(
        request, visit, "more.html", status=status, errors=errors,
        groups=_groups(found, catalogue, lang), added=added.name.get(lang) if added else None,
    )  # fmt: skip


@router.get("/more")
def more(request: Request) -> Response:
    """The services offered beside the journey's."""
    visit = opened(request)
    if visit is None:
        return ended(request)
    return _more(request, visit)


@router.post("/more/add")
async def add(request: Request, service: Annotated[str, Form(max_length=128)] = "") -> Response:
    """Add an offered service the citizen chose: ``service.added``, or the list again."""
    return await run_in_threadpool(_add, request, service)


def _add(request: Request, service_id: str) -> Response:
    visit = opened(request)
    if visit is None:
        return ended(request)
    events = visit.store.journey_events(visit.journey_id)
    done = visit.store.done_before(visit.state)
    drafts = added_at_home(visit.state, events, visit.catalogue, service_id, done)
    if not drafts:
        message = say(visit.lang, "more.cannot_add")
        return _more(request, visit, status=400, errors=[("offers", message)])
    visit.store.record_for_citizen(visit.journey_id, drafts)
    return RedirectResponse(f"/journey/more?added={service_id}", status_code=303)
