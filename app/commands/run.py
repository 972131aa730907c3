"""``counterpart`` without a subcommand: opens the app in the mode kiosk.toml names."""

from __future__ import annotations

import argparse

from app.config import Settings
from app.factory import build_app, close_app


def run_app(settings: Settings, args: argparse.Namespace) -> int:
    """Build the app through the shared factory and run it until the operator quits.

    Raises:
        CatalogueError: the catalogue is broken (read once the app has started).
    """
    app = build_app(settings)
    try:
        app.run()
        if app.fatal_error is not None:
            raise app.fatal_error
    finally:
        close_app(app)
    return int(app.return_code or 0)
