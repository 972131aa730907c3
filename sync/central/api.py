"""The central case store's HTTP API under ``/api/v1`` (FastAPI), with its OpenAPI description.

Bodies are read by hand rather than by FastAPI's model binding, so that a gzip'd
body is accepted, an oversized one is refused (413) before it is all read or
inflated, and malformed JSON gets a 400 naming where it broke. Nothing is
stored unless the whole request is well-formed and authorised.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPBearer
from pydantic import BaseModel, Field, ValidationError

from sync.central.records import (
    BIGINT_MAX,
    Device,
    EnrolmentRefused,
    ForeignDevice,
    UnknownJourney,
    utc_ms,
)
from sync.central.store import CentralStore
from sync.errors import InvalidEvent, InvalidReference

DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
MAX_EVENTS_PER_PUSH = 2000
MAX_PULL_LIMIT = 5000


class EventModel(BaseModel):
    """An event as sent and received (see DESIGN.md, "The journey")."""

    id: str
    journey_id: str
    type: str
    hlc: str
    wall: str
    device_id: str
    seq: int
    channel: str
    site_id: str
    actor: str
    data: dict[str, Any]


class EnrolRequest(BaseModel):
    """A one-time enrolment code and the id of the device redeeming it."""

    code: str = Field(min_length=1, max_length=64)
    device_id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")


class EnrolResponse(BaseModel):
    """The device's bearer token (shown once) and its site."""

    device_token: str
    site_id: str


class PushRequest(BaseModel):
    """A batch of this device's events, in seq order."""

    events: list[dict[str, Any]] = Field(max_length=MAX_EVENTS_PER_PUSH)


class EventResultModel(BaseModel):
    """What became of one pushed event (by its index in the batch).

    ``id`` and ``reason`` are given for duplicates and quarantined events only:
    ``reason`` says why it was quarantined.
    """

    index: int
    status: Literal["stored", "duplicate", "quarantined"]
    seq: int | None = None
    id: str | None = None
    reason: str | None = None


class PushResponse(BaseModel):
    """What became of the batch, and the highest seq held for the device without gaps.

    ``results`` names every event that was *not* newly stored (a duplicate of one
    held, or quarantined with its reason), by its index in the batch; every other
    event of the batch was stored. ``stored`` counts those. Naming each stored event
    too would cost more bytes on the wire than the events' own gzip'd JSON.
    """

    stored: int
    results: list[EventResultModel]
    acked_seq: int


class PullResponse(BaseModel):
    """Events in the server's order and the cursor to pass as ``since`` next time."""

    events: list[EventModel]
    cursor: str
    more: bool


class JourneyResponse(BaseModel):
    """A whole journey, fetched by reference."""

    journey_id: str
    ref: str
    events: list[EventModel]


class StatusRequest(BaseModel):
    """A status change from an agency's back office."""

    service: str = Field(min_length=1, max_length=128)
    status: str = Field(min_length=1, max_length=64)
    message: str | None = Field(default=None, max_length=2000)


class ErrorResponse(BaseModel):
    """What was wrong with the request."""

    detail: str


_Responses = dict[int | str, dict[str, Any]]
_UNAUTHORIZED: _Responses = {
    401: {"model": ErrorResponse, "description": "missing, forged or revoked token"}
}
# FastAPI's own 422 is a list of field errors; every error here is one sentence.
_INVALID: _Responses = {
    422: {"model": ErrorResponse, "description": "a parameter or body of the wrong shape"}
}
_BAD_BODY: _Responses = {
    400: {"model": ErrorResponse, "description": "malformed JSON or encoding"},
    413: {"model": ErrorResponse, "description": "body larger than the limit"},
    415: {"model": ErrorResponse, "description": "a Content-Encoding other than gzip"},
    **_INVALID,
}
_BAD_REF: _Responses = {
    400: {"model": ErrorResponse, "description": "a mistyped reference"},
    404: {"model": ErrorResponse, "description": "no journey with this reference"},
}

# Declared in the OpenAPI description only (auto_error=False): the tokens are checked
# by ``device`` and ``agency``, which answer 401 in the store's own words.
_DEVICE_TOKEN = Security(
    HTTPBearer(
        auto_error=False,
        scheme_name="deviceToken",
        description="The device token from POST /api/v1/enrol.",
    )
)
_AGENCY_TOKEN = Security(
    HTTPBearer(
        auto_error=False,
        scheme_name="agencyToken",
        description="An agency token from `counterpart central agency-token`.",
    )
)


def _errors_in_words(errors: Sequence[Any]) -> str:
    """Pydantic's or FastAPI's validation errors as one line: ``where: what; ...``."""
    parts = []
    for error in errors:
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else error.get("msg", ""))
    return "; ".join(parts) or "invalid request"


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return JSONResponse({"detail": _errors_in_words(exc.errors())}, status_code=422)


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(401, detail, headers={"WWW-Authenticate": "Bearer"})


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized("a bearer token is required (Authorization: Bearer ...)")
    return token.strip()


