"""``counterpart`` without a subcommand: opens the app in the mode kiosk.toml names."""

from __future__ import annotations

import argparse

from app.commands import journeys
from app.config import Settings


def run_app(settings: Settings, args: argparse.Namespace) -> int:
    """Open the app. Until the Textual app lands, list the journeys and say so."""
    print(
        "The Textual counter app is not built yet (issue: the counter app). "
        "Meanwhile, the journeys in the local store:"
    )
    listing = argparse.Namespace(json=False, today=False, search=None, limit=50)
    return journeys.run(settings, listing)
