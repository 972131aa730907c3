"""``counterpart central``: run and administer the central case store (serve, enrol, status,
insight).

``status`` lists the devices, the quarantined events and the accessibility reports
sent from the citizen's pages. A report's contact is personal data: the table says
only whether one was given, unless ``--show-contacts`` asks for them (to answer).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from rich.console import Console
from rich.table import Table
from rich.text import Text

from app.config import Settings
from sync.errors import CentralError

if TYPE_CHECKING:
    from sync.central.store import CentralStore


READ_ONLY: Final = frozenset({"status", "insight"})
"""The actions that only read: they never make a central store."""


def _default_db(settings: Settings, *, create: bool = True) -> str:
    """central.db beside the local store (its folder made, as the store's own would be,
    unless ``create`` is False)."""
    folder = settings.resolve(settings.store.path).parent
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'central.db'}"


def _existing(db_url: str, settings: Settings, given: bool) -> str:
    """``db_url``, if it is not a SQLite file that is missing (a read-only action would
    make it).

    Raises:
        CentralError: naming the file and where its path came from.
    """
    if not db_url.startswith("sqlite:///"):
        return db_url
    path = Path(db_url.removeprefix("sqlite:///"))
    if path.exists():
        return db_url
    came = (
        "given with --db"
        if given
        else f'beside the local store of [store] path = "{settings.store.path}" in '
        f"{settings.source}; a relative path is relative to that file's folder"
    )
    raise CentralError(
        f"there is no central store at {path.resolve()} ({came}); nothing was created"
    )


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
    dash = action("dashboard-token", "issue a bearer token for /insight and /metrics")
    dash.add_argument("name", help="who the token is for (lowercase letters, digits, dashes)")
    dash.add_argument(
        "--comments", action="store_true",
        help="the token may read citizens' feedback comments on /insight",
    )  # fmt: skip
    cost = action("site-cost", "declare what an hour of a site's mediators costs")
    cost.add_argument("site", help="the site id")
    cost.add_argument("per_hour", metavar="AMOUNT", help="cost per hour, like 32.50")
    insight = action("insight", "the network's measures: journeys, take-up, crossings, stalls")
    insight.add_argument("--from", dest="start", metavar="DATE", help="first day (YYYY-MM-DD)")
    insight.add_argument("--to", dest="end", metavar="DATE", help="last day (YYYY-MM-DD)")
    insight.add_argument("--site", help="one site's journeys (those started there)")
    insight.add_argument("--agency", help="journeys with a service of this agency")
    form = insight.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print JSON (no comments)")
    form.add_argument("--csv", action="store_true", help="print CSV (no comments)")
    form.add_argument(
        "--comments", action="store_true",
        help="also print the newest feedback comments (never exported)",
    )  # fmt: skip
    parser.set_defaults(handler=run)


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Run the chosen action."""
    read_only = args.central_action in READ_ONLY
    db_url = args.db or _default_db(settings, create=not read_only)
    if read_only:
        db_url = _existing(db_url, settings, given=args.db is not None)
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
        from app.factory import notify_plan, sms_inbound_token, web_settings
        from sync.central.store import CentralStore

        web = web_settings(settings)
        plan = notify_plan(settings)
        store = CentralStore(db_url, limits=limits)
        app = create_app(db_url, max_body_bytes=max_body, store=store, web=web,
                         sms_inbound_token=sms_inbound_token(settings))  # fmt: skip
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
        if args.central_action == "dashboard-token":
            from sync.central.insight import tokens

            try:
                print(tokens.issue(store, args.name, comments=args.comments))
            except ValueError as exc:
                print(f"counterpart: {exc}", file=sys.stderr)
                return 2
            return 0
        if args.central_action == "site-cost":
            from sync.central.insight import costs

            try:
                costs.declare(store, args.site, costs.parse_amount(args.per_hour))
            except ValueError as exc:
                print(f"counterpart: {exc}", file=sys.stderr)
                return 2
            print(f"site {args.site}: {args.per_hour} an hour")
            return 0
        if args.central_action == "insight":
            return _insight(settings, store, args)
        return _status(store, show_contacts=args.show_contacts)
    finally:
        store.close()


def _insight(settings: Settings, store: CentralStore, args: argparse.Namespace) -> int:
    from app.commands import central_insight as out
    from app.factory import open_catalogue
    from sync.central.insight.report import comments
    from sync.central.insight.view import BadScope, insight, scope

    catalogue = open_catalogue(settings)
    try:
        where = scope(catalogue, start=args.start, end=args.end, site=args.site,
                      agency=args.agency)  # fmt: skip
    except BadScope as exc:
        print(f"counterpart: {exc}", file=sys.stderr)
        return 2
    report = insight(store, catalogue, where)
    if args.json:
        print(out.as_json(report))
    elif args.csv:
        print(out.as_csv(report), end="")
    else:
        console = Console(width=160)
        out.print_report(console, report)
        if args.comments:
            table = Table(title="Feedback comments (newest first; never exported)")
            for column in ("When", "Score", "Comment"):
                table.add_column(column)
            for c in comments(store, where):
                table.add_row(c.wall[:16].replace("T", " "), str(c.score), Text(c.comment))
            console.print(table)
    return 0


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
