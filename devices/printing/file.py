"""``FileReceiptPrinter``: each receipt's raw ESC/POS bytes written to a file or device file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from devices.printing.escpos_base import EscposReceiptPrinter
from devices.printing.protocol import PrinterState
from devices.printing.receipt import Columns


class FileReceiptPrinter(EscposReceiptPrinter):
    """Writes each receipt's raw ESC/POS bytes to a file (replacing it), or to a
    device file such as ``/dev/usb/lp0``. It cannot answer status queries."""

    can_answer_status = False

    def __init__(
        self,
        path: str | Path,
        *,
        columns: Columns = 42,
        native_qr: bool = False,
        codepage: str | None = None,
        profile: str | None = None,
    ) -> None:
        """Set the file; nothing is opened yet.

        Args:
            path: Where to write the bytes.
            columns: The printer width in characters.
            native_qr: Let the printer draw the QR code.
            codepage: Pin one code page.
            profile: A python-escpos printer profile.
        """
        self.path = Path(path)
        super().__init__(
            f"file printer {self.path}",
            columns=columns,
            native_qr=native_qr,
            codepage=codepage,
            profile=profile,
        )

    def _driver(self) -> Any:
        from escpos.printer import File

        return File(str(self.path), **self._escpos_args())

    def status(self) -> PrinterState:
        """Return ``ready`` if the file can be written, else ``unreachable``."""
        target = self.path if self.path.exists() else self.path.parent
        return "ready" if os.access(target, os.W_OK) else "unreachable"
