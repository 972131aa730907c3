"""``counterpart catalogue``: the services of the catalogue by agency, as a table or JSON."""

from __future__ import annotations

import argparse
import json
from typing import Any

from rich.console import Console
from rich.table import Table

from app.config import Settings
from app.factory import open_catalogue
from app.i18n import tr


def register(sub: Any) -> None:
    """Add the subcommand to the parser."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "catalogue", help="list the services of the catalogue by agency"
    )
    parser.add_argument("--json", action="store_true", help="print the whole catalogue as JSON")
    parser.add_argument(
        "--lang", choices=("pt", "en", "es"), help="language of the table (default: the site's)"
    )
    parser.set_defaults(handler=run)


COLUMNS = ("service", "steps", "at_home", "fee", "days", "life_events")
"""The table's columns, as text keys ``catalogue.*``."""


def _money(cents: int, currency: str, lang: str) -> str:
    if cents == 0:
        return tr(lang, "catalogue.free")
    amount = f"{cents / 100:.2f}"
    return f"{amount if lang == 'en' else amount.replace('.', ',')} {currency}"


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Print the catalogue."""
    catalogue = open_catalogue(settings)
    if args.json:
        print(json.dumps(catalogue.to_json(), ensure_ascii=False, indent=2))
        return 0
    lang = args.lang or settings.site.languages[0]
    console = Console()
    for agency in catalogue.agencies.values():
        table = Table(
            title=f"{agency.name.get(lang)} ({agency.short.get(lang)})", title_justify="left"
        )
        for column in COLUMNS:
            table.add_column(tr(lang, f"catalogue.{column}"))
        for service in catalogue.services_of(agency.id):
            web = sum(1 for step in service.steps if step.allows("web"))
            table.add_row(
                service.name.get(lang),
                str(len(service.steps)),
                f"{web}/{len(service.steps)}",
                _money(service.fee_cents, catalogue.info.currency, lang),
                str(service.expected_days),
                ", ".join(catalogue.circumstance(c).name.get(lang) for c in service.circumstances),
            )
        console.print(table)
    console.print(
        tr(
            lang,
            "catalogue.total",
            services=len(catalogue.services),
            agencies=len(catalogue.agencies),
            version=catalogue.info.version,
        )
    )
    return 0
