"""The citizen's confirmed visit: its cookie, and the journey it opens on every request.

The cookie holds a random id (the store keeps its hash); it is HttpOnly,
SameSite=Strict, Secure over https, and ends with the visit. A visit that came
through a handoff ends as soon as that handoff is revoked or expires, and any
visit ends once the journey no longer has the ``handoff`` consent (withdrawn at
home or at a counter: ``sync.domain.consent.allows_handoff``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from starlette.requests import Request
from starlette.responses import Response

from sync.catalogue.model import Catalogue, Lang
from sync.central.store import CentralStore
from sync.central.store.web_sessions import WebSession
from sync.central.web.language import language_for
from sync.central.web.settings import WebSettings
from sync.domain.consent import allows_handoff
from sync.domain.fold import JourneyState
from sync.domain.handoff import state_of

COOKIE: Final = "cp_visit"


@dataclass(frozen=True)
class Opened:
    """A request of a confirmed citizen: their journey as held now, and the page's language."""

    session: WebSession
    state: JourneyState
    lang: Lang
    store: CentralStore
    web: WebSettings

    @property
    def journey_id(self) -> str:
        """The journey's id."""
        return self.state.journey_id

    @property
    def catalogue(self) -> Catalogue:
        """The catalogue the pages show the journey with."""
        return self.web.catalogue()


def store_of(request: Request) -> CentralStore:
    """The central store the app serves."""
    store: CentralStore = request.app.state.store
    return store


def web_of(request: Request) -> WebSettings:
    """The pages' settings."""
    web: WebSettings = request.app.state.web
    return web


def now_of(store: CentralStore) -> dt.datetime:
    """The store's time now, aware."""
    return dt.datetime.fromtimestamp(store.clock() / 1000, dt.UTC)


def opened(request: Request) -> Opened | None:
    """The confirmed visit this request belongs to, or None (none, ended, its link is not
    live any more, or continuing at home is no longer allowed)."""
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        return None
    store = store_of(request)
    session = store.find_visit(cookie)
    if session is None:
        return None
    state = store.journey_state(session.journey_id)
    if not allows_handoff(state):
        store.end_visit(cookie)
        return None
    if session.handoff_id is not None:
        handoff = state.handoffs.get(session.handoff_id)
        if state_of(handoff, now_of(store)) not in ("live", "redeemed"):
            store.end_visit(cookie)
            return None
    return Opened(session, state, language_for(request, state.language), store, web_of(request))


def keep(response: Response, cookie: str, web: WebSettings, seconds: int) -> None:
    """Give the browser the visit's cookie."""
    response.set_cookie(
        COOKIE, cookie, max_age=seconds, path="/", httponly=True, samesite="strict",
        secure=web.secure_cookies,
    )  # fmt: skip


def forget(response: Response, web: WebSettings) -> None:
    """Take the visit's cookie back."""
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict",
                           secure=web.secure_cookies)  # fmt: skip
