"""``counterpart devices``: the card readers and the receipt printer, with their state."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.commands.printer import fault_name
from app.config import ConfigError, Settings
from app.factory import make_receipt_printer
from devices.cards.errors import CardError
from devices.printing.errors import PrinterError


def register(sub: Any) -> None:
    """Add the subcommand to the parser."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "devices", help="list the card readers and the printer with their state"
    )
    parser.set_defaults(handler=run)


def _card_readers(settings: Settings) -> tuple[list[str], list[str]]:
    """Lines to show and problems found, for ``[card_reader]``."""
    section = settings.card_reader
    if section.driver == "none":
        return ["card reader: none configured"], []
    if section.driver == "simulated":
        from devices.cards.demo import demo_cards
        from devices.cards.simulated import SimulatedCardReader

        folder = settings.resolve(section.cards)
        try:
            cards = demo_cards(folder)
        except (OSError, ValueError, KeyError) as exc:
            return [], [f"the simulated reader's demo cards in {folder} cannot be read: {exc}"]
        if not cards:
            return [], [f"the simulated reader has no demo cards in {folder}"]
        name = SimulatedCardReader(cards).reader_name
        return [
            f"card reader: {name} (simulated)",
            f"  demo cards: {', '.join(cards)}",
        ], []
    from devices.cards.diagnostics import list_readers_state  # loads pyscard only when asked

    wanted = f" matching {section.reader!r}" if section.reader else ""
    try:
        readers = list_readers_state(section.reader)
    except CardError as exc:
        return [], [f"card reader: {exc.title}: {exc}"]
    if not readers:
        return [], [f"card reader: no PC/SC reader{wanted} is connected"]
    lines = [f"card readers (pcsc{wanted}):"]
    for reader in readers:
        card = f"card present, ATR {reader.atr}" if reader.card_present else "no card"
        lines.append(f"  {reader.name}: {card}")
    return lines, []


def _printer(settings: Settings) -> tuple[list[str], list[str]]:
    """Lines to show and problems found, for ``[printer]``."""
    try:
        printer = make_receipt_printer(settings)
    except ConfigError as exc:
        return [], [f"printer: cannot be set up: {exc}"]
    if printer is None:
        return ["printer: none configured"], []
    state: str
    try:
        state = printer.status()
    except PrinterError as exc:  # status() should not raise; a driver may still
        state = fault_name(exc)
    finally:
        printer.close()
    line = f"printer: {printer.name} ({printer.columns} columns): {state}"
    if state in ("ready", "paper_low"):
        return [line], []
    return [], [line]


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Show every device; exit 1 when one is missing or failing."""
    problems: list[str] = []
    for check in (_card_readers, _printer):
        lines, found = check(settings)
        for line in lines:
            print(line)
        problems.extend(found)
    for problem in problems:
        print(f"counterpart: {problem}", file=sys.stderr)
    return 1 if problems else 0
