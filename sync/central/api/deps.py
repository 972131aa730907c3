"""What the routes depend on: the store on ``app.state``, and the caller its bearer token names."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPBearer

from sync.central.api.errors import unauthorized
from sync.central.records import Device
from sync.central.store import CentralStore

# Declared in the OpenAPI description only (auto_error=False): the tokens are checked
# by ``device`` and ``agency``, which answer 401 in the store's own words.
DEVICE_TOKEN = Security(
    HTTPBearer(
        auto_error=False,
        scheme_name="deviceToken",
        description="The device token from POST /api/v1/enrol.",
    )
)
AGENCY_TOKEN = Security(
    HTTPBearer(
        auto_error=False,
        scheme_name="agencyToken",
        description="An agency token from `counterpart central agency-token`.",
    )
)


async def store(request: Request) -> CentralStore:
    """The central store the app serves (``app.state.store``)."""
    central: CentralStore = request.app.state.store
    return central


Store = Annotated[CentralStore, Depends(store)]
"""A route's parameter for the store."""


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("a bearer token is required (Authorization: Bearer ...)")
    return token.strip()


def device(request: Request, central: Store) -> Device:
    """The enrolled, unrevoked device the bearer token belongs to (else 401)."""
    found = central.device_for_token(_bearer(request))
    if found is None:
        raise unauthorized("the device token is unknown or revoked")
    return found


def agency(request: Request, central: Store) -> str:
    """The agency the bearer token belongs to (else 401)."""
    found = central.agency_for_token(_bearer(request))
    if found is None:
        raise unauthorized("the agency token is unknown or revoked")
    return found


DeviceCaller = Annotated[Device, Depends(device)]
"""A route's parameter for the device that calls it."""
AgencyCaller = Annotated[str, Depends(agency)]
"""A route's parameter for the agency that calls it."""
