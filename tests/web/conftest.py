"""The citizen's pages served in-process over a central store on a tmp SQLite file."""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import httpx
import pytest

from sync.catalogue.loader import load_catalogue
from sync.catalogue.model import Catalogue
from sync.central.asgi import create_app
from sync.central.records import DEFAULT_LIMITS, Limits
from sync.central.store import CentralStore
from sync.central.web.settings import WebSettings
from tests.sync.inprocess import SyncASGITransport

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 12, 2)


@cache
def catalogue() -> Catalogue:
    """The demo catalogue, read once."""
    return load_catalogue(ROOT / "fixtures" / "catalogue")


@dataclass
class Site:
    """The pages, their store and a browser-like client (cookies kept)."""

    store: CentralStore
    client: httpx.Client
    web: WebSettings

    def form_token(self, html: str) -> str:
        """The CSRF token of the first form on a page."""
        found = re.search(r'name="csrftoken" value="([^"]+)"', html)
        assert found, "the page has no form with a CSRF token"
        return found.group(1)


def serve(tmp_path: Path, limits: Limits = DEFAULT_LIMITS) -> Generator[Site, None, None]:
    """The pages over a new store in ``tmp_path`` with these limits."""
    store = CentralStore(f"sqlite:///{tmp_path / 'central.db'}", limits=limits)
    web = WebSettings(
        catalogue=catalogue, public_url="http://testserver", documents=tmp_path / "documents",
        upload_max_bytes=200_000, today=lambda: TODAY,
    )  # fmt: skip
    app = create_app("", store=store, web=web)
    transport = SyncASGITransport(app)
    with httpx.Client(transport=transport, base_url="http://testserver") as client:
        yield Site(store, client, web)
    store.close()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    yield from serve(tmp_path)
