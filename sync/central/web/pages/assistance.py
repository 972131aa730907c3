"""Asking for a person: "I need help" on every page of a visit records ``assistance.requested``
(the screen, and the service and step the citizen was on), then a calm page says who
will see it and what to do (``sync.domain.help_asked``).

The form posts to ``/journey/help``; the answer is a redirect to the page that shows
the journey's latest request for help from the web, so a refresh asks nothing twice.
"""

from __future__ import annotations

from typing import Annotated, Final

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from sync.central.web.pages.journey import ended, shown
from sync.central.web.visit import opened
from sync.domain.help_asked import answered_by, help_asked

router = APIRouter(prefix="/journey")

SCREENS: Final = frozenset({"journey", "step", "consent", "documents", "more"})
"""The pages that carry the help form, by the ``screen`` they record."""

IdField = Annotated[str, Form(max_length=128)]


@router.post("/help")
async def ask(
    request: Request, screen: IdField = "", service: IdField = "", step: IdField = ""
) -> Response:
    """Record the request for help, then show what happens next."""
    return await run_in_threadpool(_ask, request, screen, service or None, step or None)


def _ask(request: Request, screen: str, service: str | None, step: str | None) -> Response:
    visit = opened(request)
    if visit is None:
        return ended(request)
    draft = help_asked(visit.state, visit.catalogue, screen=screen, service=service, step=step)
    if draft is None or screen not in SCREENS:
        return shown(request, visit, "help_stale.html", status=400)
    visit.store.record_for_citizen(visit.journey_id, [draft])
    return RedirectResponse("/journey/help", status_code=303)


@router.get("/help")
def asked(request: Request) -> Response:
    """The latest request for help from the web: who sees it, and what to do now."""
    visit = opened(request)
    if visit is None:
        return ended(request)
    asked_here = [r for r in visit.state.help_requests if r.channel == "web"]
    if not asked_here:
        return RedirectResponse("/journey", status_code=303)
    latest = asked_here[-1]
    service = visit.catalogue.services.get(latest.service or "")
    step = next((s for s in service.steps if s.id == latest.step), None) if service else None
    return shown(
        request, visit, "help_asked.html",
        service=service.name.get(visit.lang) if service else None,
        step=step.title.get(visit.lang) if step else None,
        back=f"/journey/{service.id}/step/{step.id}" if service and step else None,
        answer=answered_by(visit.state),
    )  # fmt: skip
