"""The returning citizen whose open journey is at another site: reading their card asks the
central store (a real one on loopback), says so on the identify screen, and F7 fetches the
journey by reference and opens it; the central store out of reach says nothing and the
screen goes on as ever."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from app.counter.screens.consent import ConsentScreen
from app.counter.screens.identify import IdentifyScreen
from app.counter.screens.review import ReviewScreen
from app.describe import when
from sync.central.embedded import EmbeddedCentral
from sync.client import Backoff
from sync.domain.ids import format_reference
from sync.link import RemoteCentral, SyncLink
from sync.store.store import LocalStore
from sync.tokenfile import write_private
from tests.app.conftest import SIZE, AppFactory, embedded_link, settle, sign_in
from tests.app.test_fetch_by_reference import OTHER_SITE, journey_from_another_site
from tests.sync.serverproc import free_port

pytestmark = pytest.mark.anyio


def returning(app: object) -> str:
    return str(app.screen.query_one("#returning", Static).render())  # type: ignore[attr-defined]


async def read_marie(pilot: object) -> None:
    await pilot.press("ctrl+n")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]  # the first demo card: Marie
    await settle(pilot)


async def test_a_card_whose_citizen_has_an_open_journey_elsewhere_offers_to_fetch_it(
    make_app: AppFactory, store: LocalStore, tmp_path: Path
) -> None:
    link = embedded_link(tmp_path)
    app = make_app(sync_link=link)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)  # the round on mount starts the embedded central store
            central = link.target.central  # type: ignore[attr-defined]
            assert central is not None
            journey_id, ref, _token = journey_from_another_site(
                central.store, central.url, tmp_path
            )
            assert store.find_by_ref(ref) is None
            await sign_in(pilot)
            await read_marie(pilot)
            assert isinstance(app.screen, IdentifyScreen)
            last = central.store.journey_state(journey_id).last_wall
            assert returning(app) == (
                f"Marie has an open journey {format_reference(ref)} at {OTHER_SITE} with 1 "
                f"service, last active {when(last, 'en')}: F7 continues it, Ctrl+S starts "
                "a new one."
            )
            await pilot.press("f7")
            await settle(pilot)
            assert isinstance(app.screen, ReviewScreen) and app.screen.journey_id == journey_id
            assert [type(s).__name__ for s in app.screen_stack[1:]] == [
                "HomeScreen",
                "ReviewScreen",
            ]
            audited = [
                (e["action"], e["actor"])
                for e in central.store.audit_entries(journey_id)
                if e["action"] in ("journey.looked_up", "journey.fetched")
            ]
            me = f"device:{store.device_id} operator:demo"
            assert audited == [("journey.looked_up", me), ("journey.fetched", me)]
    finally:
        link.close()
    assert [r.journey_id for r in store.journeys(limit=10)] == [journey_id]  # no second one
    opened = store.audit_entries("journey.opened", journey_id=journey_id)
    assert [detail for *_, detail in opened] == ["returning"]


async def test_the_central_store_out_of_reach_leaves_the_identify_screen_as_it_was(
    make_app: AppFactory, store: LocalStore, tmp_path: Path
) -> None:
    port = free_port()
    central = EmbeddedCentral(tmp_path / "central.db", port=port)
    central.start()
    try:
        journey_id, _ref, _token = journey_from_another_site(central.store, central.url, tmp_path)
        token, _site = central.store.enrol(
            central.store.issue_enrolment_code("demo-lisboa"), store.device_id
        )
    except BaseException:
        central.stop()
        raise
    token_file = tmp_path / "device.token"
    write_private(token_file, token)
    link = SyncLink(RemoteCentral(f"http://127.0.0.1:{port}", token_file), backoff=Backoff.off())
    app = make_app(sync_link=link)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert link.up  # the round on mount reached it ...
            central.stop()  # ... and now nothing listens: the card read must not mind
            await sign_in(pilot)
            await read_marie(pilot)
            assert isinstance(app.screen, IdentifyScreen)
            assert returning(app) == ""
            assert app.screen.check_action("continue_journey", ()) is False
            assert not [n for n in app._notifications if n.severity == "error"]
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, ConsentScreen)
    finally:
        link.close()
        central.stop()
    assert journey_id not in [r.journey_id for r in store.journeys(limit=10)]
