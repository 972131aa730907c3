"""Sync: a device pushes its events and pulls what its site may see."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from sync.central.api.body import declared, events_of, read_json
from sync.central.api.deps import DEVICE_TOKEN, DeviceCaller, Store
from sync.central.api.errors import BAD_BODY, INVALID, UNAUTHORIZED
from sync.central.api.models import (
    MAX_PULL_LIMIT,
    ErrorResponse,
    PullResponse,
    PushRequest,
    PushResponse,
)
from sync.central.records import BIGINT_MAX, ForeignDevice
from sync.domain.clocks import WALL_HEADER, parse_wall_header

router = APIRouter(prefix="/sync")


@router.post(
    "/push",
    response_model=PushResponse,
    response_model_exclude_none=True,
    responses={
        **UNAUTHORIZED,
        **BAD_BODY,
        403: {"model": ErrorResponse, "description": "an event names another device"},
    },
    dependencies=[DEVICE_TOKEN],
    openapi_extra=declared(PushRequest),
)
async def push(request: Request, who: DeviceCaller, central: Store) -> dict[str, Any]:
    """Store a batch of this device's events; invalid ones are quarantined, not refused.

    A ``Counterpart-Device-Wall`` header (the device's clock, Unix ms) is compared with
    the store's: a clock found more than 5 minutes off marks the times it recorded.
    """
    events = events_of(await read_json(request))
    device_wall = parse_wall_header(request.headers.get(WALL_HEADER))
    try:
        result = await run_in_threadpool(central.push, who, events, device_wall)
    except ForeignDevice as exc:
        raise HTTPException(403, str(exc)) from exc
    return {
        "stored": result.stored,
        "results": [r.to_dict() for r in result.results],
        "acked_seq": result.acked_seq,
    }


@router.get(
    "/pull",
    response_model=PullResponse,
    responses={**UNAUTHORIZED, **INVALID},
    dependencies=[DEVICE_TOKEN],
)
def pull(
    who: DeviceCaller,
    central: Store,
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
