"""``PreviewReceiptPrinter``: each receipt drawn as a PNG picture of the paper, for the demo.

Pillow is imported when the first receipt is drawn (``devices.printing.picture``),
not with this module, so an app configured with the preview printer starts
without it.
"""

from __future__ import annotations

from pathlib import Path

from devices.printing.errors import PrinterUnreachable
from devices.printing.protocol import PrinterState
from devices.printing.receipt import COLUMNS, Columns, Receipt, layout_receipt


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
