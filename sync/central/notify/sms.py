"""SMS through an HTTP gateway: a JSON POST with a bearer token and an idempotency key.

The request is the shape common gateways take: ``{"to": "+351...", "text": "...",
"from": "..."}`` with ``Authorization: Bearer {token}`` and ``Idempotency-Key:
{message_id}`` (the same on every try, so the gateway drops a resend). A 2xx is
accepted; 408, 429 and 5xx, a timeout or a refused connection are worth a retry;
any other answer is final.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import httpx

from sync.central.notify.driver import DeliveryError, Outgoing, scrub

_RETRY = frozenset({408, 425, 429})


@dataclass(frozen=True, slots=True)
class SmsConfig:
    """The gateway: its URL, its token, the sender name or number, and a timeout."""

    url: str
    token: str
    sender: str = ""
    timeout: float = 30.0


class SmsGatewayDriver:
    """Sends SMS through an HTTP gateway (``Driver``)."""

    def __init__(self, config: SmsConfig, transport: httpx.BaseTransport | None = None) -> None:
        self.config = config
        self._client = httpx.Client(timeout=config.timeout, transport=transport)

    def send(self, message: Outgoing, meanwhile: Callable[[], None] | None = None) -> None:
        """Send one SMS (see ``Driver.send``)."""
        if meanwhile is not None:
            meanwhile()
        body = {"to": message.to, "text": message.body}
        if self.config.sender:
            body["from"] = self.config.sender
        try:
            answer = self._client.post(
                self.config.url,
                json=body,
                headers={
                    "Authorization": f"Bearer {self.config.token}",
                    "Idempotency-Key": message.message_id,
                },
            )
        except httpx.HTTPError as exc:
            raise DeliveryError(
                scrub(f"cannot reach the SMS gateway: {type(exc).__name__}", message.to)
            ) from exc
        if answer.is_success:
            return
        said = scrub(answer.text[:200].strip(), message.to)
        permanent = not (answer.status_code >= 500 or answer.status_code in _RETRY)
        raise DeliveryError(
            f"the SMS gateway answered {answer.status_code}" + (f": {said}" if said else ""),
            permanent=permanent,
        )

    def close(self) -> None:
        """Close the gateway's connections."""
        self._client.close()
