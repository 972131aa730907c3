"""schemathesis against the OpenAPI description a real ``counterpart central serve`` serves.

Every operation, without a token, with a device token and with an agency token:
never a 5xx, every status code declared, every body of the declared media type
and schema. The schema is loaded from the server's ``/openapi.json`` URL, so what
is checked is what a client would read. Reference and token-hash path parameters
are, half the time, one the store holds, so fetch (by reference and by link) and
status reach their 200 answers too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sync.central.store import CentralStore
from sync.domain.handoff import handoff_id_for, token_hash
from tests.sync.factory import Maker
from tests.sync.postgres import PostgresServer
from tests.sync.serverproc import CentralServer, write_config

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@dataclass(frozen=True)
class Served:
    """The server, a device token, an agency token, and a reference and a handoff's token
    hash the store holds."""

    server: CentralServer
    headers: dict[str, dict[str, str]]
    ref: str
    sha256: str


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    folder: Path = tmp_path_factory.mktemp("openapi")
    if request.param == "sqlite":
        db_url = f"sqlite:///{folder / 'central.db'}"
    else:
        postgres: PostgresServer = request.getfixturevalue("postgres")
        db_url = postgres.database()
    with_store = CentralStore(db_url)
    code = with_store.issue_enrolment_code("site-1")
    agency_token = with_store.issue_agency_token("agency-1")
    with_store.close()
    server = CentralServer(db_url, write_config(folder, "site-1", "http://unused"))
    server.start()
    try:
        with httpx.Client(base_url=server.url) as http:
            enrolled = http.post("/api/v1/enrol", json={"code": code, "device_id": "fuzz-1"})
            assert enrolled.status_code == 200, enrolled.text
            device = {"Authorization": f"Bearer {enrolled.json()['device_token']}"}
            maker = Maker("fuzz-1")
            started = maker.start()
            hashed = token_hash("FuzzedHandoffTokenFuzzedHandoff0")
            issued = maker.event(
                "handoff.issued",
                {
                    "handoff_id": handoff_id_for(hashed),
                    "token_hash": hashed,
                    "expires": "2026-12-23T10:00:00Z",
                },
            )
            pushed = http.post(
                "/api/v1/sync/push",
                json={"events": [started.to_dict(), issued.to_dict()]},
                headers=device,
            )
            assert pushed.status_code == 200, pushed.text
        headers = {
            "none": {},
            "device": device,
            "agency": {"Authorization": f"Bearer {agency_token}"},
        }
        yield Served(server, headers, str(started.data["ref"]), hashed)
    finally:
        server.stop()


@pytest.fixture(scope="module")
def api(served: Served) -> schemathesis.BaseSchema:
    loaded = schemathesis.openapi.from_url(served.server.url + "/openapi.json")

    @loaded.hook
    def flatmap_path_parameters(
        _context: schemathesis.HookContext, path_parameters: dict[str, Any] | None
    ) -> st.SearchStrategy[dict[str, Any] | None]:
        held = {"ref": served.ref, "sha256": served.sha256}
        name = next((n for n in held if path_parameters and n in path_parameters), None)
        if name is None:
            return st.just(path_parameters)
        return st.sampled_from([path_parameters, {**(path_parameters or {}), name: held[name]}])

    return loaded


schema = schemathesis.pytest.from_fixture("api")


FUZZ = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _call(case: schemathesis.Case, served: Served, identity: str) -> None:
    case.call_and_validate(
        base_url=served.server.url, headers=served.headers[identity], checks=CHECKS
    )


@schema.parametrize()
@FUZZ
def test_without_a_token(case: schemathesis.Case, served: Served) -> None:
    _call(case, served, "none")


@schema.parametrize()
@FUZZ
def test_with_a_device_token(case: schemathesis.Case, served: Served) -> None:
    _call(case, served, "device")


@schema.parametrize()
@FUZZ
def test_with_an_agency_token(case: schemathesis.Case, served: Served) -> None:
    _call(case, served, "agency")