async def _read_json(request: Request, max_bytes: int) -> Any:
    """The request body as JSON, inflated if gzip'd, refused past ``max_bytes``."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_bytes:
        raise HTTPException(413, f"the body is {declared} bytes; the limit is {max_bytes}")
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "gzip"):
        raise HTTPException(415, f"Content-Encoding {encoding!r} is not accepted; use gzip")
    inflater = zlib.decompressobj(wbits=31) if encoding == "gzip" else None
    chunks: list[bytes] = []
    size = 0
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > max_bytes:
                raise HTTPException(413, f"the body is over the limit of {max_bytes} bytes")
            if inflater is not None:
                # Inflate at most one byte past the limit: a gzip bomb stops here.
                chunk = inflater.decompress(chunk, max_bytes + 1 - size)
            size += len(chunk)
            if size > max_bytes:
                raise HTTPException(413, f"the body inflates past the limit of {max_bytes} bytes")
            chunks.append(chunk)
        if inflater is not None:
            tail = inflater.flush()
            size += len(tail)
            if size > max_bytes:
                raise HTTPException(413, f"the body inflates past the limit of {max_bytes} bytes")
            chunks.append(tail)
            if not inflater.eof:
                raise HTTPException(400, "the gzip body is truncated")
    except zlib.error as exc:
        raise HTTPException(400, f"the body is not valid gzip: {exc}") from exc
    body = b"".join(chunks)
    if not body:
        raise HTTPException(400, "the body is empty; a JSON object is required")
    try:
        value = json.loads(body)
    except UnicodeDecodeError as exc:
        raise HTTPException(400, f"the body is not UTF-8: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise HTTPException(
            400, f"the body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from exc
    if _SURROGATE_ESCAPE.search(body):
        # json.loads lets "\ud800" through as a lone surrogate, which is no text a
        # database or an answer can hold. Checked only when an escape is there at all.
        try:
            json.dumps(value, ensure_ascii=False).encode()
        except UnicodeEncodeError as exc:
            raise HTTPException(
                400, "the body is not valid JSON: a \\u escape is a lone surrogate"
            ) from exc
    return value


def _fit(model: type[BaseModel], raw: Any) -> Any:
    """``raw`` as ``model`` (else 422, naming what is wrong)."""
    if not isinstance(raw, dict):
        raise HTTPException(422, "the body must be a JSON object")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        words = _errors_in_words(exc.errors(include_url=False))
        raise HTTPException(422, f"the body does not fit {model.__name__}: {words}") from exc


def _events_of(raw: Any) -> list[dict[str, Any]]:
    """The events of a push body, checked as ``PushRequest`` checks them (else 422).

    A body of the usual shape is taken as it is: pydantic would copy every event
    to check that it is an object. Any other body goes to pydantic for its verdict.
    """
    events = raw.get("events") if type(raw) is dict else None
    if (
        type(events) is list
        and len(events) <= MAX_EVENTS_PER_PUSH
        and all(type(e) is dict for e in events)
    ):
        return events
    body: PushRequest = _fit(PushRequest, raw)
    return body.events


def device(request: Request) -> Device:
    """The enrolled, unrevoked device the bearer token belongs to (else 401)."""
    central: CentralStore = request.app.state.store
    found = central.device_for_token(_bearer(request))
    if found is None:
        raise _unauthorized("the device token is unknown or revoked")
    return found


def agency(request: Request) -> str:
    """The agency the bearer token belongs to (else 401)."""
    central: CentralStore = request.app.state.store
    found = central.agency_for_token(_bearer(request))
    if found is None:
        raise _unauthorized("the agency token is unknown or revoked")
    return found


def _body_schema(model: type[BaseModel]) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": model.model_json_schema()}},
        }
    }


def create_app(
    db_url: str,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    clock: Callable[[], int] = utc_ms,
    store: CentralStore | None = None,
) -> FastAPI:
    """The central case store as an ASGI app.

    Args:
        db_url: ``sqlite:///path`` or ``postgresql+psycopg://...``; migrated on start.
        max_body_bytes: the largest request body accepted, before and after gzip.
        clock: the machine clock in Unix ms (tests pass a fake one).
        store: an already open store (then ``db_url`` and ``clock`` are not used).
    """
    central = store if store is not None else CentralStore(db_url, clock=clock)
    app = FastAPI(
        title="Counterpart central case store",
        version="1",
        description="Enrolment, sync (push, pull, fetch by reference) and back-office status.",
        # A reference ending in "/" is a 404 with a detail, not a bodiless 307.
        redirect_slashes=False,
    )
    app.state.store = central
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    router = APIRouter(prefix="/api/v1")

    async def parse(request: Request, model: type[BaseModel]) -> Any:
        return _fit(model, await _read_json(request, max_body_bytes))

    @router.post(
        "/enrol",
        response_model=EnrolResponse,
        responses={**_BAD_BODY, 403: {"model": ErrorResponse, "description": "code refused"}},
        openapi_extra=_body_schema(EnrolRequest),
    )
    async def enrol(request: Request) -> EnrolResponse:
        """Redeem a one-time enrolment code for a device token."""
        body: EnrolRequest = await parse(request, EnrolRequest)
        try:
            token, site = await run_in_threadpool(central.enrol, body.code, body.device_id)
        except EnrolmentRefused as exc:
            raise HTTPException(403, str(exc)) from exc
        return EnrolResponse(device_token=token, site_id=site)

    @router.post(
        "/sync/push",
        response_model=PushResponse,
        response_model_exclude_none=True,
        responses={
            **_UNAUTHORIZED,
            **_BAD_BODY,
            403: {"model": ErrorResponse, "description": "an event names another device"},
        },
        dependencies=[_DEVICE_TOKEN],
        openapi_extra=_body_schema(PushRequest),
    )
    async def push(request: Request) -> dict[str, Any]:
        """Store a batch of this device's events; invalid ones are quarantined, not refused."""
        who = await run_in_threadpool(device, request)
        events = _events_of(await _read_json(request, max_body_bytes))
        try:
            result = await run_in_threadpool(central.push, who, events)
        except ForeignDevice as exc:
            raise HTTPException(403, str(exc)) from exc
        return {
            "stored": result.stored,
            "results": [r.to_dict() for r in result.results],
            "acked_seq": result.acked_seq,
        }

    @router.get(
        "/sync/pull",
        response_model=PullResponse,
        responses={**_UNAUTHORIZED, **_INVALID},
        dependencies=[_DEVICE_TOKEN],
    )
    def pull(
        who: Annotated[Device, Depends(device)],
        since: Annotated[str, Query(max_length=19, pattern=r"^\d*$")] = "0",
        limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = 500,
    ) -> Response:
        """Events this device's site may see, after ``since``, in the server's order."""
        position = int(since or 0)
        if position > BIGINT_MAX:
            raise HTTPException(422, f"since: {since} is past the largest cursor, {BIGINT_MAX}")
        events, cursor = central.pull(who, position, limit)
        # The events come as JSON from the database: the body is put together here,
        # not validated against PullResponse event by event (its schema is what
        # tests/sync/test_openapi_fuzz.py checks every answer against).
        more = "true" if len(events) == limit else "false"
        body = f'{{"events":[{",".join(events)}],"cursor":"{cursor}","more":{more}}}'
        return Response(body.encode(), media_type="application/json")

    @router.get(
        "/journeys/{ref}",
        response_model=JourneyResponse,
        responses={**_UNAUTHORIZED, **_BAD_REF, **_INVALID},
        dependencies=[_DEVICE_TOKEN],
    )
    def fetch(
        ref: str,
        who: Annotated[Device, Depends(device)],
        operator: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_.@-]{1,64}$")] = None,
    ) -> dict[str, Any]:
        """A whole journey by reference; the device's site may then pull it. Audited."""
        try:
            journey_id, canonical, events = central.fetch(who, ref, operator)
        except InvalidReference as exc:
            raise HTTPException(400, str(exc)) from exc
        except UnknownJourney as exc:
            raise HTTPException(404, str(exc)) from exc
        return {"journey_id": journey_id, "ref": canonical, "events": events}

    @router.post(
        "/journeys/{ref}/status",
        response_model=EventModel,
        responses={
            **_UNAUTHORIZED,
            **_BAD_BODY,
            **_BAD_REF,
            400: {
                "model": ErrorResponse,
                "description": "malformed JSON or encoding, a mistyped reference, "
                "or a status that makes no valid event",
            },
        },
        dependencies=[_AGENCY_TOKEN],
        openapi_extra=_body_schema(StatusRequest),
    )
    async def status(ref: str, request: Request) -> dict[str, Any]:
        """Record a status change from an agency's back office (``status.changed``)."""
        agency_id = await run_in_threadpool(agency, request)
        body: StatusRequest = await parse(request, StatusRequest)
        try:
            return await run_in_threadpool(
                central.record_status, agency_id, ref, body.service, body.status, body.message
            )
        except (InvalidReference, InvalidEvent) as exc:
            raise HTTPException(400, str(exc)) from exc
        except UnknownJourney as exc:
            raise HTTPException(404, str(exc)) from exc

    app.include_router(router)
    return app
