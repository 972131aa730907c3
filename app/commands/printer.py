"""``counterpart printer test``: print a test receipt with a QR code on the configured printer."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.config import ConfigError, Settings
from app.factory import make_receipt_printer
from devices.printing.diagnostics import test_receipt
from devices.printing.errors import (
    CoverOpen,
    PaperOut,
    PrinterError,
    PrinterTimeout,
    PrinterUnreachable,
)

_FAULTS: tuple[tuple[type[PrinterError], str], ...] = (
    (PaperOut, "paper_out"),
    (CoverOpen, "cover_open"),
    (PrinterUnreachable, "unreachable"),
    (PrinterTimeout, "timeout"),
)


def fault_name(error: PrinterError) -> str:
    """The fault as ``status()`` names it: paper_out, cover_open, unreachable, timeout, error."""
    for kind, name in _FAULTS:
        if isinstance(error, kind):
            return name
    return "error"


def register(sub: Any) -> None:
    """Add the subcommand to the parser."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "printer", help="receipt printer diagnostics (printer test)"
    )
    actions = parser.add_subparsers(dest="printer_action", metavar="ACTION", required=True)
    test = actions.add_parser(
        "test", help="print a test receipt with a ruler and a QR code on the configured printer"
    )
    test.add_argument(
        "--lang", choices=("pt", "en", "es"), default=None, help="language of the page"
    )
    test.set_defaults(handler=run)


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Print the test page; exit 1 naming the fault when the printer fails."""
    try:
        printer = make_receipt_printer(settings)
    except ConfigError as exc:
        print(f"counterpart: the printer cannot be set up: {exc}", file=sys.stderr)
        return 1
    if printer is None:
        print("counterpart: no printer is configured ([printer] driver = none)", file=sys.stderr)
        return 1
    language = args.lang or settings.site.languages[0]
    receipt = test_receipt(
        language, printer.columns, settings.central.public_url, site_name=settings.site.name
    )
    try:
        printer.print_receipt(receipt)
    except PrinterError as exc:
        print(f"counterpart: {exc.title} ({fault_name(exc)}): {exc}", file=sys.stderr)
        return 1
    finally:
        printer.close()
    print(f"printed a test receipt on the {printer.name} ({printer.columns} columns, {language})")
    print(f"its QR code holds {receipt.handoff_url}")
    return 0
