"""The central case store as one ASGI app: the API's routers, and beside them the citizen's pages.

The citizen's pages (``sync/central/web/``, server-rendered) are mounted next to
``api.router`` when the app is given ``WebSettings``, over the same store on
``app.state``.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

from sync.central import api
from sync.central.api import errors
from sync.central.api.body import DEFAULT_MAX_BODY_BYTES
from sync.central.records import DEFAULT_LIMITS, Limits, utc_ms
from sync.central.store import CentralStore
from sync.central.web.settings import WebSettings


def create_app(
    db_url: str,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    clock: Callable[[], int] = utc_ms,
    limits: Limits = DEFAULT_LIMITS,
    store: CentralStore | None = None,
    web: WebSettings | None = None,
    sms_inbound_token: str = "",
) -> FastAPI:
    """The central case store as an ASGI app.

    Args:
        db_url: ``sqlite:///path`` or ``postgresql+psycopg://...``; migrated on start.
        max_body_bytes: the largest request body accepted, before and after gzip.
        clock: the machine clock in Unix ms (tests pass a fake one).
        limits: what the store takes from a device and keeps of what it refuses.
        store: an already open store (then ``db_url``, ``clock`` and ``limits`` are not
            used).
        web: the citizen's pages' settings; None serves the API only.
        sms_inbound_token: the bearer token the SMS gateway posts replies with
            (``/api/v1/sms/inbound``); empty: replies are refused (401).
    """
    app = FastAPI(
        title="Counterpart central case store",
        version="1",
        description="Enrolment, sync (push, pull, fetch by reference) and back-office status.",
        # A reference ending in "/" is a 404 with a detail, not a bodiless 307.
        redirect_slashes=False,
    )
    app.state.store = (
        store if store is not None else CentralStore(db_url, clock=clock, limits=limits)
    )
    app.state.max_body_bytes = max_body_bytes
    app.state.sms_inbound_token = sms_inbound_token
    errors.install(app)
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.include_router(api.router)
    if web is not None:
        from sync.central.insight import pages  # Jinja2 and the pages only when served
        from sync.central.web.site import mount

        mount(app, web)
        pages.mount(app)
    return app
