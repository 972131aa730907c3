"""Finding asgi-csrf's token in a ``multipart/form-data`` body (a form with an upload).

asgi-csrf 0.11 reads an upload form's token with ``FormParser(..., FileClass=...)``,
an argument python-multipart removed in 0.0.26 (simonw/asgi-csrf#38, fix open as
#39): every form with a file then fails with a server error before it reaches a page.
``find_token`` does the same job with python-multipart's streaming
``MultipartParser``, and ``sync.central.web.security`` puts it in asgi-csrf's place.
Its contract is asgi-csrf's: read the body only until the ``csrftoken`` field is
complete, refuse a file that comes before it (``FileBeforeToken``), and hand back a
``receive`` that replays what was read, so the page gets the whole body.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, Final

from asgi_csrf import FileBeforeToken  # type: ignore[import-untyped]
from python_multipart import MultipartParser
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import parse_options_header

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]

TOKEN_FIELD: Final = b"csrftoken"
_MOST_TOKEN_BYTES: Final = 4096
"""A token is a few dozen characters; a longer ``csrftoken`` part is not one."""


class _Found(Exception):
    """The token field is complete (raised from the parser's callback to stop reading)."""

    def __init__(self, token: str | None) -> None:
        super().__init__("csrftoken")
        self.token = token


class _Parts:
    """The parser's callbacks: each part's headers, and the token part's data."""

    def __init__(self) -> None:
        self.header_field = b""
        self.header_value = b""
        self.name = b""
        self.is_file = False
        self.data = b""

    def begin(self) -> None:
        self.name, self.is_file, self.data = b"", False, b""

    def field(self, data: bytes, start: int, end: int) -> None:
        self.header_field += data[start:end]

    def value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def header_end(self) -> None:
        if self.header_field.strip().lower() == b"content-disposition":
            _disposition, options = parse_options_header(self.header_value)
            self.name = options.get(b"name", b"")
            self.is_file = b"filename" in options
        self.header_field, self.header_value = b"", b""

    def headers_finished(self) -> None:
        if self.is_file:
            raise FileBeforeToken()

    def part_data(self, data: bytes, start: int, end: int) -> None:
        if self.name == TOKEN_FIELD:
            self.data += data[start:end]
            if len(self.data) > _MOST_TOKEN_BYTES:
                raise _Found(None)

    def part_end(self) -> None:
        if self.name == TOKEN_FIELD:
            try:
                token: str | None = self.data.decode("utf-8")
            except UnicodeDecodeError:
                token = None
            raise _Found(token)


async def find_token(boundary: bytes, receive: Receive) -> tuple[str | None, Receive]:
    """The ``csrftoken`` of a multipart body, and a ``receive`` replaying what was read.

    Returns None for the token when the body has none or cannot be parsed (asgi-csrf
    then refuses the form).

    Raises:
        FileBeforeToken: a file part comes before the token.
    """
    read: list[Message] = []

    async def replay() -> Message:
        return read.pop(0) if read else await receive()

    parts = _Parts()
    try:
        parser = MultipartParser(
            boundary,
            {
                "on_part_begin": parts.begin,
                "on_header_field": parts.field,
                "on_header_value": parts.value,
                "on_header_end": parts.header_end,
                "on_headers_finished": parts.headers_finished,
                "on_part_data": parts.part_data,
                "on_part_end": parts.part_end,
            },
        )
        more = True
        while more:
            message = await receive()
            read.append(message)
            if message["type"] != "http.request":
                break
            parser.write(message.get("body", b""))
            more = bool(message.get("more_body", False))
    except _Found as found:
        return found.token, replay
    except FormParserError:
        return None, replay
    return None, replay
