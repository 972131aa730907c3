"""The citizen's permissions: the consent purposes they agreed to, in plain words, and
withdrawing one (``consent.withdrawn``, channel ``web``).

What a withdrawal records and means is the domain's (``sync.domain.consent.withdraw``):
a required purpose (``services``) is refused with the reason and the way to stop
the request with a person; ``handoff`` asks to be confirmed, then turns off the
journey's links and ends the visit (no visit opens without it:
``visit.opened``); the others are withdrawn at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from sync.central.web.pages.journey import ended, shown
from sync.central.web.render import page
from sync.central.web.texts import say
from sync.central.web.visit import COOKIE, Opened, forget, now_of, opened
from sync.domain.consent import (
    CONTACT,
    PURPOSES,
    REQUIRED,
    Purpose,
    allows_contact,
    contact_details,
    purpose_named,
    purposes_of,
    withdraw,
)
from sync.domain.ids import format_reference

router = APIRouter(prefix="/journey")

ShortField = Annotated[str, Form(max_length=32)]
AddressField = Annotated[str, Form(max_length=320)]


@dataclass(frozen=True, slots=True)
class PurposeRow:
    """A purpose as the page shows it."""

    id: Purpose
    given: bool
    required: bool


def _rows(visit: Opened) -> list[PurposeRow]:
    held = purposes_of(visit.state)
    return [PurposeRow(p, p in held, p in REQUIRED) for p in PURPOSES]


def _reference(visit: Opened) -> str:
    return format_reference(visit.state.ref) if visit.state.ref else ""


def _permissions(
    request: Request,
    visit: Opened,
    *,
    status: int = 200,
    errors: list[tuple[str, str]] | None = None,
) -> Response:
    withdrawn = purpose_named(request.query_params.get("withdrawn", ""))
    if withdrawn in visit.state.consents:
        withdrawn = None  # given again since: nothing to tell
    contact = visit.state.contact if allows_contact(visit.state) else None
    return shown(request, visit, "consent.html", status=status, errors=errors,
                 purposes=_rows(visit), withdrawn=withdrawn,
                 contact_channel=contact.channel if contact else "")  # fmt: skip


@router.get("/consent")
def permissions(request: Request) -> Response:
    """The purposes agreed to, each explained, with a way to withdraw it."""
    visit = opened(request)
    if visit is None:
        return ended(request)
    return _permissions(request, visit)


@router.post("/consent/contact")
async def give_contact(request: Request, address: AddressField = "") -> Response:
    """Agree to messages, sent to the address given (or change where they go)."""
    return await run_in_threadpool(_give_contact, request, address)


def _give_contact(request: Request, typed: str) -> Response:
    visit = opened(request)
    if visit is None:
        return ended(request)
    details = contact_details(typed)
    if details is None:
        message = say(visit.lang, "consent.contact_bad")
        return _permissions(request, visit, status=400, errors=[("contact-address", message)])
    visit.store.record_for_citizen(
        visit.journey_id, [("consent.given", {"purposes": [CONTACT], **details})],
        audit="consent.given",
    )  # fmt: skip
    return RedirectResponse("/journey/consent", status_code=303)


@router.post("/consent/withdraw")
async def withdraw_one(
    request: Request, purpose: ShortField = "", confirmed: ShortField = ""
) -> Response:
    """Withdraw one purpose: refused, asked to confirm, or recorded."""
    return await run_in_threadpool(_withdraw, request, purpose, confirmed == "yes")


def _withdraw(request: Request, text: str, confirmed: bool) -> Response:
    visit = opened(request)
    if visit is None:
        return ended(request)
    purpose = purpose_named(text)
    if purpose is None or purpose not in visit.state.consents:
        message = say(visit.lang, "consent.unknown")
        return _permissions(request, visit, status=400, errors=[("purposes", message)])
    change = withdraw(visit.state, purpose, now_of(visit.store))
    if change.refused:
        return shown(request, visit, "consent_required.html", status=409)
    if change.ends_home_visit and not confirmed:
        return shown(request, visit, "consent_confirm.html", purpose=purpose)
    visit.store.record_for_citizen(visit.journey_id, change.drafts)
    if not change.ends_home_visit:
        return RedirectResponse(f"/journey/consent?withdrawn={purpose}", status_code=303)
    cookie = request.cookies.get(COOKIE)
    if cookie:
        visit.store.end_visit(cookie)
    response = page(request, "consent_ended.html", visit.lang, reference=_reference(visit))
    forget(response, visit.web)
    return response
