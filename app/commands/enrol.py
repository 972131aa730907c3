"""``counterpart enrol CODE``: redeem an enrolment code; the device token goes to a 0600 file."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.config import Settings
from app.factory import open_store
from sync.client import enrol
from sync.tokenfile import write_private


def register(sub: Any) -> None:
    """Add the subcommand to the parser."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "enrol", help="enrol this machine with the central store using a one-time code"
    )
    parser.add_argument("code", help="the code from `counterpart central enrol`")
    parser.add_argument("--url", help="the central store's URL (default: [central] url)")
    parser.set_defaults(handler=run)


def central_url(settings: Settings, override: str | None) -> str | None:
    """The central store's URL to talk to, or None when there is none to reach."""
    if override:
        return override
    if settings.central.url.startswith(("http://", "https://")):
        return settings.central.url
    return None


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Redeem the code and keep the token."""
    url = central_url(settings, args.url)
    if url is None:
        print(
            f"counterpart: [central] url is {settings.central.url!r}; give the central "
            "store's address with --url or set [central] url to it",
            file=sys.stderr,
        )
        return 2
    with open_store(settings) as store:
        device_id = store.device_id
    token, site = enrol(url, args.code, device_id)
    path = settings.resolve(settings.central.token_file)
    write_private(path, token)
    print(f"enrolled {device_id} for site {site}; token kept in {path}")
    if site != settings.site.id:
        print(
            f"note: the central store enrolled this device for site {site}, "
            f"but kiosk.toml says [site] id = {settings.site.id!r}",
            file=sys.stderr,
        )
    return 0
