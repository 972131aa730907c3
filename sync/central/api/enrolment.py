"""Enrolment: a device redeems a one-time code for its token."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool

from sync.central.api.body import declared, read_model
from sync.central.api.deps import Store
from sync.central.api.errors import BAD_BODY
from sync.central.api.models import EnrolRequest, EnrolResponse, ErrorResponse
from sync.central.records import EnrolmentRefused

router = APIRouter()


@router.post(
    "/enrol",
    response_model=EnrolResponse,
    responses={**BAD_BODY, 403: {"model": ErrorResponse, "description": "code refused"}},
    openapi_extra=declared(EnrolRequest),
)
async def enrol(request: Request, central: Store) -> EnrolResponse:
    """Redeem a one-time enrolment code for a device token."""
    body = await read_model(request, EnrolRequest)
    try:
        token, site = await run_in_threadpool(central.enrol, body.code, body.device_id)
    except EnrolmentRefused as exc:
        raise HTTPException(403, str(exc)) from exc
    return EnrolResponse(device_token=token, site_id=site)
