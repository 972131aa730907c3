"""The opt-out link of an e-mail (``/stop/{token}``): confirm, and no more messages.

No visit is needed: the token names one message (``sync.central.notify.optout``),
and through it the journey, and it can only stop messages. Opening the link shows
a button (a link opened by a mail scanner changes nothing); pressing it withdraws
the ``contact`` consent as the citizen, channel ``web``. An unknown token is the
site's one "not found" page.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import select
from starlette.exceptions import HTTPException
from starlette.responses import Response

from sync.central import schema as t
from sync.central.notify.optout import SECRET_NAME, message_of
from sync.central.web.language import language_for
from sync.central.web.render import page
from sync.central.web.visit import now_of, store_of
from sync.domain.consent import CONTACT, withdraw
from sync.domain.fold import JourneyState

router = APIRouter()


def _journey(request: Request, token: str) -> tuple[str, JourneyState]:
    store = store_of(request)
    message_id = message_of(store.secret(SECRET_NAME), token)
    if message_id is None:
        raise HTTPException(404)
    with store.read() as conn:
        journey_id = conn.execute(
            select(t.outbox.c.journey_id).where(t.outbox.c.message_id == message_id)
        ).scalar()
    if journey_id is None:
        raise HTTPException(404)
    return str(journey_id), store.journey_state(str(journey_id))


@router.get("/stop/{token}")
def ask(request: Request, token: str) -> Response:
    """Ask to confirm that messages should stop."""
    _journey_id, state = _journey(request, token)
    lang = language_for(request, state.language)
    return page(request, "stop.html", lang, token=token, stopped=CONTACT not in state.consents)


@router.post("/stop/{token}")
async def stop(request: Request, token: str) -> Response:
    """Withdraw the contact consent."""
    return await run_in_threadpool(_stop, request, token)


def _stop(request: Request, token: str) -> Response:
    journey_id, state = _journey(request, token)
    store = store_of(request)
    change = withdraw(state, CONTACT, now_of(store))
    if change.allowed:
        store.record_for_citizen(journey_id, change.drafts, audit="consent.withdrawn")
    lang = language_for(request, state.language)
    return page(request, "stop.html", lang, token=token, stopped=True)
