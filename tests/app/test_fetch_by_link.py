"""Scanning a receipt whose journey is not on this machine, against a real central store on
loopback: the journey is fetched by the link's token hash (audited there) and opened; a link
the central store does not hold, or a revoked one, asks for the receipt's reference."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from app.counter.screens.home import HomeScreen
from app.counter.screens.review import ReviewScreen
from app.i18n import tr
from sync.client import Backoff, SyncClient
from sync.domain.handoff import expiry, handoff_id_for, handoff_url, token_hash
from sync.store.store import LocalStore
from tests.app.conftest import NOW, SIZE, AppFactory, embedded_link, settle, sign_in
from tests.app.test_fetch_by_reference import OTHER_SITE, journey_from_another_site, message

pytestmark = pytest.mark.anyio

PORTO_TOKEN = "PortoReceiptTokenPortoReceiptTo0"
"""The token on the receipt printed in Porto (only its hash ever left that machine)."""


def issue_in_porto(folder: Path, url: str, device_token: str, journey_id: str, token: str) -> str:
    """A handoff issued on the other site's device for ``token`` and pushed; its id."""
    hashed = token_hash(token)
    with LocalStore(folder / "porto.db", site_id=OTHER_SITE, device_id="dev-porto") as other:
        other.append(
            journey_id,
            "handoff.issued",
            {"handoff_id": handoff_id_for(hashed), "token_hash": hashed, "expires": expiry(NOW)},
            channel="counter",
            actor="operator:porto",
        )
        with SyncClient(other, url, device_token, backoff=Backoff.off()) as client:
            assert client.sync_once().state == "synced"
    return handoff_id_for(hashed)


async def scan(pilot: object, text: str) -> None:
    """What a USB scanner does on home: type the URL, then enter."""
    app = pilot.app  # type: ignore[attr-defined]
    app.screen.query_one("#resume", Input).value = ""
    await pilot.press(*text, "enter")  # type: ignore[attr-defined]
    await settle(pilot)


async def test_a_scanned_link_whose_journey_only_the_central_store_holds_opens_it(
    make_app: AppFactory, store: LocalStore, tmp_path: Path
) -> None:
    link = embedded_link(tmp_path)
    app = make_app(sync_link=link)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)  # the round on mount starts the embedded central store
            central = link.target.central  # type: ignore[attr-defined]
            assert central is not None
            journey_id, _ref, porto = journey_from_another_site(
                central.store, central.url, tmp_path
            )
            handoff_id = issue_in_porto(tmp_path, central.url, porto, journey_id, PORTO_TOKEN)
            assert store.find_by_token_hash(token_hash(PORTO_TOKEN)) is None
            await sign_in(pilot)
            lang = app.session.ui_language

            # A receipt printed by another site carries that site's public URL.
            await scan(pilot, handoff_url("https://porto.example", "NoSuchReceiptNoSuchReceipt0"))
            assert isinstance(app.screen, HomeScreen)
            assert message(app) == tr(lang, "home.link_central_unknown")
            assert "f6" not in app.screen.active_bindings  # the reference is what to type

            await scan(pilot, handoff_url("https://porto.example", PORTO_TOKEN))
            assert isinstance(app.screen, ReviewScreen)
            assert app.screen.journey_id == journey_id
            # Its five, and the central store's finding about the Porto device's clock.
            kinds = [e.type for e in store.events_of(journey_id)]
            assert len([k for k in kinds if k != "clock.offset"]) == 5
            found = store.find_by_token_hash(token_hash(PORTO_TOKEN))
            assert found is not None and found.journey_id == journey_id

            audit = [
                (e["action"], e["actor"], e["detail"])
                for e in central.store.audit_entries()
                if e["action"].startswith("journey.fetch")
            ]
            me = f"device:{store.device_id} operator:demo"
            assert audit[0][:2] == ("journey.fetch_missed", me)
            assert audit[1] == ("journey.fetched", me, f"link={handoff_id} site=demo-lisboa")
            assert all(PORTO_TOKEN not in detail for _a, _b, detail in audit)
    finally:
        link.close()
    opened = store.conn.execute(
        "SELECT actor, detail FROM audit WHERE action = 'journey.opened' AND journey_id = ?",
        (journey_id,),
    ).fetchall()
    assert opened == [("operator:demo", "fetched_by_link")]


async def test_a_fetched_link_that_was_replaced_says_so(
    make_app: AppFactory, store: LocalStore, tmp_path: Path
) -> None:
    link = embedded_link(tmp_path)
    app = make_app(sync_link=link)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            central = link.target.central  # type: ignore[attr-defined]
            journey_id, _ref, porto = journey_from_another_site(
                central.store, central.url, tmp_path
            )
            old = issue_in_porto(tmp_path, central.url, porto, journey_id, PORTO_TOKEN)
            with LocalStore(
                tmp_path / "porto.db", site_id=OTHER_SITE, device_id="dev-porto"
            ) as other:
                revoked = {"handoff_id": old, "reason": "reissued"}
                other.append(
                    journey_id,
                    "handoff.revoked",
                    revoked,
                    channel="counter",
                    actor="operator:porto",
                )
                with SyncClient(other, central.url, porto, backoff=Backoff.off()) as client:
                    assert client.sync_once().state == "synced"
            await sign_in(pilot)
            await scan(pilot, handoff_url("https://porto.example", PORTO_TOKEN))
            assert isinstance(app.screen, HomeScreen)
            assert message(app) == tr(app.session.ui_language, "home.link_revoked")
    finally:
        link.close()
