"""Subcommands of ``counterpart``: one module each, each with ``register(subparsers)``."""

from __future__ import annotations

from app.commands import (
    card,
    catalogue,
    central,
    devices,
    enrol,
    journeys,
    kiosk_pin,
    operators,
    printer,
    store,
    sync_now,
)

__all__ = ["COMMANDS"]

COMMANDS = (
    journeys,
    catalogue,
    operators,
    central,
    enrol,
    sync_now,
    devices,
    card,
    printer,
    kiosk_pin,
    store,
)
