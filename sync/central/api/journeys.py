"""Fetch on demand: a whole journey by reference, for a mediator who resumes it elsewhere."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from sync.central.api.deps import DEVICE_TOKEN, DeviceCaller, Store
from sync.central.api.errors import BAD_REF, INVALID, UNAUTHORIZED
from sync.central.api.models import ErrorResponse, JourneyResponse
from sync.central.records import TooManyFetches, UnknownJourney
from sync.errors import InvalidReference

router = APIRouter(prefix="/journeys")


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
