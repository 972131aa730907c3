"""``counterpart sync``: one sync round from the shell; exit 0 only when nothing is left.

``--progress`` shows the push as it goes (``app.commands.sync_progress``) on standard
error: a bar on a terminal, a line per batch otherwise; the summary stays on stdout.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.commands.enrol import central_url
from app.commands.sync_progress import Shown
from app.config import Settings
from app.factory import make_sync_link, open_store
from sync.client import SyncClient, SyncReport


def register(sub: Any) -> None:
    """Add the subcommand to the parser."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "sync", help="push and pull once; exit 0 only when nothing is left to push"
    )
    parser.add_argument("--url", help="the central store's URL (default: [central] url)")
    parser.add_argument(
        "--progress",
        action="store_true",
        help="show events sent and waiting, with the time left (a bar on a terminal)",
    )
    parser.set_defaults(handler=run)


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Run one round and print what moved."""
    url = central_url(settings, args.url)
    if url is None and settings.central.url == "embedded":
        return _run_embedded(settings, args.progress)
    if url is None:
        print(f"counterpart: [central] url is {settings.central.url!r}; nothing to sync with",
              file=sys.stderr)  # fmt: skip
        return 2
    token_file = settings.resolve(settings.central.token_file)
    if not token_file.exists():
        print(f"counterpart: not enrolled ({token_file} is missing); run `counterpart enrol CODE`",
              file=sys.stderr)  # fmt: skip
        return 1
    token = token_file.read_text().strip()
    shown = Shown()
    watch = shown.show if args.progress else None
    with open_store(settings) as store, SyncClient(store, url, token, watch=watch) as client:
        if args.progress:
            with shown:
                report = client.sync_once()
        else:
            report = client.sync_once()
        print(report.summary())
        for seq, event_id, reason in store.parked():
            print(f"parked: seq {seq} ({event_id}): {reason}")
        for skipped in report.skipped:
            print(f"not readable here: {skipped}")
    return 0 if report.state == "synced" and report.left == 0 else 1


def _run_embedded(settings: Settings, progress: bool) -> int:
    """One round with the embedded central store (``central.db`` beside the local store)."""
    link = make_sync_link(settings)
    assert link is not None
    shown = Shown()
    if progress:
        link.watch(shown.show)
    try:
        with open_store(settings) as store:
            if progress:
                with shown:
                    outcome = link.sync_round(store)
            else:
                outcome = link.sync_round(store)
            report = outcome.report or SyncReport(left=outcome.waiting, state="offline",
                                                  error=outcome.error)  # fmt: skip
            print(report.summary())
            for seq, event_id, reason in store.parked():
                print(f"parked: seq {seq} ({event_id}): {reason}")
    finally:
        link.close()
    return 0 if report.state == "synced" and report.left == 0 else 1
