"""What every page is protected by: strict headers, CSRF on every form, and plain error pages.

- ``Headers``: a Content-Security-Policy that allows only this site's own
  stylesheet and images (no script at all: the pages need none), no framing,
  ``Referrer-Policy: no-referrer`` (a link's token never leaves in a Referer),
  ``nosniff``, and ``Cache-Control: no-store`` on pages (a shared phone's
  back button shows no one else's journey).
- ``Csrf``: asgi-csrf's signed double-submit token on every POST outside the
  API (whose callers hold bearer tokens), even without cookies, so a form posted
  from another site is refused with a page that says nothing was saved. An upload
  form's token is found by ``csrf_multipart`` (asgi-csrf's own reading is broken
  by python-multipart 0.0.26).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, Final

import asgi_csrf as asgi_csrf_module  # type: ignore[import-untyped]
from asgi_csrf import asgi_csrf

from sync.catalogue.model import LANGS, Lang
from sync.central.web.csrf_multipart import find_token
from sync.central.web.texts import say

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

API_PREFIX: Final = "/api/"

CSP: Final = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
_HEADERS: Final = [
    (b"content-security-policy", CSP.encode()),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


def is_api(scope: Scope) -> bool:
    """Whether the request is for the API (bearer tokens, JSON), not a page."""
    return str(scope.get("path", "")).startswith(API_PREFIX)


class Headers:
    """Adds the security headers to every response; pages are also never cached."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        page = not is_api(scope) and not str(scope.get("path", "")).startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.extend(_HEADERS)
                if page:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class _Everywhere:
    """asgi-csrf's ``always_protect``: every path (a form without cookies too)."""

    def __contains__(self, _path: object) -> bool:
        return True


def _language_of(scope: Scope) -> Lang:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, lang = part.strip().partition("=")
                for known in LANGS:
                    if key == "cp_lang" and lang == known:
                        return known
    return "pt"


async def _refused(scope: Scope, send: Send, _reason: Any) -> None:
    lang = _language_of(scope)
    title, body = say(lang, "csrf.title"), say(lang, "csrf.body")
    html = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{title}</title><link rel="stylesheet" href="/static/site.css"></head>'
        f'<body><main class="page" id="main"><h1>{title}</h1><p>{body}</p>'
        f'<p><a href="/">{say(lang, "footer.start")}</a></p></main></body></html>'
    )
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [(b"content-type", b"text/html; charset=utf-8")],
        }
    )
    await send({"type": "http.response.body", "body": html.encode()})


# asgi-csrf 0.11's own reading of an upload form fails on python-multipart >= 0.0.26
# (see ``csrf_multipart``); the middleware looks the function up by this name.
asgi_csrf_module._parse_multipart_form_data = find_token


class Csrf:
    """asgi-csrf over the pages: Starlette middleware shape (``app.add_middleware``)."""

    def __init__(self, app: App, *, secret: Callable[[], str], secure: bool) -> None:
        self._inner: App | None = None
        self._app = app
        self._secret = secret
        self._secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or is_api(scope):
            await self._app(scope, receive, send)
            return
        if self._inner is None:  # the store's secret, read once the first page is asked
            self._inner = asgi_csrf(
                self._app,
                signing_secret=self._secret(),
                always_protect=_Everywhere(),
                skip_if_scope=is_api,
                cookie_secure=self._secure,
                cookie_samesite="Strict",
                send_csrf_failed=_refused,
            )
        await self._inner(scope, receive, send)
