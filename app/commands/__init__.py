"""Subcommands of ``counterpart``: one module each, each with ``register(subparsers)``."""

from __future__ import annotations

from app.commands import catalogue, journeys, operators

__all__ = ["COMMANDS"]

COMMANDS = (journeys, catalogue, operators)
