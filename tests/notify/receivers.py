"""Real receivers for the notifier's tests: an SMTP server (aiosmtpd) and an SMS gateway.

Both listen on loopback in a thread of the test process and keep what they receive.
The SMTP sink can refuse chosen recipients; the gateway answers 500 a given number
of times before it accepts, and counts what it accepted by idempotency key.
"""

from __future__ import annotations

import email
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from tests.sync.serverproc import free_port


@dataclass
class SmtpSink:
    """What an SMTP server on loopback received, and whom it refuses."""

    port: int = 0
    raw: list[bytes] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected: no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        with self.lock:
            self.raw.append(content)  # parsed when asked: the sink stays cheap
        return "250 Message accepted for delivery"

    @property
    def messages(self) -> list[Message]:
        """Every message received, parsed, in order."""
        with self.lock:
            raw = list(self.raw)
        return [email.message_from_bytes(r) for r in raw]

    def count(self) -> int:
        with self.lock:
            return len(self.raw)

    def message_ids(self) -> list[str]:
        return [str(m["Message-ID"]) for m in self.messages]


@contextmanager
def smtp_sink() -> Iterator[SmtpSink]:
    """An aiosmtpd server on 127.0.0.1 (no TLS: the notifier is told not to STARTTLS)."""
    sink = SmtpSink(port=free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


@dataclass
class Gateway:
    """An SMS gateway on loopback: fails ``fail_first`` requests with 500, then accepts."""

    port: int = 0
    fail_first: int = 0
    token: str = "gateway-token"
    requests: list[tuple[int, dict[str, str], dict[str, Any]]] = field(default_factory=list)
    accepted: dict[str, dict[str, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/messages"


@contextmanager
def sms_gateway(fail_first: int = 0) -> Iterator[Gateway]:
    """The gateway, served by ``http.server`` in a thread."""
    gateway = Gateway(port=free_port(), fail_first=fail_first)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            headers = {k.lower(): v for k, v in self.headers.items()}
            with gateway.lock:
                if headers.get("authorization") != f"Bearer {gateway.token}":
                    status = 401
                elif gateway.fail_first > 0:
                    gateway.fail_first -= 1
                    status = 500
                else:
                    status = 200
                    gateway.accepted.setdefault(headers["idempotency-key"], body)
                gateway.requests.append((status, headers, body))
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"ok": true}' if status == 200 else b'{"error": "busy"}')

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", gateway.port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield gateway
    finally:
        server.shutdown()
        server.server_close()
