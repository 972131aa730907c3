"""The API's errors: one sentence in ``{"detail": ...}`` for every status, and how each is declared.

FastAPI's own 422 is a list of field errors; here it is put in words like every
other error (``where: what; ...``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from sync.central.api.models import ErrorResponse

Responses = dict[int | str, dict[str, Any]]
"""Error statuses of an operation as its OpenAPI description declares them."""

UNAUTHORIZED: Responses = {
    401: {"model": ErrorResponse, "description": "missing, forged or revoked token"}
}
INVALID: Responses = {
    422: {"model": ErrorResponse, "description": "a parameter or body of the wrong shape"}
}
BAD_BODY: Responses = {
    400: {"model": ErrorResponse, "description": "malformed JSON or encoding"},
    413: {"model": ErrorResponse, "description": "body larger than the limit"},
    415: {"model": ErrorResponse, "description": "a Content-Encoding other than gzip"},
    **INVALID,
}
BAD_REF: Responses = {
    400: {"model": ErrorResponse, "description": "a mistyped reference"},
    404: {"model": ErrorResponse, "description": "no journey with this reference"},
}


def errors_in_words(errors: Sequence[Any]) -> str:
    """Pydantic's or FastAPI's validation errors as one line: ``where: what; ...``."""
    parts = []
    for error in errors:
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else error.get("msg", ""))
    return "; ".join(parts) or "invalid request"


def unauthorized(detail: str) -> HTTPException:
    """A 401 that asks for a bearer token."""
    return HTTPException(401, detail, headers={"WWW-Authenticate": "Bearer"})


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return JSONResponse({"detail": errors_in_words(exc.errors())}, status_code=422)


def install(app: FastAPI) -> None:
    """Answer FastAPI's own validation errors in one sentence, as every other error."""
    app.add_exception_handler(RequestValidationError, _validation_error)
