"""Request bodies read by hand: gzip, a size limit before and after inflating, JSON checked.

Bodies are not left to FastAPI's model binding, so that a gzip'd body is
accepted, an oversized one is refused (413) before it is all read or inflated,
and malformed JSON gets a 400 naming where it broke. The limit is the app's
``state.max_body_bytes``.
"""

from __future__ import annotations

import json
import logging
import math
import re
import zlib
from typing import Any, Final, TypeVar

from fastapi import HTTPException, Request
from pydantic import BaseModel, ValidationError
from starlette.requests import ClientDisconnect

from sync.central.api.errors import errors_in_words
from sync.central.api.models import MAX_EVENTS_PER_PUSH, PushRequest

log = logging.getLogger("sync.central")
DEFAULT_MAX_BODY_BYTES: Final = 8 * 1024 * 1024
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
MAX_JSON_DEPTH: Final = 64
"""The deepest nesting of arrays and objects a body may have."""
MAX_NUMBER_CHARS: Final = 64
"""The longest number literal a body may hold (a seq needs 19)."""

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
    except ClientDisconnect:
        # Nobody reads the answer; a line says so, where a traceback would say it in 5 KB.
        log.warning(
            "client hung up mid-body: %s %s after %d bytes",
            request.method, request.url.path, received,
        )  # fmt: skip
        raise HTTPException(400, "the client hung up before the body was whole") from None
    if inflater is not None and inflater.unused_data:
        raise HTTPException(400, "the gzip body goes on past its end (a second member or garbage)")
    return parse_json(b"".join(chunks))


def parse_json(body: bytes) -> Any:
    """A body as JSON, refusing what is not one plain reading of UTF-8 JSON (else 400).

    Refused: bytes that are not UTF-8 (raw surrogates, CESU-8, UTF-16), nesting past
    ``MAX_JSON_DEPTH`` (checked before parsing, which would recurse that deep), a
    number literal past ``MAX_NUMBER_CHARS`` (converting thousands of digits costs
    quadratic time) or not finite (``NaN``, ``Infinity``, ``1e999``), a key twice in
    one object (which would silently keep the last), and a lone surrogate escape.
    """
    if not body:
        raise HTTPException(400, "the body is empty; a JSON object is required")
    try:
        text = body.decode()
    except UnicodeDecodeError as exc:
        raise HTTPException(400, f"the body is not UTF-8: {exc}") from exc
    if _too_deep(text):
        raise HTTPException(400, f"the body is nested more than {MAX_JSON_DEPTH} deep")
    try:
        value = _DECODER.decode(text)
    except _Refused as exc:
        raise HTTPException(400, f"the body is not plain JSON: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise HTTPException(
            400, f"the body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from exc
    except RecursionError as exc:  # not reached past _too_deep; kept as the last word
        raise HTTPException(400, "the body is nested too deep") from exc
    if _SURROGATE_ESCAPE.search(text):
        # json.loads lets "\ud800" through as a lone surrogate, which is no text a
        # database or an answer can hold. Checked only when an escape is there at all.
        try:
            json.dumps(value, ensure_ascii=False).encode()
        except UnicodeEncodeError as exc:
            raise HTTPException(
                400, "the body is not valid JSON: a \\u escape is a lone surrogate"
            ) from exc
    return value


class _Refused(ValueError):
    """JSON that parses, but not to one plain reading."""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    value = dict(pairs)
    if len(value) != len(pairs):
        seen: set[str] = set()
        twice = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        raise _Refused(f"the key {twice!r} appears twice in one object")
    return value


def _int(literal: str) -> int:
    if len(literal) > MAX_NUMBER_CHARS:
        raise _Refused(f"a number of {len(literal)} characters; at most {MAX_NUMBER_CHARS}")
    return int(literal)


def _float(literal: str) -> float:
    if len(literal) > MAX_NUMBER_CHARS:
        raise _Refused(f"a number of {len(literal)} characters; at most {MAX_NUMBER_CHARS}")
    value = float(literal)
    if not math.isfinite(value):
        raise _Refused(f"the number {literal} is past what a float holds")
    return value


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not a JSON value")


_DECODER = json.JSONDecoder(
    object_pairs_hook=_object, parse_int=_int, parse_float=_float, parse_constant=_constant
)
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_PLAIN_STRING = re.compile(r'"[^"]*"')  # the same where no backslash is, and faster
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_INNERMOST = re.compile(r"\[\]|\{\}")
_OPENERS = re.compile(r"[\[{]+")


def _too_deep(text: str) -> bool:
    """Whether ``text`` nests arrays and objects more than ``MAX_JSON_DEPTH`` deep.

    Without parsing: the strings are taken out, then all but the brackets, and each
    pass takes out the innermost pairs; what does not pair up counts by its longest
    run of openers, which a parser would go down before it found the fault.
    """
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return False
    strings = _STRING if "\\" in text else _PLAIN_STRING
    skeleton = _NOT_BRACKET.sub("", strings.sub("", text))
    for passes in range(MAX_JSON_DEPTH):
        skeleton, found = _INNERMOST.subn("", skeleton)
        if not skeleton:
            return False
        if not found:  # unbalanced: a parser would still go down each run of openers
            runs = _OPENERS.findall(skeleton)
            return passes + max(map(len, runs), default=0) > MAX_JSON_DEPTH
    return True


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
