"""The journey after the date of birth: where each service stands, and what happened."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from sync.central.web.language import language_for
from sync.central.web.render import page
from sync.central.web.views import services, timeline
from sync.central.web.visit import Opened, opened
from sync.domain.ids import format_reference

router = APIRouter(prefix="/journey")


def ended(request: Request) -> Response:
    """The page for a request whose visit ended (or never began)."""
    return page(request, "ended.html", language_for(request), status=401)


def shown(
    request: Request,
    visit: Opened,
    template: str,
    *,
    status: int = 200,
    errors: list[tuple[str, str]] | None = None,
    **values: object,
) -> Response:
    """A page of the confirmed visit (its links to the journey's other pages shown)."""
    return page(request, template, visit.lang, status=status, errors=errors, signed_in=True,
                ref=format_reference(visit.state.ref) if visit.state.ref else "",
                **values)  # fmt: skip


@router.get("")
def overview(request: Request) -> Response:
    """What is done, what is left, what can be done here, what needs a visit."""
    visit = opened(request)
    if visit is None:
        return ended(request)
    rows = services(visit.state, visit.catalogue, visit.lang)
    saved = request.query_params.get("saved", "")
    titles = [step.title for s in rows for step in s.steps if step.id == saved]
    return shown(request, visit, "journey.html", services=rows,
                 closed=visit.state.closed is not None, saved=bool(titles),
                 saved_title=titles[0] if titles else "")  # fmt: skip


@router.get("/timeline")
def history(request: Request) -> Response:
    """Every event of the journey: when, on which channel, what (no answers' values)."""
    visit = opened(request)
    if visit is None:
        return ended(request)
    events = visit.store.journey_events(visit.journey_id)
    return shown(request, visit, "timeline.html",
                 rows=timeline(events, visit.catalogue, visit.lang))  # fmt: skip
