"""The ``ReceiptPrinter`` protocol, the states a printer reports, and how they are read.

Before a network, serial or USB printer prints, it is asked for its real-time
status (``DLE EOT n``): n=1 printer status (bit 3: offline), n=2 offline cause
(bit 2: cover open, bit 5: stopped at paper end, bit 6: error), n=4 roll paper
sensor (bits 2-3: near end, bits 5-6: paper end). ``state_from_status`` turns
those bytes into a ``PrinterState``.
"""

from __future__ import annotations

from typing import Final, Literal, Protocol, runtime_checkable

from devices.printing.errors import (
    CoverOpen,
    PaperOut,
    PrinterError,
    PrinterTimeout,
    PrinterUnreachable,
)
from devices.printing.receipt import Columns, Receipt

PrinterState = Literal[
    "ready", "paper_low", "paper_out", "cover_open", "error", "unreachable", "timeout"
]
"""What ``ReceiptPrinter.status`` reports; ``paper_low`` still prints."""

OFFLINE: Final = 0x08
"""``DLE EOT 1``, bit 3: the printer is offline (ask ``DLE EOT 2`` why)."""

_COVER_OPEN: Final = 0x04  # DLE EOT 2, bit 2
_STOPPED_PAPER_END: Final = 0x20  # DLE EOT 2, bit 5
_PAPER_END: Final = 0x60  # DLE EOT 4, bits 5 and 6
_PAPER_NEAR_END: Final = 0x0C  # DLE EOT 4, bits 2 and 3

ERROR_FOR_STATE: Final[dict[PrinterState, type[PrinterError]]] = {
    "paper_out": PaperOut,
    "cover_open": CoverOpen,
    "error": PrinterError,
    "unreachable": PrinterUnreachable,
    "timeout": PrinterTimeout,
}
"""The error ``print_receipt`` raises in each faulty state (``ready`` and
``paper_low`` print)."""


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
    if printer_status & OFFLINE:
        return "error"
    if paper & _PAPER_NEAR_END:
        return "paper_low"
    return "ready"
