"""``counterpart kiosk-pin``: the argon2 hash of the PIN that leaves kiosk mode, for kiosk.toml."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from app.config import Settings
from sync.store.operators import OperatorError, hash_pin


def register(sub: Any) -> None:
    """Add the subcommand to the parser."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "kiosk-pin", help="print the [kiosk] exit_pin_hash line for a PIN (asks for it twice)"
    )
    parser.add_argument(
        "--pin-stdin", action="store_true", help="read the PIN from the first line of stdin"
    )
    parser.set_defaults(handler=run)


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Print ``exit_pin_hash = "..."`` for the PIN given; the PIN itself is not kept."""
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    else:
        pin = getpass.getpass("Kiosk exit PIN (4 to 12 digits): ")
        if getpass.getpass("The same PIN again: ") != pin:
            print("counterpart: the two PINs differ", file=sys.stderr)
            return 2
    try:
        print(f'exit_pin_hash = "{hash_pin(pin)}"')
    except OperatorError as exc:
        print(f"counterpart: {exc.title}: {exc}", file=sys.stderr)
        return 2
    return 0
