"""Replies to SMS, posted by the SMS gateway: ``POST /api/v1/sms/inbound``.

The gateway authenticates with the bearer token of ``[notify] sms_inbound_token_file``
(``app.state.sms_inbound_token``; without one configured every call is a 401). A
reply that asks to stop withdraws the ``contact`` consent of the journeys whose
messages go to its sender (``sync.central.notify.inbound``); any other reply is
taken and ignored. The sender's number is never logged.
"""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPBearer

from sync.central.api.body import declared, read_model
from sync.central.api.deps import Store
from sync.central.api.errors import BAD_BODY, UNAUTHORIZED, unauthorized
from sync.central.api.models import SmsReplyRequest, SmsReplyResponse
from sync.central.notify.inbound import take_reply

router = APIRouter(prefix="/sms")

GATEWAY_TOKEN = Security(
    HTTPBearer(
        auto_error=False,
        scheme_name="smsGatewayToken",
        description="The token of `[notify] sms_inbound_token_file`, given to the SMS gateway.",
    )
)


def _check_gateway(request: Request) -> None:
    expected: str = getattr(request.app.state, "sms_inbound_token", "")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if not expected:
        raise unauthorized("no SMS gateway token is configured ([notify] sms_inbound_token_file)")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip(), expected):
        raise unauthorized("the SMS gateway token is missing or wrong")


@router.post(
    "/inbound",
    response_model=SmsReplyResponse,
    responses={**UNAUTHORIZED, **BAD_BODY},
    dependencies=[GATEWAY_TOKEN],
    openapi_extra=declared(SmsReplyRequest),
)
async def inbound(request: Request, central: Store) -> SmsReplyResponse:
    """Take one SMS reply; STOP (PARAR, CANCELAR, BAJA, ...) stops the sender's messages."""
    _check_gateway(request)
    body = await read_model(request, SmsReplyRequest)
    outcome = await run_in_threadpool(take_reply, central, body.sender, body.text)
    return SmsReplyResponse(stop=outcome.stop, stopped=outcome.stopped)
