"""A citizen replies STOP to an SMS: the gateway posts it to a real ``counterpart central
serve``, which withdraws the contact consent of that number's journeys, and the messages
still queued for them are never sent (the SMS gateway stand-in receives only the others)."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
from sqlalchemy import select

from sync.central import schema as t
from sync.central.store import CentralStore
from tests.notify.journeys import AGENCY, SERVICE, Seeder
from tests.notify.receivers import Gateway, sms_gateway
from tests.sync.serverproc import ROOT, CentralServer

NUMBER = "+351912345678"
OTHER = "+351987654321"
INBOUND_TOKEN = "inbound-secret-of-the-gateway"


def _config(folder: Path, gateway: Gateway | None) -> Path:
    (folder / "inbound.token").write_text(INBOUND_TOKEN + "\n", encoding="utf-8")
    notify = 'driver = "off"\n'
    if gateway is not None:
        (folder / "sms.token").write_text(gateway.token, encoding="utf-8")
        notify = (f'driver = "network"\nsms_url = "{gateway.url}"\nsms_token_file = "sms.token"\n'
                  "quiet_channels = []\npoll_seconds = 0.05\nunfinished_days = 0\n"
                  "expiring_days = 0\n")  # fmt: skip
    path = folder / "kiosk.toml"
    path.write_text(
        '[site]\nid = "central-test"\nname = "Central"\n\n'
        f'[catalogue]\npath = "{ROOT / "fixtures" / "catalogue"}"\n\n'
        f'[notify]\nsms_inbound_token_file = "inbound.token"\n{notify}',
        encoding="utf-8",
    )
    return path


def _outbox(db_url: str) -> dict[str, str]:
    store = CentralStore(db_url)
    try:
        with store.read() as conn:
            rows = conn.execute(select(t.outbox.c.journey_id, t.outbox.c.state)).all()
    finally:
        store.close()
    return {str(j): str(s) for j, s in rows}


def _stderr_after_stop(server: CentralServer) -> str:
    assert server.proc is not None and server.proc.stderr is not None
    server.proc.terminate()
    server.proc.wait(timeout=15)
    err = server.proc.stderr.read().decode()
    server.stop()
    return err


def test_stop_withdraws_consent_and_the_queued_sms_is_never_sent(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'central.db'}"
    store = CentralStore(db_url)
    seeder = Seeder(store)
    stopping = []
    for language in ("pt", "es"):  # one phone, two journeys: STOP stops both
        journey_id, ref = seeder.journey(language=language, channel="sms", address=NUMBER)
        store.record_status(AGENCY, ref, SERVICE, "accepted", None)
        stopping.append(journey_id)
    kept, ref = seeder.journey(language="en", channel="sms", address=OTHER)
    store.record_status(AGENCY, ref, SERVICE, "accepted", None)
    store.close()
    assert set(_outbox(db_url).values()) == {"queued"}

    # The gateway posts the reply while nothing is being sent (driver off): all stay queued.
    server = CentralServer(db_url, _config(tmp_path, None))
    server.start()
    url = f"{server.url}/api/v1/sms/inbound"
    auth = {"Authorization": f"Bearer {INBOUND_TOKEN}"}
    try:
        reply = {"from": NUMBER, "text": "  Parar "}
        assert httpx.post(url, json=reply).status_code == 401
        wrong = httpx.post(url, json=reply, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        bad = httpx.post(url, json={"text": "STOP"}, headers=auth)
        assert bad.status_code == 422 and "from" in bad.json()["detail"], bad.text
        chatter = httpx.post(url, json={"from": NUMBER, "text": "obrigado!"}, headers=auth)
        assert chatter.status_code == 200 and chatter.json() == {"stop": False, "stopped": 0}
        stop = httpx.post(url, json=reply, headers=auth)
        assert stop.status_code == 200, stop.text
        assert stop.json() == {"stop": True, "stopped": 2}
        again = httpx.post(url, json={"from": NUMBER, "text": "STOP"}, headers=auth)
        assert again.json() == {"stop": True, "stopped": 0}
    finally:
        err = _stderr_after_stop(server)
    assert NUMBER not in err and NUMBER[1:] not in err

    store = CentralStore(db_url)
    try:
        for journey_id in stopping:
            events = store.journey_events(journey_id)
            (withdrawn,) = [e for e in events if e.type == "consent.withdrawn"]
            assert withdrawn.data == {"purposes": ["contact"]} and withdrawn.actor == "citizen"
            assert NUMBER not in withdrawn.data_json()
        assert "consent.withdrawn" not in [e.type for e in store.journey_events(kept)]
    finally:
        store.close()

    # Now the notifier drains: the other number gets its SMS, the stopped ones are dropped.
    with sms_gateway() as gateway:
        server = CentralServer(db_url, _config(tmp_path, gateway))
        server.start()
        try:
            deadline = time.monotonic() + 30
            while "queued" in _outbox(db_url).values():
                assert time.monotonic() < deadline, _outbox(db_url)
                time.sleep(0.05)
        finally:
            server.stop()
        sent_to = [body["to"] for body in gateway.accepted.values()]
    assert sent_to == [OTHER]
    states = _outbox(db_url)
    assert states == {stopping[0]: "dropped", stopping[1]: "dropped", kept: "sent"}
