"""The way in: the link from the receipt (``/c/{token}``), the reference typed at the short
address (``/``), the date of birth that opens the journey, and signing out.

Nothing personal is shown before the date of birth is confirmed: only the names
of the journey's services. A link that is unknown, tampered, expired or revoked
gets one page, the same for all, that never says whether a journey exists (and
covers a link whose journey has not reached the store yet). Five wrong dates
lock the handoff, the reference and the client for 15 minutes (``Limits``).
After the first request the token travels only in a form's body. A journey whose
citizen withdrew the ``handoff`` consent (or never gave it) opens no visit: after
the right date they are told to continue at a counter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from sync.catalogue.model import Lang
from sync.central.store import CentralStore
from sync.central.throttle import Throttle
from sync.central.web.language import language_for
from sync.central.web.render import page
from sync.central.web.texts import say
from sync.central.web.visit import forget, keep, now_of, opened, store_of, web_of
from sync.domain.consent import allows_handoff
from sync.domain.fold import JourneyState
from sync.domain.handoff import handoff_state, is_token, token_hash
from sync.domain.identity import birth_date_confirmed
from sync.domain.ids import format_reference, parse_reference
from sync.errors import InvalidReference

router = APIRouter()

DateField = Annotated[str, Form(max_length=8)]


def _client_key(request: Request) -> str:
    return f"client:{request.client.host if request.client else 'unknown'}"


def _too_fast(request: Request, lang: Lang, token: str | None = None) -> Response | None:
    """The "slow down" page when this client (or this link) asks too fast, else None.

    Every way in is throttled per client and per link (``Limits.web_burst`` at
    once, ``web_per_second`` after), on top of the date-of-birth lock.
    """
    throttle: Throttle = request.app.state.web_throttle
    wait = throttle.take(_client_key(request))
    if not wait and token is not None:
        wait = throttle.take(f"link:{token_hash(token)}")
    if not wait:
        return None
    response = page(request, "slow.html", lang, status=429, seconds=wait)
    response.headers["retry-after"] = str(wait)
    return response


def _service_names(state: JourneyState, request: Request, lang: Lang) -> list[str]:
    catalogue = web_of(request).catalogue()
    return [catalogue.services[s].name.get(lang) for s in state.services if s in catalogue.services]


def _cannot(request: Request, lang: Lang) -> Response:
    return page(request, "cannot.html", lang, status=404,
                address=web_of(request).public_url.rstrip("/"))  # fmt: skip


def _locked(request: Request, lang: Lang, until: str) -> Response:
    shown = until[:16].replace("T", " ")
    return page(request, "locked.html", lang, status=429, until=shown)


def _live(store: CentralStore, token: str) -> tuple[str, str, JourneyState] | None:
    """The journey and handoff of a token that may be used now, else None."""
    if not is_token(token):
        return None
    hashed = token_hash(token)
    linked = store.journey_for_link(hashed)
    if linked is None:
        return None
    state = store.journey_state(linked.journey_id)
    if handoff_state(state, hashed, now_of(store)) not in ("live", "redeemed"):
        return None
    return linked.journey_id, linked.handoff_id, state


@router.get("/c/{token}")
def link(request: Request, token: str) -> Response:
    """The page a receipt's QR opens: confirm the date of birth."""
    slow = _too_fast(request, language_for(request), token)
    if slow is not None:
        return slow
    store = store_of(request)
    found = _live(store, token)
    if found is None:
        return _cannot(request, language_for(request))
    _journey, handoff_id, state = found
    lang = language_for(request, state.language)
    until = store.locked_until([f"handoff:{handoff_id}", _client_key(request)])
    if until is not None:
        return _locked(request, lang, until)
    return page(request, "confirm.html", lang, token=token, dob={},
                services=_service_names(state, request, lang))  # fmt: skip


@router.post("/c/confirm")
async def confirm_link(
    request: Request,
    token: Annotated[str, Form(max_length=200)],
    day: DateField = "",
    month: DateField = "",
    year: DateField = "",
) -> Response:
    """The date of birth for a link: open the journey, or say what was wrong."""
    return await run_in_threadpool(_confirm_link, request, token, day, month, year)


