"""The citizen's pages put on the central store's app: their routes, stylesheet, protections
and error pages. ``sync.central.asgi.create_app`` calls ``mount`` when given ``WebSettings``."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from sync.central.throttle import Throttle
from sync.central.web.language import language_for
from sync.central.web.pages import (
    accessibility,
    assistance,
    consent,
    documents,
    entry,
    journey,
    more,
    reads,
    steps,
    stop,
)
from sync.central.web.render import page
from sync.central.web.security import Csrf, Headers, is_api
from sync.central.web.settings import WebSettings

STATIC = Path(__file__).parent / "static"
ROUTERS = (
    entry.router,
    journey.router,
    consent.router,
    reads.router,
    assistance.router,
    more.router,
    documents.router,
    steps.router,
    accessibility.router,
    stop.router,
)
"""Every page's router, in the order they are matched."""


def mount(app: FastAPI, web: WebSettings) -> None:
    """Serve the citizen's pages from ``app`` (which holds the store on ``app.state.store``)."""
    app.state.web = web
    store = app.state.store
    app.state.web_throttle = Throttle(
        store.limits.web_burst, store.limits.web_per_second, store.clock
    )
    for router in ROUTERS:
        app.include_router(router, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(StarletteHTTPException, _error_page)
    app.add_middleware(Csrf, secret=lambda: store.secret("csrf"), secure=web.secure_cookies)
    app.add_middleware(Headers)


async def _error_page(request: Request, exc: Exception) -> Response:
    """A page for a page's error (a JSON detail for the API's, as before)."""
    assert isinstance(exc, StarletteHTTPException)
    if is_api(request.scope) or exc.status_code not in (404, 405):
        return await http_exception_handler(request, exc)
    return page(request, "notfound.html", language_for(request), status=exc.status_code)
