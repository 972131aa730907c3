"""Handoff links: making a token, hashing it, and recognising a scanned link.

The device makes the token (at least 128 bits from ``secrets``) and records only
its SHA-256 (DESIGN.md, "Handoff"); the token itself lives on the receipt, the
screen, and the print queue until the receipt is out.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from typing import Final

TOKEN_BYTES: Final = 24
"""Bytes of randomness in a token: 192 bits, 32 URL-safe characters."""
EXPIRY_DAYS: Final = 30
"""Days a handoff link stays valid."""

TokenFactory = Callable[[], str]
"""Makes a new token; tests pass a fixed one."""

_LINK: Final = re.compile(r"^\s*https?://[^\s/]+(?:/[^\s]*)?/c/([A-Za-z0-9_-]{16,128})\s*$")


def new_token() -> str:
    """A fresh handoff token (``secrets.token_urlsafe(24)``)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """The SHA-256 hex of a token: all the journey's log keeps of it."""
    return hashlib.sha256(token.encode()).hexdigest()


def handoff_url(public_url: str, token: str) -> str:
    """The link printed and shown: ``{public_url}/c/{token}``."""
    return f"{public_url.rstrip('/')}/c/{token}"


def token_from_link(text: str) -> str | None:
    """The token of a scanned or typed handoff link, or None if ``text`` is not one.

    Any host is accepted: a receipt printed by another site carries its own
    public URL, and the token alone identifies the journey.
    """
    match = _LINK.match(text)
    return match.group(1) if match else None
