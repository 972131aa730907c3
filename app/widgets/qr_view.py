"""The handoff QR code drawn with half blocks, dark on light so phones read it off the screen."""

from __future__ import annotations

from textual.widgets import Static

from devices import qr


class QrView(Static):
    """Shows a QR code for ``url`` (or nothing when None)."""

    DEFAULT_CLASSES = "qr"

    def show(self, url: str | None) -> None:
        """Draw the code of ``url``."""
        self.update("" if url is None else "\n".join(qr.terminal_lines(url, border=2)))
