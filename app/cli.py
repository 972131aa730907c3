"""The ``counterpart`` command line: loads kiosk.toml, then runs one subcommand.

Exit codes: 0 success, 1 a runtime failure (device, store, network), 2 bad
configuration or usage.

The subcommands and the settings are imported by ``main``, not with this module:
``main`` first pauses the garbage collector for the start-up (``app.startup``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from app.startup import pause_collector, resume_collector


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    from app.commands import COMMANDS

    parser = argparse.ArgumentParser(
        prog="counterpart",
        description="Counterpart: the assisted-digital counter for public services. "
        "Without a subcommand, opens the app in the mode kiosk.toml names.",
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=Path("kiosk.toml"),
        metavar="PATH",
        help="the machine's kiosk.toml (default: ./kiosk.toml)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    pause_collector()
    try:
        return _run(argv)
    finally:
        resume_collector()


def _run(argv: Sequence[str] | None) -> int:
    from app.config import ConfigError, load_settings
    from sync.errors import SyncError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        print(f"counterpart: {exc.title}\n{exc}", file=sys.stderr)
        return 2
    handler = getattr(args, "handler", None)
    if handler is None:
        from app.commands.run import run_app

        handler = run_app  # the app resumes the collector once its first screen is drawn
    else:
        resume_collector()  # a subcommand may run for long (central serve)
    try:
        return int(handler(settings, args))
    except ConfigError as exc:  # a setting only the device it builds can check
        print(f"counterpart: {exc.title}\n{exc}", file=sys.stderr)
        return 2
    except SyncError as exc:
        print(f"counterpart: {exc.title}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
