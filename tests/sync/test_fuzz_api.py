"""Random requests against the API: never a 5xx, and every answer fits its declared model.

In-process, beside the schemathesis run against the served description
(``test_openapi_fuzz.py``): hypothesis builds what schemathesis would not, such as
valid events with one key broken, bodies that are not JSON objects, and arbitrary
references and cursors; answers are checked against the same pydantic models the
OpenAPI description is generated from.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from sync.central.api.models import ErrorResponse, JourneyResponse, PullResponse, PushResponse
from tests.sync.conftest import Central, make_central
from tests.sync.factory import Maker

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)  # fmt: skip
KEYS = ["id", "journey_id", "type", "hlc", "wall", "device_id", "seq", "channel", "site_id",
        "actor", "data", "extra"]  # fmt: skip
FUZZ = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip


@pytest.fixture(scope="module")
def fuzz(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Central, str, Maker]]:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    central = make_central(f"sqlite:///{folder / 'central.db'}")
    token = central.enrol("fuzz-1")
    maker = Maker("fuzz-1")
    central.push(token, [maker.start().to_dict()])
    yield central, token, maker
    central.http.close()
    central.store.close()


def _check(response: Any, model: type[BaseModel]) -> None:
    assert response.status_code < 500, response.text
    body = response.json()
    if response.status_code == 200:
        model.model_validate(body)
    elif isinstance(body.get("detail"), str):
        ErrorResponse.model_validate(body)
    else:
        assert "detail" in body  # FastAPI's own 422 lists the fields


@st.composite
def broken_events(draw: st.DrawFn, maker: Maker) -> dict[str, Any]:
    raw = maker.event_dict("note.added")
    key = draw(st.sampled_from(KEYS))
    if draw(st.booleans()) and key in raw:
        del raw[key]
    else:
        raw[key] = draw(json_values)
    if raw.get("device_id") not in (None, "fuzz-1") and draw(st.booleans()):
        raw["device_id"] = "fuzz-1"
    return raw


@FUZZ
@given(data=st.data())
def test_push_never_fails_on_the_server(
    fuzz: tuple[Central, str, Maker], data: st.DataObject
) -> None:
    central, token, maker = fuzz
    events = data.draw(st.lists(broken_events(maker) | json_values, max_size=5))
    body = data.draw(st.sampled_from(["events", "list", "raw"]))
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if body == "events":
        content = json.dumps({"events": events}).encode()
    elif body == "list":
        content = json.dumps(events).encode()
    else:
        content = data.draw(st.binary(max_size=64))
    _check(central.http.post("/api/v1/sync/push", content=content, headers=auth), PushResponse)


@FUZZ
@given(since=st.text(max_size=12), limit=st.text(max_size=6), ref=st.text(min_size=1, max_size=14))
def test_pull_and_fetch_never_fail_on_the_server(
    fuzz: tuple[Central, str, Maker], since: str, limit: str, ref: str
) -> None:
    central, token, _maker = fuzz
    auth = {"Authorization": f"Bearer {token}"}
    pulled = central.http.get("/api/v1/sync/pull", params={"since": since, "limit": limit},
                              headers=auth)  # fmt: skip
    _check(pulled, PullResponse)
    fetched = central.http.get(f"/api/v1/journeys/{quote(ref, safe='')}", headers=auth)
    if fetched.status_code != 404 or "detail" in fetched.text:
        _check(fetched, JourneyResponse)
