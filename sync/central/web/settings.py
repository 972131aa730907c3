"""What the citizen's pages need to know besides the store: the catalogue, their public
address, where uploads go and what they may be."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Final

from sync.catalogue.model import Catalogue

UPLOAD_TYPES: Final = ("pdf", "jpeg", "png")
"""The kinds of file a citizen may upload unless configured otherwise."""
UPLOAD_MAX_BYTES: Final = 10 * 1024 * 1024
"""The largest upload unless configured otherwise."""


@dataclass(frozen=True)
class WebSettings:
    """The citizen's pages of one central store.

    Attributes:
        catalogue: Where the services, steps and fields come from (a callable, so
            that a store that serves no page never reads it).
        public_url: The address printed on receipts (``{public_url}/c/{token}``);
            cookies are ``Secure`` when it is https.
        documents: The folder uploads are stored in, each under a random name.
        upload_max_bytes: The largest upload accepted.
        upload_types: The kinds accepted, by content: ``pdf``, ``jpeg``, ``png``.
        operator: Who runs the network, as the accessibility statement names them.
        accessibility_contact: Where to write about accessibility (an address or URL).
        today: The local date (tests pass a fixed one).
    """

    catalogue: Callable[[], Catalogue]
    public_url: str
    documents: Path
    upload_max_bytes: int = UPLOAD_MAX_BYTES
    upload_types: tuple[str, ...] = UPLOAD_TYPES
    operator: str = "Counterpart"
    accessibility_contact: str = ""
    today: Callable[[], date] = field(default=date.today)

    @property
    def secure_cookies(self) -> bool:
        """Whether cookies carry ``Secure`` (served over https)."""
        return self.public_url.startswith("https://")
