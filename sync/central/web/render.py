"""Pages from templates: one Jinja2 environment, every page given its language and CSRF token."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, Final

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from sync.catalogue.model import LANGS, Lang
from sync.central.web.language import COOKIE
from sync.central.web.texts import say

TEMPLATES: Final = Path(__file__).parent / "templates"

_ENV: Final = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def csrf_token(request: Request) -> str:
    """The token every form carries (asgi-csrf's, from the request's scope)."""
    make = request.scope.get("csrftoken")
    return str(make()) if callable(make) else ""


def page(
    request: Request,
    template: str,
    lang: Lang,
    *,
    status: int = 200,
    errors: list[tuple[str, str]] | None = None,
    signed_in: bool = False,
    **values: Any,
) -> HTMLResponse:
    """Render ``template`` in ``lang``.

    Args:
        errors: ``(field id, message)`` pairs for the error summary at the top.
        signed_in: The citizen has confirmed and may see the journey's links.
        values: What the template shows.
    """
    here = request.url.path
    html = _ENV.get_template(template).render(
        t=partial(say, lang),
        lang=lang,
        langs=LANGS,
        here=here,
        csrftoken=csrf_token(request),
        errors=errors or [],
        signed_in=signed_in,
        **values,
    )
    response = HTMLResponse(html, status_code=status)
    if request.query_params.get("lang") == lang:
        response.set_cookie(COOKIE, lang, max_age=365 * 86400, samesite="strict",
                            httponly=True, secure=request.url.scheme == "https")  # fmt: skip
    return response
