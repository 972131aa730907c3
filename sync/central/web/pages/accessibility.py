"""The accessibility statement the EU Web Accessibility Directive asks of a public sector
site, and the form to report a problem or ask for a page in another format.

Both work without a visit. A report is kept with ``CentralStore.add_accessibility_report``
for the network's operator (``counterpart central status``); what it must hold is
the store's rule (``reports.report_problems``). A client may send a few reports in a
row, then one a minute (``REPORT_BURST``, ``REPORT_PER_SECOND``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Final

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from sync.catalogue.model import Lang
from sync.central.store.reports import (
    MAX_CONTACT_CHARS,
    MAX_PAGE_CHARS,
    MAX_PROBLEM_CHARS,
    WANTS,
    report_problems,
)
from sync.central.throttle import Throttle
from sync.central.web.language import language_for
from sync.central.web.render import page
from sync.central.web.texts import say
from sync.central.web.visit import store_of, web_of

router = APIRouter(prefix="/accessibility")

PREPARED: Final = dt.date(2026, 12, 2)
"""When the statement was prepared (and last reviewed): change it with the statement."""
REPORT_BURST: Final = 5
"""Reports one client may send in a row."""
REPORT_PER_SECOND: Final = 1 / 60
"""How fast a client's allowance comes back: one report a minute."""

_LIMITS: Final = {"page": MAX_PAGE_CHARS, "problem": MAX_PROBLEM_CHARS,
                  "contact": MAX_CONTACT_CHARS}  # fmt: skip
_ORDER: Final[tuple[str, ...]] = ("wants", "page", "problem", "contact")
# Form() is given more than the store keeps, so a long text gets the form's own error.
Text = Annotated[str, Form(max_length=2 * MAX_PROBLEM_CHARS)]


def _contact_link(contact: str) -> str | None:
    """A link for the statement's contact: mailto for an address, itself for a web page."""
    if contact.startswith(("https://", "http://")):
        return contact
    if "@" in contact and " " not in contact:
        return f"mailto:{contact}"
    return None


@router.get("")
def statement(request: Request) -> Response:
    """The accessibility statement."""
    web, lang = web_of(request), language_for(request)
    contact = web.accessibility_contact.strip()
    return page(
        request, "accessibility.html", lang, operator=web.operator,
        address=web.public_url.rstrip("/"), contact=contact, contact_link=_contact_link(contact),
        country=web.catalogue().info.country.get(lang), prepared=PREPARED.isoformat(),
        session_minutes=store_of(request).limits.web_session_seconds // 60,
    )  # fmt: skip


@router.get("/report")
def report_form(request: Request) -> Response:
    """The form: what is needed, which page, what happened, how to answer."""
    return _form(request, {"wants": "", "page": "", "problem": "", "contact": ""})


def _form(
    request: Request, typed: dict[str, str], errors: dict[str, str] | None = None
) -> Response:
    lang = language_for(request)
    shown = errors or {}
    summary: list[tuple[str, str]] = [(f, shown[f]) for f in _ORDER if f in shown]
    return page(request, "report.html", lang, status=400 if errors else 200, errors=summary,
                wants=WANTS, typed=typed,
                field_errors={f: shown.get(f) for f in _ORDER})  # fmt: skip


@router.post("/report")
async def report_sent(
    request: Request,
    wants: Text = "",
    page_name: Annotated[str, Form(alias="page", max_length=2 * MAX_PROBLEM_CHARS)] = "",
    problem: Text = "",
    contact: Text = "",
) -> Response:
    """Keep a report, or show the form again with what is missing."""
    typed = {"wants": wants, "page": page_name, "problem": problem, "contact": contact.strip()}
    return await run_in_threadpool(_keep, request, typed)


def _throttle(request: Request) -> Throttle:
    store = store_of(request)
    held: Throttle | None = getattr(request.app.state, "report_throttle", None)
    if held is None:
        held = Throttle(REPORT_BURST, REPORT_PER_SECOND, store.clock)
        request.app.state.report_throttle = held
    return held


def _message(lang: Lang, field: str, problem: str) -> str:
    if problem == "too_long":
        return say(lang, "report.error.too_long", max=_LIMITS[field])
    if field == "wants":
        return say(lang, "report.error.wants")
    return say(lang, f"report.error.{field}.{problem}")


def _keep(request: Request, typed: dict[str, str]) -> Response:
    lang = language_for(request)
    problems = report_problems(**typed)
    if problems:
        errors = {field: _message(lang, field, problem) for field, problem in problems.items()}
        return _form(request, typed, errors)
    client = request.client.host if request.client else "unknown"
    wait = _throttle(request).take(f"report:{client}")
    if wait:
        response = page(request, "report_too_many.html", lang, status=429,
                        minutes=max(1, -(-wait // 60)))  # fmt: skip
        response.headers["retry-after"] = str(wait)
        return response
    store_of(request).add_accessibility_report(
        page=typed["page"].strip(), language=lang, problem=typed["problem"].strip(),
        wants=typed["wants"], contact=typed["contact"] or None,
    )  # fmt: skip
    answer = "yes" if typed["contact"] else "no"
    return RedirectResponse(f"/accessibility/report/sent?answer={answer}", status_code=303)


@router.get("/report/sent")
def sent(request: Request) -> Response:
    """Thanks, and whether we can answer."""
    answer = request.query_params.get("answer") == "yes"
    return page(request, "report_sent.html", language_for(request), answer=answer)
