"""``UsbReceiptPrinter``: a printer on USB, through pyusb, with pyusb's faults in plain words."""

from __future__ import annotations

import errno
import importlib
from typing import Any

from escpos.exceptions import DeviceNotFoundError

from devices.printing.errors import PrinterError, PrinterTimeout, PrinterUnreachable
from devices.printing.escpos_base import EscposReceiptPrinter
from devices.printing.receipt import Columns


class UsbReceiptPrinter(EscposReceiptPrinter):
    """A printer on USB, found by its vendor and product ids (needs pyusb)."""

    def __init__(
        self,
        vendor_id: int,
        product_id: int,
        *,
        timeout: float = 5.0,
        in_ep: int = 0x82,
        out_ep: int = 0x01,
        columns: Columns = 42,
        native_qr: bool = False,
        codepage: str | None = None,
        profile: str | None = None,
    ) -> None:
        """Set which USB device to use; nothing is opened yet.

        Args:
            vendor_id: USB vendor id, e.g. ``0x04B8`` (Epson).
            product_id: USB product id, e.g. ``0x0202``.
            timeout: Seconds to wait for each USB transfer.
            in_ep: The printer's IN endpoint (status answers).
            out_ep: The printer's OUT endpoint.
            columns: The printer width in characters.
            native_qr: Let the printer draw the QR code.
            codepage: Pin one code page.
            profile: A python-escpos printer profile.
        """
        self.vendor_id, self.product_id, self.timeout = vendor_id, product_id, timeout
        self.in_ep, self.out_ep = in_ep, out_ep
        super().__init__(
            f"USB printer {vendor_id:04x}:{product_id:04x}",
            columns=columns,
            native_qr=native_qr,
            codepage=codepage,
            profile=profile,
        )

    def _driver(self) -> Any:
        from escpos.printer import Usb

        if not Usb.is_usable():
            # Without pyusb, Usb.close() raises from __del__; never build one.
            raise RuntimeError("Printing with a USB connection requires pyusb")
        return Usb(
            self.vendor_id,
            self.product_id,
            timeout=int(self.timeout * 1000),  # pyusb counts milliseconds
            in_ep=self.in_ep,
            out_ep=self.out_ep,
            **self._escpos_args(),
        )

    def _translate(self, exc: BaseException) -> PrinterError | None:
        try:
            usb_core = importlib.import_module("usb.core")
        except ImportError:
            return super()._translate(exc)
        # python-escpos wraps pyusb's errors in DeviceNotFoundError; look at what it caught.
        cause = (exc.__cause__ or exc.__context__) if isinstance(exc, DeviceNotFoundError) else exc
        ids = f"vendor id {self.vendor_id:04x}, product id {self.product_id:04x}"
        if isinstance(cause, usb_core.NoBackendError):
            return PrinterUnreachable(
                self.name,
                f"The {self.name} ({ids}) cannot be used: libusb is not installed on this machine.",
            )
        if isinstance(cause, usb_core.USBTimeoutError):
            return PrinterTimeout(self.name)
        if isinstance(cause, usb_core.USBError) and cause.errno == errno.EACCES:
            return PrinterUnreachable(
                self.name,
                f"The {self.name} ({ids}) is plugged in, but this user may not use it. "
                "Add a udev rule for it (see docs/printing.md); the receipt will print then.",
            )
        if isinstance(exc, DeviceNotFoundError) and not isinstance(cause, usb_core.USBError):
            return PrinterUnreachable(
                self.name,
                f"No USB printer with {ids} is connected. Check that it is plugged in and "
                "switched on, and that lsusb lists "
                f"{self.vendor_id:04x}:{self.product_id:04x}; "
                "the receipt will print when it is back.",
            )
        if isinstance(cause, usb_core.USBError):
            return PrinterUnreachable(self.name)
        return super()._translate(exc)
