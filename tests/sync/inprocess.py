"""A synchronous httpx transport over ``httpx.ASGITransport``: the central store in-process.

``httpx.ASGITransport`` is async only; the sync client is synchronous (it runs in
a worker thread in the app), so each request runs the ASGI app in a fresh event
loop. The response keeps its raw (possibly gzip'd) bytes, so the client decodes
exactly what it would over a socket.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx


class SyncASGITransport(httpx.BaseTransport):
    """Send each request to an ASGI app in-process."""

    def __init__(self, app: Any) -> None:
        self._transport = httpx.ASGITransport(app=app)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()

        async def send() -> httpx.Response:
            inner = httpx.Request(
                request.method, request.url, headers=request.headers, content=body
            )
            response = await self._transport.handle_async_request(inner)
            raw = b"".join([chunk async for chunk in response.aiter_raw()])
            await response.aclose()
            return httpx.Response(
                response.status_code, headers=response.headers, stream=httpx.ByteStream(raw)
            )

        return asyncio.run(send())
