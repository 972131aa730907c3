"""Handoff links, once for every channel: the token, its hash, the link, and what a link says.

The device that issues a handoff makes the token from at least 128 random bits
(the caller draws them, so this module stays pure) and records only its hash
(DESIGN.md, "Handoff"); the token itself lives on the receipt, the screen and the
print queue until the receipt is out. The counter, the kiosk, the central store's
citizen pages, the local store's migrations and the central store's own secrets
(device tokens, enrolment codes) all hash with ``token_hash``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from typing import Final, Literal

from sync.domain.fold import Handoff, JourneyState

TOKEN_BYTES: Final = 24
"""Bytes of randomness in a token: 192 bits, 32 URL-safe characters."""
MIN_TOKEN_BYTES: Final = 16
"""Fewer random bytes than this (128 bits) do not make a token."""
EXPIRY_DAYS: Final = 30
"""Days a handoff link stays valid."""

HandoffState = Literal["live", "revoked", "expired", "redeemed", "unknown"]
"""What a token is worth on a journey: only ``live`` lets a citizen in."""

_TOKEN: Final = r"[A-Za-z0-9_-]{16,128}"
_LINK: Final = re.compile(rf"^\s*https?://[^\s/]+(?:/[^\s]*)?/c/({_TOKEN})\s*$")
_BARE_TOKEN: Final = re.compile(rf"^{_TOKEN}$")


def token_from_bytes(random_bytes: bytes) -> str:
    """The URL-safe token for these random bytes (``secrets.token_bytes(TOKEN_BYTES)``).

    Raises:
        ValueError: fewer than ``MIN_TOKEN_BYTES`` bytes.
    """
    if len(random_bytes) < MIN_TOKEN_BYTES:
        raise ValueError(f"a token needs at least {MIN_TOKEN_BYTES} random bytes")
    return base64.urlsafe_b64encode(random_bytes).rstrip(b"=").decode("ascii")


def token_hash(token: str) -> str:
    """The SHA-256 hex of a token (or any secret): all that a store keeps of it."""
    return hashlib.sha256(token.encode()).hexdigest()


def handoff_id_for(token_hash_hex: str) -> str:
    """The id of the handoff whose token has this hash (``h-`` and 16 hex digits)."""
    return "h-" + token_hash_hex[:16]


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


def is_token(text: str) -> bool:
    """Whether ``text`` has the shape of a token (the path part of ``/c/{token}``)."""
    return bool(_BARE_TOKEN.match(text))


def expiry(issued_at: dt.datetime, days: int = EXPIRY_DAYS) -> str:
    """When a handoff issued at ``issued_at`` (aware) expires, as UTC ``...Z`` seconds."""
    return _utc_text(issued_at + dt.timedelta(days=days))


def handoff_for(state: JourneyState, token_hash_hex: str) -> Handoff | None:
    """The journey's handoff issued for this token hash, if any."""
    for handoff in state.handoffs.values():
        if handoff.token_hash == token_hash_hex:
            return handoff
    return None


def handoff_state(state: JourneyState, token_hash_hex: str, now: dt.datetime) -> HandoffState:
    """What a token is worth on this journey at ``now`` (aware).

    A redeemed handoff is reported as such; whether a redeemed link may still be
    used (the citizen's own device coming back) is the caller's decision.
    """
    return state_of(handoff_for(state, token_hash_hex), now)


def state_of(handoff: Handoff | None, now: dt.datetime) -> HandoffState:
    """What one handoff of a journey is worth at ``now`` (aware); None is ``unknown``."""
    if handoff is None:
        return "unknown"
    if handoff.revoked:
        return "revoked"
    if handoff.expires < _utc_text(now):
        return "expired"
    if handoff.redeemed:
        return "redeemed"
    return "live"


def _utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def superseded_by_new(state: JourneyState) -> list[str]:
    """The handoffs a new one of the journey revokes: every one not yet revoked, oldest
    first, redeemed and expired ones included (DESIGN.md: a reprint revokes the old one).

    Not only the newest: two links can be live at once when two machines issued one
    before either synced, and a reprint must leave the journey one live link.
    """
    kept = [h for h in state.handoffs.values() if not h.revoked]
    return [h.handoff_id for h in sorted(kept, key=lambda h: h.issued_hlc)]
