"""``NetworkReceiptPrinter``: a printer taking raw ESC/POS on a TCP port."""

from __future__ import annotations

import socket
from typing import Any

from devices.printing.escpos_base import EscposReceiptPrinter
from devices.printing.receipt import Columns


class NetworkReceiptPrinter(EscposReceiptPrinter):
    """An Ethernet or Wi-Fi printer taking raw ESC/POS on a TCP port (usually 9100)."""

    def __init__(
        self,
        host: str,
        port: int = 9100,
        *,
        timeout: float = 5.0,
        columns: Columns = 42,
        native_qr: bool = False,
        codepage: str | None = None,
        profile: str | None = None,
    ) -> None:
        """Set the printer's address; nothing is opened yet.

        Args:
            host: The printer's host name or IP address.
            port: The raw printing port.
            timeout: Seconds to wait to connect, to send and for each status answer.
            columns: The printer width in characters.
            native_qr: Let the printer draw the QR code.
            codepage: Pin one code page.
            profile: A python-escpos printer profile.
        """
        self.host, self.port, self.timeout = host, port, timeout
        super().__init__(
            f"network printer {host}:{port}",
            columns=columns,
            native_qr=native_qr,
            codepage=codepage,
            profile=profile,
        )

    def _driver(self) -> Any:
        from escpos.printer import Network

        return Network(self.host, self.port, self.timeout, **self._escpos_args())

    def _connect(self, driver: Any) -> None:
        # python-escpos 3.1's Network.open() drops the socket unclosed when the
        # connection fails; connect here and hand it the open socket instead.
        driver.device = socket.create_connection((self.host, self.port), timeout=self.timeout)
