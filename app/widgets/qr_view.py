"""The handoff QR code drawn with half blocks, dark on light so phones read it off the screen.

It is drawn whole, with the 4-module quiet zone phones need, or not at all: when
the room it is given is too small, it says so (``too_small``) and the screen
offers a full-screen view of it instead of a cut code that does not decode.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Static

from devices import qr

QUIET_ZONE = 4
"""Light modules around the code (ISO/IEC 18004 asks for 4)."""


class QrView(Static):
    """Shows a QR code for ``url`` (or nothing when None).

    Args:
        too_small: What to show instead of a code that the room cannot hold whole.
    """

    DEFAULT_CLASSES = "qr"

    def __init__(self, *, too_small: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.too_small = too_small
        self.lines: list[str] = []
        self.room: Size | None = None
        """The cells the code may take (None: as many as it needs)."""

    def show(self, url: str | None) -> None:
        """Draw the code of ``url``."""
        self.lines = [] if url is None else qr.terminal_lines(url, border=QUIET_ZONE)
        self._draw()

    def fit(self, room: Size | None) -> None:
        """Give the code ``room`` cells at most; a code that does not fit is not drawn."""
        self.room = room
        self._draw()

    @property
    def fits(self) -> bool:
        """Whether the code is drawn whole in the room given."""
        if not self.lines or self.room is None:
            return True
        return len(self.lines) <= self.room.height and len(self.lines[0]) <= self.room.width

    def _draw(self) -> None:
        self.set_class(not self.fits, "qr-too-small")
        self.update("\n".join(self.lines) if self.fits else self.too_small)
