"""``counterpart journeys``: the journeys in the local store, as a table or JSON."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from typing import Any

from rich.console import Console
from rich.table import Table

from app.config import Settings
from app.factory import open_store
from sync.domain.ids import format_reference


def register(sub: Any) -> None:
    """Add the subcommand to the parser."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "journeys", help="list the journeys in the local store"
    )
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    parser.add_argument("--today", action="store_true", help="only journeys active today (UTC)")
    parser.add_argument("--search", metavar="NAME", help="only journeys whose citizen matches")
    parser.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    parser.set_defaults(handler=run)


def run(settings: Settings, args: argparse.Namespace) -> int:
    """List journeys, newest activity first (never makes a store)."""
    with open_store(settings, create=False) as store:
        if args.search:
            rows = store.search(args.search, limit=args.limit)
        else:
            since = datetime.now(UTC).strftime("%Y-%m-%dT00:00:00Z") if args.today else None
            rows = store.journeys(since_wall=since, limit=args.limit)
        if args.json:
            print(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
            return 0
        console = Console()
        if not rows:
            console.print(f"No journeys in {store.path} yet.")
            return 0
        table = Table(title=f"Journeys at {settings.site.name}")
        for column in ("Reference", "Citizen", "Services", "Last activity", "Channel", "State"):
            table.add_column(column)
        for r in rows:
            table.add_row(
                format_reference(r.ref) if r.ref else "—",
                r.citizen_name or "(not identified)",
                str(r.service_count),
                r.last_wall[:16].replace("T", " "),
                r.last_channel,
                f"closed: {r.closed}" if r.closed else "open",
            )
        console.print(table)
    return 0
