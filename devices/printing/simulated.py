"""``SimulatedReceiptPrinter``: receipts kept in memory and faults on demand, for tests."""

from __future__ import annotations

from devices.printing.protocol import ERROR_FOR_STATE, PrinterState
from devices.printing.receipt import Columns, Receipt, layout_receipt


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
        error = ERROR_FOR_STATE.get(self.state)
        if error is not None:
            raise error(self.name)
        self.lines.append(layout_receipt(receipt, self.columns).text_lines())
        self.printed.append(receipt)

    def status(self) -> PrinterState:
        """Return the simulated state."""
        return self.state

    def close(self) -> None:
        """Nothing to release."""
