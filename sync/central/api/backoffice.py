"""The back office: an agency records a status change on a journey."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool

from sync.central.api.body import declared, read_model
from sync.central.api.deps import AGENCY_TOKEN, AgencyCaller, Store
from sync.central.api.errors import BAD_BODY, BAD_REF, UNAUTHORIZED
from sync.central.api.models import ErrorResponse, EventModel, StatusRequest
from sync.central.records import NotPermitted, UnknownJourney
from sync.errors import InvalidEvent, InvalidReference

router = APIRouter(prefix="/journeys")


@router.post(
    "/{ref}/status",
    response_model=EventModel,
    responses={
        **UNAUTHORIZED,
        **BAD_BODY,
        **BAD_REF,
        400: {
            "model": ErrorResponse,
            "description": "malformed JSON or encoding, a mistyped reference, "
            "or a status that makes no valid event",
        },
        403: {"model": ErrorResponse, "description": "a service of another agency"},
    },
    dependencies=[AGENCY_TOKEN],
    openapi_extra=declared(StatusRequest),
)
async def status(
    ref: str, request: Request, agency_id: AgencyCaller, central: Store
) -> dict[str, Any]:
    """Record a status change from an agency's back office (``status.changed``)."""
    body = await read_model(request, StatusRequest)
    try:
        return await run_in_threadpool(
            central.record_status, agency_id, ref, body.service, body.status, body.message
        )
    except (InvalidReference, InvalidEvent) as exc:
        raise HTTPException(400, str(exc)) from exc
    except NotPermitted as exc:
        raise HTTPException(403, str(exc)) from exc
    except UnknownJourney as exc:
        raise HTTPException(404, str(exc)) from exc
