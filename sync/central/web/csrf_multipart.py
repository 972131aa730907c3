"""asgi-csrf's check of a multipart form (an upload) on python-multipart 0.0.26 and later.

asgi-csrf 0.11 (the latest) reads a multipart body until it finds the ``csrftoken``
field, refusing the form when a file comes first; it builds python-multipart's
``FormParser`` with ``FileClass=`` to be told of a file's first bytes. python-multipart
0.0.26 dropped that argument (and fixed CVEs, so staying below it is no answer),
which turns every multipart POST into a TypeError (simonw/asgi-csrf#38, fixed by the
open pull request #39). ``install`` gives asgi-csrf, and only asgi-csrf, a parser
with the old call's meaning, built on python-multipart's public ``MultipartParser``:
fields are handed to ``on_field`` when they end, and a file part's first bytes go
to ``FileClass().write`` (which raises asgi-csrf's ``FileBeforeToken``). The token
scheme, its signing and its comparison stay asgi-csrf's own. Where python-multipart
still takes ``FileClass``, or asgi-csrf stops passing it, nothing is replaced.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, Protocol

import asgi_csrf  # type: ignore[import-untyped]
from python_multipart import FormParser, MultipartParser
from python_multipart.multipart import Field, parse_options_header


class _Sink(Protocol):
    def write(self, data: bytes) -> Any: ...


def needed() -> bool:
    """Whether python-multipart's ``FormParser`` no longer takes asgi-csrf's ``FileClass``."""
    return "FileClass" not in inspect.signature(FormParser.__init__).parameters


class TokenFirstParser:
    """The part of the old ``FormParser`` that asgi-csrf uses: ``write(bytes)``, fields to
    ``on_field`` as they end, a file's bytes to ``FileClass(...).write``."""

    def __init__(
        self,
        content_type: str,
        on_field: Callable[[Field], None],
        on_file: Callable[..., None] | None,
        *,
        boundary: bytes | str,
        FileClass: Callable[[bytes, bytes, dict[str, Any]], _Sink],  # asgi-csrf names it so
    ) -> None:
        del content_type, on_file  # always multipart here; asgi-csrf ignores finished files
        self._on_field = on_field
        self._file_class = FileClass
        self._header_name: list[bytes] = []
        self._header_value: list[bytes] = []
        self._headers: dict[bytes, bytes] = {}
        self._field: Field | None = None
        self._file: _Sink | None = None
        self._parser = MultipartParser(
            boundary,
            {
                "on_part_begin": self._part_begin,
                "on_header_field": self._header_field,
                "on_header_value": self._header_value_data,
                "on_header_end": self._header_end,
                "on_headers_finished": self._headers_finished,
                "on_part_data": self._part_data,
                "on_part_end": self._part_end,
            },
        )

    def write(self, data: bytes) -> int:
        """Parse more of the body (asgi-csrf's exceptions pass through)."""
        return self._parser.write(data)

    def _part_begin(self) -> None:
        self._headers, self._field, self._file = {}, None, None

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name.append(data[start:end])

    def _header_value_data(self, data: bytes, start: int, end: int) -> None:
        self._header_value.append(data[start:end])

    def _header_end(self) -> None:
        name = b"".join(self._header_name).lower()
        self._headers[name] = b"".join(self._header_value).strip(b" \t")
        self._header_name.clear()
        self._header_value.clear()

    def _headers_finished(self) -> None:
        _disposition, options = parse_options_header(self._headers.get(b"content-disposition"))
        name = options.get(b"name", b"")
        filename = options.get(b"filename")
        if filename is None:
            self._field = Field(name)
        else:
            self._file = self._file_class(filename, name, {})

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._file is not None:
            self._file.write(data[start:end])
        elif self._field is not None:
            self._field.write(data[start:end])

    def _part_end(self) -> None:
        if self._field is not None:
            self._field.finalize()
            self._on_field(self._field)


def _parser(*args: Any, **kwargs: Any) -> Any:
    if "FileClass" in kwargs:
        return TokenFirstParser(*args, **kwargs)
    return FormParser(*args, **kwargs)  # a later asgi-csrf on the new API


def install() -> None:
    """Give asgi-csrf the parser it expects, when python-multipart no longer has it."""
    if needed():
        asgi_csrf.FormParser = _parser
