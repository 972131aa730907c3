"""Errors a receipt printer raises, each with a message a mediator understands.

- ``PrinterError(DeviceError)``: base; the printer failed or reported a fault
  that none of the subclasses names (an offline printer, a cutter error).

  - ``PaperOut``: the paper roll is empty.
  - ``CoverOpen``: the printer's cover is open.
  - ``PrinterUnreachable``: no connection (switched off, unplugged, wrong address).
  - ``PrinterTimeout``: connected, but the printer did not answer in time.

Every error carries the ``printer`` name it is about. The receipt that could not
be printed stays in the print queue (``devices.printing.queue``); the journey is
never affected.
"""

from __future__ import annotations

from devices.errors import DeviceError


class PrinterError(DeviceError):
    """The receipt printer failed; the receipt waits in the print queue."""

    title = "Printer problem"

    def __init__(self, printer: str, message: str | None = None) -> None:
        self.printer = printer
        super().__init__(message or self.describe(printer))

    @staticmethod
    def describe(printer: str) -> str:
        """Return the plain message used when none is given.

        Args:
            printer: The printer's name, e.g. ``"network printer 10.0.0.5:9100"``.
        """
        return f"The {printer} reports a problem. Check its lights and display."


class PaperOut(PrinterError):
    """The printer has no paper."""

    title = "Printer out of paper"

    @staticmethod
    def describe(printer: str) -> str:
        """Return the plain message for an empty paper roll."""
        return f"The {printer} is out of paper. Put in a new roll; the receipt will print."


class CoverOpen(PrinterError):
    """The printer's cover is open."""

    title = "Printer cover open"

    @staticmethod
    def describe(printer: str) -> str:
        """Return the plain message for an open cover."""
        return f"The cover of the {printer} is open. Close it; the receipt will print."


class PrinterUnreachable(PrinterError):
    """No connection could be made to the printer."""

    title = "Printer not reachable"

    @staticmethod
    def describe(printer: str) -> str:
        """Return the plain message for a printer that cannot be reached."""
        return (
            f"The {printer} cannot be reached. Check that it is switched on and "
            "connected; the receipt will print when it is back."
        )


class PrinterTimeout(PrinterError):
    """The printer was connected but did not answer in time."""

    title = "Printer not answering"

    @staticmethod
    def describe(printer: str) -> str:
        """Return the plain message for a printer that stopped answering."""
        return (
            f"The {printer} did not answer in time. Switch it off and on again; "
            "the receipt will print when it answers."
        )
