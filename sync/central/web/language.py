"""Which language a page is in: the citizen's choice, else the journey's, else the browser's."""

from __future__ import annotations

from typing import Final

from starlette.requests import Request

from sync.catalogue.model import LANGS, Lang

COOKIE: Final = "cp_lang"
"""The cookie that keeps a language the citizen chose."""
DEFAULT: Final[Lang] = "pt"


def _known(value: str | None) -> Lang | None:
    for lang in LANGS:
        if value == lang:
            return lang
    return None


def chosen(request: Request) -> Lang | None:
    """The language the citizen picked (``?lang=`` now, or the cookie from before)."""
    return _known(request.query_params.get("lang")) or _known(request.cookies.get(COOKIE))


def from_browser(header: str) -> Lang | None:
    """The first of our languages in an ``Accept-Language`` header, by its q weights."""
    weighted: list[tuple[float, int, Lang]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        lang = _known(tag.strip().lower().split("-")[0])
        if lang is None:
            continue
        weight = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                weight = float(params[2:])
            except ValueError:
                continue
        if weight > 0:
            weighted.append((-weight, position, lang))
    return min(weighted)[2] if weighted else None


def language_for(request: Request, journey_language: str | None = None) -> Lang:
    """The page's language: picked, then the journey's (the handoff's), then the browser's."""
    return (
        chosen(request)
        or _known(journey_language)
        or from_browser(request.headers.get("accept-language", ""))
        or DEFAULT
    )
