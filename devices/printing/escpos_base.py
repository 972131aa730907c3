"""``EscposReceiptPrinter``: the base of the drivers that sit on python-escpos.

Every such driver lays the receipt out and renders it with
``devices.printing.receipt``, so they all send the same bytes; a subclass only
says how to build its python-escpos printer object.

python-escpos's ``paper_status()`` reports "paper adequate" when the printer
does not answer, which would hide a dead printer, so the status bytes are read
here with ``query_status`` and an empty answer is a timeout.

Each receipt opens its own connection and closes it: a port-9100 printer serves
one client at a time, and a printer switched off and on needs no reconnect.

``escpos.printer`` is imported by the drivers that use it, not here:
``escpos.printer`` parses python-escpos's printer profiles (a fifth of a second)
on import, which the app would otherwise pay at every start even with the
preview printer.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any

from escpos.constants import RT_STATUS, RT_STATUS_ONLINE, RT_STATUS_PAPER
from escpos.exceptions import DeviceNotFoundError
from escpos.exceptions import Error as EscposError

from devices.printing.errors import PrinterError, PrinterTimeout, PrinterUnreachable
from devices.printing.protocol import ERROR_FOR_STATE, OFFLINE, PrinterState, state_from_status
from devices.printing.receipt import COLUMNS, Columns, Receipt, layout_receipt, render_escpos


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
        cause = self._ask(driver, RT_STATUS + b"\x02") if printer_status & OFFLINE else None
        return state_from_status(printer_status, cause, self._ask(driver, RT_STATUS_PAPER))

    def print_receipt(self, receipt: Receipt) -> None:
        """Print one receipt; see ``ReceiptPrinter.print_receipt``."""
        layout = layout_receipt(receipt, self.columns)
        with self._lock:
            try:
                driver = self._open()
                if self.can_answer_status:
                    state = self._read_state(driver)
                    if state in ERROR_FOR_STATE:
                        raise ERROR_FOR_STATE[state](self.name)
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
