"""Fetch on demand by link: a whole journey by the token hash of a QR a counter scanned."""

from __future__ import annotations

from typing import Annotated, Any, Final

from fastapi import APIRouter, HTTPException, Path, Query

from sync.central.api.deps import DEVICE_TOKEN, DeviceCaller, Store
from sync.central.api.errors import INVALID, UNAUTHORIZED
from sync.central.api.models import ErrorResponse, JourneyResponse
from sync.central.records import TooManyFetches, UnknownJourney

SHA256_HEX: Final = r"^[0-9a-f]{64}$"
"""A token's hash as ``sync.domain.handoff.token_hash`` writes it."""

router = APIRouter(prefix="/handoffs")


@router.get(
    "/{sha256}",
    response_model=JourneyResponse,
    responses={
        **UNAUTHORIZED,
        404: {"model": ErrorResponse, "description": "no journey with this handoff link"},
        **INVALID,
        429: {"model": ErrorResponse, "description": "fetching journeys too fast"},
    },
    dependencies=[DEVICE_TOKEN],
)
def fetch_by_link(
    sha256: Annotated[str, Path(pattern=SHA256_HEX, description="SHA-256 hex of the link's token")],
    who: DeviceCaller,
    central: Store,
    operator: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_.@-]{1,64}$")] = None,
) -> dict[str, Any]:
    """The whole journey whose handoff link has this token hash (a QR scanned at a counter
    whose journey is not on that machine); the device's site may then pull it. Audited,
    throttled with the fetches by reference. The token itself is never sent."""
    try:
        journey_id, ref, events = central.fetch_by_link(who, sha256, operator)
    except TooManyFetches as exc:
        raise HTTPException(429, str(exc), headers={"Retry-After": str(exc.retry_after)}) from exc
    except UnknownJourney as exc:
        raise HTTPException(404, str(exc)) from exc
    return {"journey_id": journey_id, "ref": ref, "events": events}