def _confirm_link(request: Request, token: str, day: str, month: str, year: str) -> Response:
    slow = _too_fast(request, language_for(request), token)
    if slow is not None:
        return slow
    store = store_of(request)
    found = _live(store, token)
    if found is None:
        return _cannot(request, language_for(request))
    _journey, handoff_id, state = found
    lang = language_for(request, state.language)
    keys = [f"handoff:{handoff_id}", _client_key(request)]
    dob = {"day": day, "month": month, "year": year}

    def again(errors: list[tuple[str, str]]) -> Response:
        return page(request, "confirm.html", lang, status=400, errors=errors, token=token,
                    dob=dob, services=_service_names(state, request, lang))  # fmt: skip

    return _check_birth_date(request, store, state, lang, keys, dob, again, handoff_id=handoff_id)


@router.get("/")
def start(request: Request) -> Response:
    """The short address on the receipt: type the reference and the date of birth."""
    return page(request, "find.html", language_for(request), ref="", dob={})


@router.post("/find")
async def find(
    request: Request,
    ref: Annotated[str, Form(max_length=40)] = "",
    day: DateField = "",
    month: DateField = "",
    year: DateField = "",
) -> Response:
    """The reference and date of birth: open the journey, or say what was wrong."""
    return await run_in_threadpool(_find, request, ref, day, month, year)


def _find(request: Request, ref_text: str, day: str, month: str, year: str) -> Response:
    store = store_of(request)
    lang = language_for(request)
    slow = _too_fast(request, lang)
    if slow is not None:
        return slow
    dob = {"day": day, "month": month, "year": year}

    def again(errors: list[tuple[str, str]]) -> Response:
        return page(request, "find.html", lang, status=400, errors=errors, ref=ref_text,
                    dob=dob)  # fmt: skip

    try:
        ref = parse_reference(ref_text)
    except InvalidReference:
        return again([("ref", say(lang, "find.reference_bad"))])
    keys = [f"ref:{ref}", _client_key(request)]
    journey_id = store.journey_for_reference(ref)
    state = store.journey_state(journey_id) if journey_id else None
    return _check_birth_date(
        request, store, state, lang, keys, dob, again, wrong="find.not_matched"
    )


def _check_birth_date(
    request: Request,
    store: CentralStore,
    state: JourneyState | None,
    lang: Lang,
    keys: list[str],
    dob: dict[str, str],
    again: Callable[[list[tuple[str, str]]], Response],
    *,
    handoff_id: str | None = None,
    wrong: str = "dob.wrong",
) -> Response:
    """Check the date against the journey (None: no such journey, which counts as wrong)."""
    until = store.locked_until(keys)
    if until is not None:
        return _locked(request, lang, until)
    if not all(part.strip().isdigit() for part in dob.values()):
        return again([("dob-day", say(lang, "dob.incomplete"))])
    journey_id = state.journey_id if state is not None else None
    if state is None or not birth_date_confirmed(state, dob["day"], dob["month"], dob["year"]):
        locked = store.failed_confirmation(keys, journey_id)
        if locked is not None:
            return _locked(request, lang, locked)
        return again([("dob-day", say(lang, wrong, left=store.tries_left(keys)))])
    assert journey_id is not None
    store.cleared_confirmation(keys[:-1])
    if not allows_handoff(state):
        return page(request, "home_off.html", lang, status=403,
                    ref=format_reference(state.ref) if state.ref else "")  # fmt: skip
    if handoff_id is not None and not state.handoffs[handoff_id].redeemed:
        store.record_for_citizen(journey_id, [("handoff.redeemed", {"handoff_id": handoff_id})])
    cookie, _session = store.begin_visit(journey_id, handoff_id)
    response = RedirectResponse("/journey", status_code=303)
    keep(response, cookie, web_of(request), store.limits.web_session_seconds)
    return response


@router.post("/sign-out")
async def sign_out(request: Request) -> Response:
    """End the visit here (a shared phone, a library computer)."""
    visit = await run_in_threadpool(opened, request)
    cookie = request.cookies.get("cp_visit")
    store = store_of(request)
    if cookie:
        await run_in_threadpool(store.end_visit, cookie)
    lang = visit.lang if visit else language_for(request)
    response = page(request, "signed_out.html", lang)
    forget(response, web_of(request))
    return response
