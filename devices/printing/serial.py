"""``SerialReceiptPrinter``: a printer on a serial port, through pyserial."""

from __future__ import annotations

import os
from typing import Any

from escpos.exceptions import DeviceNotFoundError

from devices.printing.errors import PrinterError, PrinterTimeout, PrinterUnreachable
from devices.printing.escpos_base import EscposReceiptPrinter
from devices.printing.receipt import Columns


class SerialReceiptPrinter(EscposReceiptPrinter):
    """A printer on a serial port (needs pyserial)."""

    def __init__(
        self,
        device: str,
        baudrate: int = 9600,
        *,
        timeout: float = 5.0,
        columns: Columns = 42,
        native_qr: bool = False,
        codepage: str | None = None,
        profile: str | None = None,
    ) -> None:
        """Set the serial port; nothing is opened yet.

        Args:
            device: The port, e.g. ``/dev/ttyS0`` or ``/dev/ttyUSB0``.
            baudrate: Its speed, as set on the printer.
            timeout: Seconds to wait for each read or write.
            columns: The printer width in characters.
            native_qr: Let the printer draw the QR code.
            codepage: Pin one code page.
            profile: A python-escpos printer profile.
        """
        self.device, self.baudrate, self.timeout = device, baudrate, timeout
        super().__init__(
            f"serial printer {device}",
            columns=columns,
            native_qr=native_qr,
            codepage=codepage,
            profile=profile,
        )

    def _driver(self) -> Any:
        from escpos.printer import Serial

        if not Serial.is_usable():
            # Serial() itself needs pyserial's constants before open() can say so.
            raise RuntimeError("Printing with a serial connection requires pyserial")
        return Serial(self.device, self.baudrate, timeout=self.timeout, **self._escpos_args())

    def _ask(self, driver: Any, request: bytes) -> int:
        # python-escpos reads 16 bytes, and pyserial waits the whole timeout for
        # them; the answer is one byte, so read one and go on as soon as it comes.
        driver.device.reset_input_buffer()
        driver._raw(request)
        answer = bytes(driver.device.read(1))
        if not answer:
            raise PrinterTimeout(self.name)
        return answer[0]

    def _translate(self, exc: BaseException) -> PrinterError | None:
        if type(exc).__name__ == "SerialTimeoutException":
            return PrinterTimeout(self.name)
        if isinstance(exc, DeviceNotFoundError) and not os.path.exists(self.device):
            return PrinterUnreachable(
                self.name,
                f"The serial port {self.device} does not exist. Check the printer's cable "
                "and the device set in [printer]; the receipt will print when it is back.",
            )
        if isinstance(exc, DeviceNotFoundError) and not os.access(self.device, os.R_OK | os.W_OK):
            return PrinterUnreachable(
                self.name,
                f"This user may not open the serial port {self.device}. Add it to the "
                "group that owns the port (usually dialout); the receipt will print then.",
            )
        return super()._translate(exc)
