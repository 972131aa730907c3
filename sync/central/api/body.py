"""Request bodies read by hand: gzip, a size limit before and after inflating, JSON checked.

Bodies are not left to FastAPI's model binding, so that a gzip'd body is
accepted, an oversized one is refused (413) before it is all read or inflated,
and malformed JSON gets a 400 naming where it broke. The limit is the app's
``state.max_body_bytes``.
"""

from __future__ import annotations

import json
import re
import zlib
from typing import Any, Final, TypeVar

from fastapi import HTTPException, Request
from pydantic import BaseModel, ValidationError

from sync.central.api.errors import errors_in_words
from sync.central.api.models import MAX_EVENTS_PER_PUSH, PushRequest

DEFAULT_MAX_BODY_BYTES: Final = 8 * 1024 * 1024
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")

Model = TypeVar("Model", bound=BaseModel)


async def read_json(request: Request) -> Any:
    """The request body as JSON, inflated if gzip'd, refused past the app's limit."""
    max_bytes: int = request.app.state.max_body_bytes
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


async def read_model(request: Request, model: type[Model]) -> Model:
    """The request body as ``model`` (else 400, 413, 415 or 422, naming what is wrong)."""
    return fit(model, await read_json(request))


def fit(model: type[Model], raw: Any) -> Model:
    """``raw`` as ``model`` (else 422, naming what is wrong)."""
    if not isinstance(raw, dict):
        raise HTTPException(422, "the body must be a JSON object")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        words = errors_in_words(exc.errors(include_url=False))
        raise HTTPException(422, f"the body does not fit {model.__name__}: {words}") from exc


def events_of(raw: Any) -> list[dict[str, Any]]:
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
    return fit(PushRequest, raw).events


def declared(model: type[BaseModel]) -> dict[str, Any]:
    """The ``openapi_extra`` that declares a body read by hand as ``model``."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": model.model_json_schema()}},
        }
    }
