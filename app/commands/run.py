"""``counterpart`` without a subcommand: opens the app in the mode kiosk.toml names."""

from __future__ import annotations

import argparse

from app.config import Settings
from app.context import open_store
from app.factory import build_app, make_sync_link
from app.print_queue import PersistentPrintQueue


def run_app(settings: Settings, args: argparse.Namespace) -> int:
    """Build the app through the shared factory and run it until the operator quits.

    Receipts wait in the store's print queue, so one queued during a printer
    outage still prints after a restart.

    Raises:
        CatalogueError: the catalogue is broken (read once the app has started).
    """
    sync_link = make_sync_link(settings)
    store = open_store(settings)
    lock_after = settings.site.lock_after_seconds or None
    app = build_app(
        settings,
        store=store,
        print_queue=PersistentPrintQueue.in_store(store),
        sync_link=sync_link,
        lock_after=lock_after,
    )
    try:
        app.run()
        if app.fatal_error is not None:
            raise app.fatal_error
    finally:
        if sync_link is not None:
            sync_link.close()
        if app.desk.card_reader is not None:
            app.desk.card_reader.close()
        if app.desk.printer is not None:
            app.desk.printer.close()
        app.desk.store.close()
    return int(app.return_code or 0)
