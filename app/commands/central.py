"""``counterpart central``: run and administer the central case store (serve, enrol, status).

``status`` lists the devices, the quarantined events and the accessibility reports
sent from the citizen's pages. A report's contact is personal data: the table says
only whether one was given, unless ``--show-contacts`` asks for them (to answer).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from app.config import Settings

if TYPE_CHECKING:
    from sync.central.store import CentralStore


def _default_db(settings: Settings) -> str:
    """central.db beside the local store (its folder made, as the store's own would be)."""
    folder = settings.resolve(settings.store.path).parent
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'central.db'}"


def register(sub: Any) -> None:
    """Add the subcommand to the parser."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "central", help="run or administer the central case store"
    )
    actions = parser.add_subparsers(dest="central_action", metavar="ACTION", required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=help_text)
        p.add_argument(
            "--db",
            metavar="URL",
            help="sqlite:///path or postgresql://user@host:port/db "
            "(default: central.db beside the local store)",
        )
        return p

    serve = action("serve", "serve the central store's HTTP API (uvicorn)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8780, help="port to listen on (default 8780)")
    serve.add_argument(
        "--max-body-bytes",
        type=int,
        help="largest request body (default: [central] max_body_bytes of kiosk.toml)",
    )
    enrol = action("enrol", "issue a one-time enrolment code for a device of a site")
    enrol.add_argument("--site", required=True, help="the site the device will belong to")
    revoke = action("revoke", "revoke a device's token")
    revoke.add_argument("device", help="the device id")
    status = action("status", "devices, their sync, quarantined events and accessibility reports")
    status.add_argument(
        "--show-contacts",
        action="store_true",
        help="show the contact a citizen left with an accessibility report "
        "(personal data: only to answer them); by default only 'given' or 'none'",
    )
    agency = action("agency-token", "issue a bearer token for an agency's back office")
    agency.add_argument("agency", help="the agency id (lowercase letters, digits, dashes)")
    parser.set_defaults(handler=run)


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Run the chosen action."""
    db_url = args.db or _default_db(settings)
    if args.central_action == "serve":
        import uvicorn

        from sync.central.asgi import create_app

        max_body = args.max_body_bytes or settings.central.max_body_bytes
        from sync.central.records import Limits

        limits = Limits(
            max_drift_ms=settings.central.max_clock_drift_seconds * 1000,
            quarantine_event_chars=settings.central.quarantine_event_chars,
            quarantine_device_chars=settings.central.quarantine_device_chars,
            web_burst=settings.central.web_requests_burst,
            web_per_second=settings.central.web_requests_per_second,
        )
        from app.factory import notify_plan, web_settings
        from sync.central.store import CentralStore

        web = web_settings(settings)
        plan = notify_plan(settings)
        store = CentralStore(db_url, limits=limits)
        app = create_app(db_url, max_body_bytes=max_body, store=store, web=web)
        notifier = None
        if plan is not None:
            from sync.central.notify.plan import make_notifier

            notifier = make_notifier(store, plan, web.catalogue, web.public_url)
            notifier.start()
        print(f"central store on http://{args.host}:{args.port} ({db_url})", flush=True)
        try:
            # No access log: a page's path may hold a handoff token (/c/{token}).
            uvicorn.run(app, host=args.host, port=args.port, log_level="warning",
                        access_log=False)  # fmt: skip
        finally:
            if notifier is not None:
                notifier.stop()
            store.close()
        return 0
    # Imported here, not at the top: SQLAlchemy is a tenth of a second that every
    # start of the app (which registers this subcommand) would otherwise pay.
    from sync.central.store import CentralStore

    store = CentralStore(db_url)
    try:
        if args.central_action == "enrol":
            code = store.issue_enrolment_code(args.site)
            print(code)
            print(
                f"One-time code for a device of site {args.site}, valid 24 hours: "
                f"run `counterpart enrol {code}` on the device.",
                file=sys.stderr,
            )
            return 0
        if args.central_action == "revoke":
            if store.revoke(args.device):
                print(f"revoked {args.device}")
                return 0
            print(f"no active device {args.device}", file=sys.stderr)
            return 1
        if args.central_action == "agency-token":
            print(store.issue_agency_token(args.agency))
            return 0
        return _status(store, show_contacts=args.show_contacts)
    finally:
        store.close()


def _status(store: CentralStore, *, show_contacts: bool = False) -> int:
    console = Console(width=120)
    _devices(console, store)
    _reports(console, store, show_contacts=show_contacts)
    return 0


def _devices(console: Console, store: CentralStore) -> None:
    rows = store.device_statuses()
    if not rows:
        console.print("No devices enrolled yet.")
        return
    table = Table(title="Devices")
    for column in ("Device", "Site", "Last sync", "Acked seq", "Backlog", "Quarantined", "State"):
        table.add_column(column)
    for d in rows:
        table.add_row(
            d.device_id,
            d.site_id,
            (d.last_sync or "never")[:19].replace("T", " "),
            str(d.acked_seq),
            str(d.backlog),
            str(d.quarantined),
            f"revoked {d.revoked[:10]}" if d.revoked else "active",
        )
    console.print(table)
    parked = store.quarantined()
    if parked:
        quarantine = Table(title="Quarantined events")
        for column in ("Device", "Seq", "Event", "Reason"):
            quarantine.add_column(column)
        for q in parked:
            quarantine.add_row(q["device_id"], str(q["seq"]), q["event_id"] or "—", q["reason"])
        console.print(quarantine)


def _first_line(text: str, width: int = 60) -> str:
    line = text.strip().splitlines()[0] if text.strip() else "—"
    return line if len(line) <= width else line[: width - 1] + "…"


def _reports(console: Console, store: CentralStore, *, show_contacts: bool) -> None:
    reports = store.accessibility_reports()
    if not reports:
        console.print("No accessibility reports.")
        return
    table = Table(title="Accessibility reports")
    for column in ("Received", "Page", "Language", "Wants", "Problem", "Contact"):
        table.add_column(column)
    for r in reports:
        contact = (r.contact or "none") if show_contacts else ("given" if r.contact else "none")
        # Text, not str: what a citizen typed is shown as typed, never read as rich markup.
        table.add_row(
            r.received[:16].replace("T", " "), Text(_first_line(r.page, 40)), Text(r.language),
            Text(r.wants.replace("_", " ")), Text(_first_line(r.problem)), Text(contact),
        )  # fmt: skip
    console.print(table)
