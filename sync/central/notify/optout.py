"""The opt-out link of an e-mail: ``{public_url}/stop/{token}``, one token per message.

The token is the message id and an HMAC of it under the store's own secret, so it
names one message (and through it one journey), cannot be made up, and holds no
personal data. Opening it asks to confirm; confirming withdraws the ``contact``
consent (``sync/central/web/pages/stop.py``).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Final

SECRET_NAME: Final = "notify-stop"
"""The name of the store's secret the tokens are signed with."""
_TOKEN: Final = re.compile(r"[0-9a-f]{64}")


def stop_token(secret: str, message_id: str) -> str:
    """The opt-out token of one message (64 hex characters)."""
    mac = hmac.new(secret.encode(), f"stop:{message_id}".encode(), hashlib.sha256).hexdigest()
    return f"{message_id}{mac[:32]}"


def message_of(secret: str, token: str) -> str | None:
    """The message id an opt-out token names, or None for a token not ours."""
    if not _TOKEN.fullmatch(token):
        return None
    message_id = token[:32]
    return message_id if hmac.compare_digest(stop_token(secret, message_id), token) else None
