"""Receipt printers: the ``ReceiptPrinter`` protocol and its drivers.

Real drivers sit on python-escpos (network, USB, serial, file); all of them lay
the receipt out and render it with ``devices.printing.receipt``, so they send
the same bytes. ``PreviewReceiptPrinter`` draws PNG pictures for the demo and
the README; ``SimulatedReceiptPrinter`` keeps receipts in memory and fails on
demand. ``make_printer`` builds any of them from plain arguments.

Before a network, serial or USB printer prints, it is asked for its real-time
status (``DLE EOT n``): n=1 printer status (bit 3: offline), n=2 offline cause
(bit 2: cover open, bit 5: stopped at paper end, bit 6: error), n=4 roll paper
sensor (bits 2-3: near end, bits 5-6: paper end). python-escpos's
``paper_status()`` reports "paper adequate" when the printer does not answer,
which would hide a dead printer, so the bytes are read here with
``query_status`` and an empty answer is a timeout.

Each receipt opens its own connection and closes it: a port-9100 printer serves
one client at a time, and a printer switched off and on needs no reconnect.

``escpos.printer`` is imported by the drivers that use it, and Pillow by the
preview printer when it draws, not here: ``escpos.printer`` parses
python-escpos's printer profiles (a fifth of a second) on import, which the app
would otherwise pay at every start even with the preview printer.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import socket
import threading
from pathlib import Path
from typing import Any, Final, Literal, Protocol, runtime_checkable

from escpos.constants import RT_STATUS, RT_STATUS_ONLINE, RT_STATUS_PAPER
from escpos.exceptions import DeviceNotFoundError
from escpos.exceptions import Error as EscposError

from devices.printing.errors import (
    CoverOpen,
    PaperOut,
    PrinterError,
    PrinterTimeout,
    PrinterUnreachable,
)
from devices.printing.receipt import (
    COLUMNS,
    Columns,
    Receipt,
    layout_receipt,
    render_escpos,
)

PrinterState = Literal[
    "ready", "paper_low", "paper_out", "cover_open", "error", "unreachable", "timeout"
]
"""What ``ReceiptPrinter.status`` reports; ``paper_low`` still prints."""

DriverKind = Literal["network", "usb", "serial", "file", "preview", "simulated"]
"""The drivers ``make_printer`` builds."""

_OFFLINE: Final = 0x08  # DLE EOT 1, bit 3
_COVER_OPEN: Final = 0x04  # DLE EOT 2, bit 2
_STOPPED_PAPER_END: Final = 0x20  # DLE EOT 2, bit 5
_PAPER_END: Final = 0x60  # DLE EOT 4, bits 5 and 6
_PAPER_NEAR_END: Final = 0x0C  # DLE EOT 4, bits 2 and 3


@runtime_checkable
class ReceiptPrinter(Protocol):
    """A receipt printer. Every method blocks: call it from a worker thread.

    Attributes:
        name: How the mediator knows the printer, e.g. ``network printer 10.0.0.7:9100``.
        columns: The printer's width in characters (32, 42 or 48).
    """

    name: str
    columns: Columns

    def print_receipt(self, receipt: Receipt) -> None:
        """Print one receipt, with its cut.

        Blocks for the status query and the transfer (a few seconds at most,
        bounded by the driver's timeout).

        Raises:
            PaperOut: The paper roll is empty; nothing was printed.
            CoverOpen: The cover is open; nothing was printed.
            PrinterUnreachable: No connection to the printer.
            PrinterTimeout: The printer did not answer in time.
            PrinterError: Any other fault the printer reports.
        """
        ...

    def status(self) -> PrinterState:
        """Ask the printer how it is, without printing.

        Blocks like ``print_receipt``'s status query. Never raises a
        ``PrinterError``: faults come back as states.
        """
        ...

    def close(self) -> None:
        """Release the printer. Does not block; safe to call twice."""
        ...


def state_from_status(printer_status: int, offline_cause: int | None, paper: int) -> PrinterState:
    """Return the printer's state from its ``DLE EOT`` answers.

    Args:
        printer_status: The byte answered to ``DLE EOT 1``.
        offline_cause: The byte answered to ``DLE EOT 2``; ``None`` if not asked
            (it is asked only when the printer is offline).
        paper: The byte answered to ``DLE EOT 4``.
    """
    if offline_cause is not None and offline_cause & _COVER_OPEN:
        return "cover_open"
    if paper & _PAPER_END or (offline_cause is not None and offline_cause & _STOPPED_PAPER_END):
        return "paper_out"
    if printer_status & _OFFLINE:
        return "error"
    if paper & _PAPER_NEAR_END:
        return "paper_low"
    return "ready"


_RAISE_FOR: Final[dict[PrinterState, type[PrinterError]]] = {
    "paper_out": PaperOut,
    "cover_open": CoverOpen,
    "error": PrinterError,
}


class EscposReceiptPrinter:
    """A receipt printer over one python-escpos driver (base of the real drivers).

    Subclasses say how to build the driver (``_driver``) and whether the
    printer can answer status queries (``can_answer_status``).
    """

    can_answer_status: bool = True

    def __init__(
        self,
        name: str,
        *,
        columns: Columns = 42,
        native_qr: bool = False,
        codepage: str | None = None,
        profile: str | None = None,
    ) -> None:
        """Check the settings; nothing is opened yet.

        Args:
            name: How the mediator knows the printer.
            columns: The printer width in characters: 32, 42 or 48.
            native_qr: Let the printer draw the QR code (``GS ( k``) instead of
                sending it as a raster image.
            codepage: Pin one code page (``"CP858"``) instead of letting
                python-escpos switch per character.
            profile: A python-escpos printer profile (``"TM-T88V"``); it lists
                the code pages the printer has.

        Raises:
            ValueError: An unknown width, profile or code page.
        """
        if columns not in COLUMNS:
            raise ValueError(f"columns must be one of {COLUMNS}, not {columns!r}")
        self.name = name
        self.columns: Columns = columns
        self.native_qr = native_qr
        self.codepage = codepage
        self.profile = profile
        self._lock = threading.Lock()
        self._current: Any = None
        try:
            probe = self._driver()
            if codepage is not None:
                probe.magic.encoder.get_encoding_name(codepage)
        except (KeyError, ValueError, EscposError) as exc:
            raise ValueError(f"{name}: bad profile or code page: {exc}") from exc
        except RuntimeError:
            pass  # a missing pyusb/pyserial is reported as unreachable when printing

    def _driver(self) -> Any:
        """Return a new, unopened python-escpos printer object."""
        raise NotImplementedError

    def _escpos_args(self) -> dict[str, Any]:
        return {"profile": self.profile}

    def _open(self) -> Any:
        driver = self._driver()
        self._current = driver
        self._connect(driver)
        return driver

    def _connect(self, driver: Any) -> None:
        driver.open()

    def _release(self) -> None:
        driver, self._current = self._current, None
        if driver is not None:
            # Closing a dead connection fails; there is nothing left to release.
            with contextlib.suppress(OSError, EscposError, RuntimeError):
                driver.close()

    def _translate(self, exc: BaseException) -> PrinterError | None:
        """Return the typed error for a driver exception, ``None`` if not a printer fault."""
        if isinstance(exc, PrinterError):
            return exc
        if isinstance(exc, TimeoutError):
            return PrinterTimeout(self.name)
        if isinstance(exc, DeviceNotFoundError | OSError):
            return PrinterUnreachable(self.name)
        if isinstance(exc, RuntimeError) and "requires" in str(exc):
            return PrinterUnreachable(
                self.name, f"The {self.name} cannot be used: its driver library is missing."
            )
        if isinstance(exc, EscposError):
            return PrinterError(self.name, f"The {self.name} refused the receipt: {exc}")
        return None

    def _ask(self, driver: Any, request: bytes) -> int:
        answer = bytes(driver.query_status(request))
        if not answer:
            raise PrinterTimeout(self.name)
        return answer[0]

    def _read_state(self, driver: Any) -> PrinterState:
        printer_status = self._ask(driver, RT_STATUS_ONLINE)
        cause = self._ask(driver, RT_STATUS + b"\x02") if printer_status & _OFFLINE else None
        return state_from_status(printer_status, cause, self._ask(driver, RT_STATUS_PAPER))

    def print_receipt(self, receipt: Receipt) -> None:
        """Print one receipt; see ``ReceiptPrinter.print_receipt``."""
        layout = layout_receipt(receipt, self.columns)
        with self._lock:
            try:
                driver = self._open()
                if self.can_answer_status:
                    state = self._read_state(driver)
                    if state in _RAISE_FOR:
                        raise _RAISE_FOR[state](self.name)
                render_escpos(layout, driver, native_qr=self.native_qr, codepage=self.codepage)
            except Exception as exc:
                error = self._translate(exc)
                if error is None or error is exc:
                    raise
                raise error from exc
            finally:
                self._release()

    def status(self) -> PrinterState:
        """Ask the printer how it is; see ``ReceiptPrinter.status``."""
        with self._lock:
            try:
                driver = self._open()
                return self._read_state(driver) if self.can_answer_status else "ready"
            except Exception as exc:
                error = self._translate(exc)
                if error is None:
                    raise
                if isinstance(error, PrinterTimeout):
                    return "timeout"
                if isinstance(error, PrinterUnreachable):
                    return "unreachable"
                return "error"
            finally:
                self._release()

    def close(self) -> None:
        """Release the printer; see ``ReceiptPrinter.close``."""
        self._release()


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


class PreviewReceiptPrinter:
    """Draws each receipt as a PNG picture plus a ``.txt`` of its lines, in a folder."""

    def __init__(self, folder: str | Path, *, columns: Columns = 42) -> None:
        """Set the folder (created when the first receipt is drawn).

        Args:
            folder: Where ``receipt-<ref>.png`` and ``receipt-<ref>.txt`` go.
            columns: The width of the paper drawn, in characters.

        Raises:
            ValueError: An unknown width.
        """
        if columns not in COLUMNS:
            raise ValueError(f"columns must be one of {COLUMNS}, not {columns!r}")
        self.folder = Path(folder)
        self.columns: Columns = columns
        self.name = f"preview printer {self.folder}"
        self.last_paths: tuple[Path, Path] | None = None

    def print_receipt(self, receipt: Receipt) -> None:
        """Write the receipt's PNG and text files, replacing earlier ones.

        Raises:
            PrinterUnreachable: The folder cannot be written.
        """
        from devices.printing.picture import render_png  # Pillow, only when drawing

        layout = layout_receipt(receipt, self.columns)
        png = self.folder / f"receipt-{receipt.journey_ref}.png"
        txt = png.with_suffix(".txt")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            render_png(layout).save(png, format="PNG")
            txt.write_text("\n".join(layout.visual_lines()) + "\n", encoding="utf-8")
        except OSError as exc:
            raise PrinterUnreachable(self.name) from exc
        self.last_paths = (png, txt)

    def status(self) -> PrinterState:
        """Return ``ready``; the folder is created when needed."""
        return "ready"

    def close(self) -> None:
        """Nothing to release."""


class SimulatedReceiptPrinter:
    """Keeps printed receipts in memory; set ``state`` to make it fail.

    For the demo and tests: with ``state = "paper_out"`` it raises ``PaperOut``,
    and so on, until the state is ``"ready"`` again.
    """

    def __init__(self, *, columns: Columns = 42, name: str = "simulated printer") -> None:
        """Start ready and empty.

        Args:
            columns: The printer width in characters.
            name: How the mediator knows the printer.
        """
        self.name = name
        self.columns: Columns = columns
        self.state: PrinterState = "ready"
        self.printed: list[Receipt] = []
        self.lines: list[list[str]] = []

    def print_receipt(self, receipt: Receipt) -> None:
        """Keep the receipt, or raise the error of the simulated fault."""
        error = _ERROR_FOR_STATE.get(self.state)
        if error is not None:
            raise error(self.name)
        self.lines.append(layout_receipt(receipt, self.columns).text_lines())
        self.printed.append(receipt)

    def status(self) -> PrinterState:
        """Return the simulated state."""
        return self.state

    def close(self) -> None:
        """Nothing to release."""


_ERROR_FOR_STATE: Final[dict[PrinterState, type[PrinterError]]] = {
    **_RAISE_FOR,
    "unreachable": PrinterUnreachable,
    "timeout": PrinterTimeout,
}


def make_printer(
    driver: DriverKind,
    *,
    columns: Columns = 42,
    native_qr: bool = False,
    codepage: str | None = None,
    profile: str | None = None,
    host: str = "",
    port: int = 9100,
    timeout: float = 5.0,
    vendor_id: int = 0,
    product_id: int = 0,
    device: str = "",
    baudrate: int = 9600,
    path: str | Path = "",
) -> ReceiptPrinter:
    """Build a receipt printer from plain arguments (as ``[printer]`` in kiosk.toml).

    Args:
        driver: ``network`` (host, port, timeout), ``usb`` (vendor_id,
            product_id, timeout), ``serial`` (device, baudrate, timeout),
            ``file`` (path: raw ESC/POS bytes), ``preview`` (path: a folder of
            PNG pictures), ``simulated`` (in memory).
        columns: The printer width in characters: 32, 42 or 48.
        native_qr: Let the printer draw the QR code (escpos drivers only).
        codepage: Pin one code page (escpos drivers only).
        profile: A python-escpos printer profile (escpos drivers only).
        host: Network printer's host name or address.
        port: Network printer's raw port.
        timeout: Seconds to wait for the printer (network, usb, serial).
        vendor_id: USB vendor id.
        product_id: USB product id.
        device: Serial port.
        baudrate: Serial speed.
        path: File to write (``file``) or folder of pictures (``preview``).

    Raises:
        ValueError: The argument a driver needs is missing, or one is invalid.
    """
    if driver == "network":
        if not host:
            raise ValueError("the network printer needs a host")
        return NetworkReceiptPrinter(
            host,
            port,
            timeout=timeout,
            columns=columns,
            native_qr=native_qr,
            codepage=codepage,
            profile=profile,
        )
    if driver == "usb":
        if not (vendor_id and product_id):
            raise ValueError("the USB printer needs vendor_id and product_id")
        return UsbReceiptPrinter(
            vendor_id,
            product_id,
            timeout=timeout,
            columns=columns,
            native_qr=native_qr,
            codepage=codepage,
            profile=profile,
        )
    if driver == "serial":
        if not device:
            raise ValueError("the serial printer needs a device, e.g. /dev/ttyS0")
        return SerialReceiptPrinter(
            device,
            baudrate,
            timeout=timeout,
            columns=columns,
            native_qr=native_qr,
            codepage=codepage,
            profile=profile,
        )
    if driver == "file":
        if not str(path):
            raise ValueError("the file printer needs a path")
        return FileReceiptPrinter(
            path, columns=columns, native_qr=native_qr, codepage=codepage, profile=profile
        )
    if driver == "preview":
        if not str(path):
            raise ValueError("the preview printer needs a folder path")
        return PreviewReceiptPrinter(path, columns=columns)
    if driver == "simulated":
        return SimulatedReceiptPrinter(columns=columns)
    raise ValueError(f"unknown printer driver {driver!r}")
