"""Fixtures: a central store in-process (SQLite in a temp folder) and enrolled devices."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from sync.central import schema
from sync.central.asgi import create_app
from sync.central.records import DEFAULT_LIMITS, Limits
from sync.central.store import CentralStore
from tests.sync.inprocess import SyncASGITransport
from tests.sync.postgres import PostgresServer
from tests.sync.postgres import available as postgres_available
from tests.sync.serverproc import CentralServer, free_port, write_config


@dataclass
class Central:
    """The central store in-process: its app, its data and an HTTP client to it."""

    app: FastAPI
    store: CentralStore
    http: httpx.Client
    transport: SyncASGITransport

    def enrol(self, device_id: str, site_id: str = "site-1") -> str:
        """Enrol a device through the API; returns its token."""
        code = self.store.issue_enrolment_code(site_id)
        response = self.http.post("/api/v1/enrol", json={"code": code, "device_id": device_id})
        assert response.status_code == 200, response.text
        return str(response.json()["device_token"])

    def push(self, token: str, events: list[dict[str, object]]) -> httpx.Response:
        return self.http.post(
            "/api/v1/sync/push",
            json={"events": events},
            headers={"Authorization": f"Bearer {token}"},
        )

    def counts(self) -> dict[str, int]:
        """How many rows each table holds: what a refused request must leave as it was."""
        with self.store.read() as conn:
            return {
                table.name: int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)
                for table in schema.metadata.sorted_tables
            }

    def pull(self, token: str, since: str = "0", limit: int = 500) -> httpx.Response:
        return self.http.get(
            "/api/v1/sync/pull",
            params={"since": since, "limit": limit},
            headers={"Authorization": f"Bearer {token}"},
        )


def make_central(
    db_url: str, max_body_bytes: int = 256 * 1024, limits: Limits = DEFAULT_LIMITS
) -> Central:
    app = create_app(db_url, max_body_bytes=max_body_bytes, limits=limits)
    transport = SyncASGITransport(app)
    http = httpx.Client(transport=transport, base_url="http://central.test")
    return Central(app=app, store=app.state.store, http=http, transport=transport)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the session.

    Where PostgreSQL cannot run, the tests skip; in CI (the ``CI`` variable is set,
    and ``./dev`` installs postgresql there) they fail instead, so a missing server
    is never a silent pass.
    """
    reason = postgres_available()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL tests cannot run in CI: {reason}", pytrace=False)
        pytest.skip(reason)
    server = PostgresServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty central database: SQLite in a temp folder, or PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'central.db'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.database()


@pytest.fixture
def served(tmp_path: Path, db_url: str) -> Iterator[CentralServer]:
    """``counterpart central serve`` on SQLite and on PostgreSQL."""
    port = free_port()
    config = write_config(tmp_path, "lisbon", f"http://127.0.0.1:{port}")
    server = CentralServer(db_url.replace("postgresql+psycopg://", "postgresql://"), config, port)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def central(db_url: str) -> Iterator[Central]:
    c = make_central(db_url)
    yield c
    c.http.close()
    c.store.close()
