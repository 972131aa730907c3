"""``counterpart enrol CODE``: redeem an enrolment code; the device token goes to a 0600 file."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from app.config import Settings
from app.context import open_store
from sync.client import enrol


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


def write_token(path: Path, token: str) -> None:
    """Write the token to a file only its owner can read (mode 0600), replacing any."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, token.encode() + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


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
    write_token(path, token)
    print(f"enrolled {device_id} for site {site}; token kept in {path}")
    if site != settings.site.id:
        print(
            f"note: the central store enrolled this device for site {site}, "
            f"but kiosk.toml says [site] id = {settings.site.id!r}",
            file=sys.stderr,
        )
    return 0
