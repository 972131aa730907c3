"""``GET /insight``: the measures as server-rendered pages with SVG charts, and ``GET /metrics``
in Prometheus text, behind a dashboard token (``counterpart central dashboard-token``).

A browser signs in with a form (the token goes in a cookie for ``/insight`` only,
never in a URL); a script or Prometheus sends ``Authorization: Bearer``. The pages
need no JavaScript; each chart has its numbers in a table beside it. Comments are
shown only to a token issued with ``--comments``. The citizen's pages' security
headers and CSRF protection (``sync.central.web.security``) cover these too; they
use the same stylesheet, and the same CSRF token in their forms.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Final

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.responses import HTMLResponse, RedirectResponse, Response

from sync.central.insight import metrics, tokens
from sync.central.insight.charts import chart
from sync.central.insight.report import comments
from sync.central.insight.view import BadScope, insight, scope
from sync.central.store import CentralStore
from sync.central.web.render import csrf_token

COOKIE: Final = "cp_dashboard"
HERE: Final = Path(__file__).parent
_ENV: Final = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

router = APIRouter()


def mount(app: FastAPI) -> None:
    """Serve ``/insight`` and ``/metrics`` from ``app`` (beside the citizen's pages)."""
    app.include_router(router, include_in_schema=False)
    app.mount("/insight/static", StaticFiles(directory=HERE / "static"), name="insight-static")


def _render(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    html = _ENV.get_template(template).render(
        csrftoken=csrf_token(request), errors=values.pop("errors", []), **values
    )
    return HTMLResponse(html, status_code=status)


def _viewer(request: Request) -> tokens.Viewer | None:
    store: CentralStore = request.app.state.store
    header = request.headers.get("authorization", "")
    scheme, _, bearer = header.partition(" ")
    token = bearer.strip() if scheme.lower() == "bearer" else request.cookies.get(COOKIE, "")
    return tokens.viewer(store, token) if token else None


@router.get("/insight", response_model=None)
async def insight_page(request: Request) -> Response:
    """The measures of the network, a site, an agency or a range of days."""
    who = await run_in_threadpool(_viewer, request)
    if who is None:
        return _render(request, "signin.html", status=401)
    store: CentralStore = request.app.state.store
    catalogue = request.app.state.web.catalogue()
    q = request.query_params
    values = {"start": q.get("from", ""), "end": q.get("to", ""),
              "site": q.get("site", ""), "agency": q.get("agency", "")}  # fmt: skip
    try:
        where = scope(catalogue, **values)
    except BadScope as exc:
        field = str(exc).split()[0].lstrip("-")
        report_values = {k: "" for k in values}
        return _render(
            request, "insight.html", status=422, errors=[(field, str(exc))],
            heading="The network's insight", period="in any days", sections=[], charts={},
            values=report_values, field_errors={field: str(exc)},
            agencies=sorted(catalogue.agencies), comments=None,
        )  # fmt: skip
    report = await run_in_threadpool(insight, store, catalogue, where)
    said = await run_in_threadpool(comments, store, where) if who.comments else None
    heading = f"Site {where.site}" if where.site else "The whole network"
    if where.agency:
        heading += f", agency {where.agency}"
    period = (
        f"from {where.start or 'the first day'} to {where.end or 'today'}"
        if where.start or where.end
        else "on any day"
    )
    return _render(
        request, "insight.html", heading=heading, period=period, sections=report.sections,
        charts={s.key: chart(s) for s in report.sections}, values=values, field_errors={},
        agencies=sorted(catalogue.agencies), comments=said,
    )  # fmt: skip


@router.post("/insight/sign-in", response_model=None)
async def sign_in(request: Request, token: Annotated[str, Form()] = "") -> Response:
    """Check a dashboard token and keep it in a cookie for ``/insight``."""
    store: CentralStore = request.app.state.store
    who = await run_in_threadpool(tokens.viewer, store, token.strip()) if token.strip() else None
    if who is None:
        message = (
            "Enter a dashboard token" if not token.strip() else "That token is unknown or revoked"
        )
        return _render(request, "signin.html", status=401, errors=[("token", message)])
    response = RedirectResponse("/insight", status_code=303)
    response.set_cookie(COOKIE, token.strip(), path="/insight", httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", max_age=12 * 3600)  # fmt: skip
    return response


@router.post("/insight/sign-out", response_model=None)
async def sign_out() -> Response:
    """Forget the token this browser held."""
    response = RedirectResponse("/insight", status_code=303)
    response.delete_cookie(COOKIE, path="/insight")
    return response


@router.get("/metrics", response_model=None)
async def metrics_text(request: Request) -> Response:
    """Sync health and intake in Prometheus' text format (a dashboard token as bearer)."""
    if await run_in_threadpool(_viewer, request) is None:
        return Response("a dashboard token is required (Authorization: Bearer ...)\n",
                        status_code=401, media_type="text/plain",
                        headers={"www-authenticate": "Bearer"})  # fmt: skip
    body = await run_in_threadpool(metrics.exposition, request.app.state.store)
    return Response(body, media_type=metrics.CONTENT_TYPE)
