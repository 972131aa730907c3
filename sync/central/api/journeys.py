"""Fetch on demand: a whole journey by reference, for a mediator who resumes it elsewhere;
and look a citizen up: their open journeys, when a card is read at a counter."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool

from sync.central.api.body import declared, read_model
from sync.central.api.deps import DEVICE_TOKEN, DeviceCaller, Store
from sync.central.api.errors import BAD_BODY, BAD_REF, INVALID, UNAUTHORIZED
from sync.central.api.models import ErrorResponse, JourneyResponse, LookupRequest, LookupResponse
from sync.central.records import TooManyFetches, UnknownJourney
from sync.domain.identity import Identity
from sync.errors import InvalidReference

router = APIRouter(prefix="/journeys")


@router.post(
    "/lookup",
    response_model=LookupResponse,
    responses={
        **UNAUTHORIZED,
        **BAD_BODY,
        429: {"model": ErrorResponse, "description": "fetching journeys too fast"},
    },
    dependencies=[DEVICE_TOKEN],
    openapi_extra=declared(LookupRequest),
)
async def lookup(request: Request, who: DeviceCaller, central: Store) -> dict[str, Any]:
    """The open journeys of the citizen the body names, latest activity first: what a
    card read at a counter offers to continue. Nothing is granted (fetch by reference
    for that). Audited, throttled with the fetches."""
    body = await read_model(request, LookupRequest)
    identity = Identity(
        name=body.name,
        birth_date=body.birth_date if len(body.birth_date) == 10 else "",
        national_number=body.national_number,
        birth_date_partial="" if len(body.birth_date) == 10 else body.birth_date,
    )
    try:
        found = await run_in_threadpool(central.lookup, who, identity, body.operator)
    except TooManyFetches as exc:
        raise HTTPException(429, str(exc), headers={"Retry-After": str(exc.retry_after)}) from exc
    return {"journeys": [dataclasses.asdict(j) for j in found]}


@router.get(
    "/{ref}",
    response_model=JourneyResponse,
    responses={
        **UNAUTHORIZED,
        **BAD_REF,
        **INVALID,
        429: {"model": ErrorResponse, "description": "fetching journeys too fast"},
    },
    dependencies=[DEVICE_TOKEN],
)
def fetch(
    ref: str,
    who: DeviceCaller,
    central: Store,
    operator: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_.@-]{1,64}$")] = None,
) -> dict[str, Any]:
    """A whole journey by reference; the device's site may then pull it. Audited, throttled."""
    try:
        journey_id, canonical, events = central.fetch(who, ref, operator)
    except TooManyFetches as exc:
        raise HTTPException(429, str(exc), headers={"Retry-After": str(exc.retry_after)}) from exc
    except InvalidReference as exc:
        raise HTTPException(400, str(exc)) from exc
    except UnknownJourney as exc:
        raise HTTPException(404, str(exc)) from exc
    return {"journey_id": journey_id, "ref": canonical, "events": events}
