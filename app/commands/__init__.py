"""Subcommands of ``counterpart``: one module each, each with ``register(subparsers)``."""

from __future__ import annotations

from app.commands import catalogue, central, enrol, journeys, operators, sync_now

__all__ = ["COMMANDS"]

COMMANDS = (journeys, catalogue, operators, central, enrol, sync_now)
