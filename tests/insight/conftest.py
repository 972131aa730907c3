"""The generated network pushed once through the real API of a real central store process."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import httpx
import pytest

from sync.catalogue.loader import load_catalogue
from sync.catalogue.model import Catalogue
from sync.central.store import CentralStore
from sync.domain.ids import format_reference
from tests.insight.network import (
    BIRTH_DATE,
    WEB_ANSWERS,
    WEB_SERVICE,
    WEB_STEP,
    Device,
    Made,
    batches,
    generate,
)
from tests.sync.serverproc import ROOT, CentralServer, counterpart
from tests.web.browser.served import central_config

BATCH = 500


@dataclass
class Network:
    """The served store, what was generated, and the insight's JSON as the CLI prints it."""

    server: CentralServer
    db_url: str
    catalogue: Catalogue
    devices: list[Device]
    made: list[Made]
    now_ms: int

    def insight(self, *args: str) -> dict:  # type: ignore[type-arg]
        result = counterpart("central", "insight", "--db", self.db_url, "--json", *args,
                             config=ROOT / "kiosk.toml")  # fmt: skip
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)  # type: ignore[no-any-return]


def push_all(url: str, devices: list[Device], tokens: dict[str, str]) -> None:
    """Every device's events, counters and vans first (the kiosks continue their journeys)."""
    order = sorted(devices, key=lambda d: d.channel == "kiosk")
    with httpx.Client(base_url=url, timeout=60) as http:
        for d in order:
            for body in batches(d.events, BATCH):
                r = http.post("/api/v1/sync/push", content=body, headers={
                    "authorization": f"Bearer {tokens[d.device_id]}",
                    "content-type": "application/json"})  # fmt: skip
                assert r.status_code == 200, r.text
                assert not r.json()["results"], r.json()["results"][:3]


def _form_token(page: httpx.Response) -> str:
    assert page.status_code == 200, page.text
    found = re.search(r'name="csrftoken" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def go_on_at_home(url: str, made: list[Made]) -> None:
    """Each journey with a link: opened at home, the date of birth confirmed, the web step
    answered, through the citizen's pages as a browser without JavaScript posts them."""
    for m in made:
        if m.token is None:
            continue
        with httpx.Client(base_url=url, timeout=30) as http:
            opened = http.post("/c/confirm", data={
                "csrftoken": _form_token(http.get(f"/c/{m.token}")), "token": m.token,
                "day": BIRTH_DATE[0], "month": BIRTH_DATE[1], "year": BIRTH_DATE[2]})  # fmt: skip
            assert opened.status_code == 303, opened.text
            path = f"/journey/{WEB_SERVICE}/step/{WEB_STEP}"
            answered = http.post(path, data={"csrftoken": _form_token(http.get(path)),
                                             **WEB_ANSWERS})  # fmt: skip
            assert answered.status_code == 303, answered.text
        m.redeemed += 1
        m.typed += len(WEB_ANSWERS)
        m.steps["web"] = m.steps.get("web", 0) + 1
        m.channels.add("web")
        m.services[WEB_SERVICE].add(WEB_STEP)
        m.last_ms = int(time.time() * 1000)  # the store's clock wrote them (not before now)


def decide(db_url: str, url: str, catalogue: Catalogue, made: list[Made]) -> None:
    """The agencies' statuses for the submitted services, through the back office's API;
    each service's first decision is kept with the store's time of it."""
    central = CentralStore(db_url)
    tokens = {a: central.issue_agency_token(a) for a in sorted(catalogue.agencies)}
    central.close()
    with httpx.Client(base_url=url, timeout=30) as http:
        for m in made:
            for sid, statuses in m.statuses.items():
                agency = catalogue.services[sid].agency_id
                for status in statuses:
                    auth = {"authorization": f"Bearer {tokens[agency]}"}
                    path = f"/api/v1/journeys/{format_reference(m.ref)}/status"
                    r = http.post(path, json={"service": sid, "status": status}, headers=auth)
                    assert r.status_code == 200, r.text
                    if status != "in_review" and sid not in m.decided_ms:
                        wall = r.json()["wall"]
                        m.decided_ms[sid] = int(
                            datetime.fromisoformat(wall.replace("Z", "+00:00")).timestamp() * 1000
                        )


def enrol_all(db_url: str, url: str, devices: list[Device]) -> dict[str, str]:
    central = CentralStore(db_url)
    codes = {d.device_id: central.issue_enrolment_code(d.site) for d in devices}
    central.close()
    tokens = {}
    with httpx.Client(base_url=url, timeout=30) as http:
        for device_id, code in codes.items():
            r = http.post("/api/v1/enrol", json={"code": code, "device_id": device_id})
            assert r.status_code == 200, r.text
            tokens[device_id] = r.json()["device_token"]
    return tokens


@pytest.fixture(scope="package")
def network(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Network]:
    folder = tmp_path_factory.mktemp("insight")
    db_url = f"sqlite:///{folder / 'central.db'}"
    catalogue = load_catalogue(ROOT / "fixtures" / "catalogue")
    # The last noon (UTC) that has passed: journeys fall on the same days of the generated
    # calendar whatever the hour the suite runs at (at the real hour, a site's day counts
    # shifted with it and the small-cell test's mix of days came and went).
    half_day = 12 * 3600 * 1000
    now_ms = (int(time.time() * 1000) - half_day) // (2 * half_day) * (2 * half_day) + half_day
    devices, made = generate(catalogue, now_ms)
    server = CentralServer(db_url, central_config(folder, "http://127.0.0.1"))
    server.start()
    try:
        push_all(server.url, devices, enrol_all(db_url, server.url, devices))
        go_on_at_home(server.url, made)
        decide(db_url, server.url, catalogue, made)
        yield Network(server, db_url, catalogue, devices, made, now_ms)
    finally:
        server.stop()
