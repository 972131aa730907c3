"""Resuming a journey that is not on this machine, against a real central store on loopback:
fetched by reference (and audited there), or, offline, continued as a linked journey that
joins the referenced one at the next sync round once the central store answers; offline, a
scanned link asks for the reference (fetching by link: test_fetch_by_link.py)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import text
from textual.widgets import DataTable, Input

from app.card_identity import identity_from_card
from app.counter.screens.consent import ConsentScreen
from app.counter.screens.home import HomeScreen
from app.counter.screens.identify import IdentifyScreen
from app.counter.screens.review import ReviewScreen
from app.counter.screens.timeline import TimelineScreen
from app.i18n import tr
from devices.cards.simulated import SimulatedCardReader
from sync.central.embedded import EmbeddedCentral
from sync.central.store import CentralStore
from sync.client import Backoff, SyncClient
from sync.domain.ids import format_reference, new_reference
from sync.link import RemoteCentral, SyncLink
from sync.linked import PendingFetch, pending
from sync.store.store import LocalStore
from sync.tokenfile import write_private
from tests.app.conftest import SIZE, SS_MOVE, AppFactory, Ticker, embedded_link, settle, sign_in
from tests.sync.serverproc import free_port

pytestmark = pytest.mark.anyio

OTHER_SITE = "demo-porto"


def journey_from_another_site(
    central: CentralStore, url: str, folder: Path
) -> tuple[str, str, str]:
    """A journey written on a device of another site and pushed to the central store.

    Returns:
        (journey id, canonical reference, that device's token).
    """
    token, _site = central.enrol(central.issue_enrolment_code(OTHER_SITE), "dev-porto")
    reader = SimulatedCardReader()
    reader.insert("marie-peeters")
    card = identity_from_card(reader.read(), reader.reader_name)
    seeded = random.Random(11)
    with LocalStore(
        folder / "porto.db",
        site_id=OTHER_SITE,
        device_id="dev-porto",
        physical_ms=Ticker(),
        random_bytes=seeded.randbytes,
    ) as other:
        actor = "operator:porto"
        started = other.start_journey(language="pt", channel="counter", actor=actor)
        journey_id = started.journey_id
        identified = {
            "method": "card",
            "name": card.name,
            "birth_date": card.birth_date,
            "national_number": card.national_number,
        }
        for kind, data in (
            ("citizen.identified", identified),
            ("service.added", {"service": SS_MOVE}),
            (
                "answer.recorded",
                {
                    "field": "ss.number",
                    "value": "12345678901",
                    "source": "typed",
                    "supersedes": [],
                    "service": SS_MOVE,
                },
            ),
        ):
            other.append(journey_id, kind, data, channel="counter", actor=actor)  # type: ignore[arg-type]
        with SyncClient(other, url, token, backoff=Backoff.off()) as client:
            report = client.sync_once()
        assert (report.state, report.pushed) == ("synced", 4), report.summary()
    return journey_id, started.data["ref"], token


def message(app: object) -> str:
    return str(app.screen.query_one("#home-message").render())  # type: ignore[attr-defined]


def timeline_lines(app: object) -> list[str]:
    table = app.screen.query_one("#timeline", DataTable)  # type: ignore[attr-defined]
    return [" | ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


async def test_a_journey_only_the_central_store_holds_is_fetched_by_reference(
    make_app: AppFactory, store: LocalStore, tmp_path: Path
) -> None:
    link = embedded_link(tmp_path)
    app = make_app(sync_link=link)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)  # the round on mount starts the embedded central store
            central = link.target.central  # type: ignore[attr-defined]
            assert central is not None
            journey_id, ref, token = journey_from_another_site(central.store, central.url, tmp_path)
            assert store.find_by_ref(ref) is None
            await sign_in(pilot)
            lang = app.session.ui_language

            unknown = new_reference(b"\x01\x02\x03\x04\x05")
            await pilot.press(*unknown, "enter")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            said = tr(lang, "home.central_unknown", ref=format_reference(unknown))
            assert message(app) == said
            assert "f6" in app.screen.active_bindings  # a van may hold it, not synced yet

            app.screen.query_one("#resume", Input).value = ""
            await pilot.press(*ref.lower(), "enter")
            await settle(pilot)
            assert isinstance(app.screen, ReviewScreen)
            assert app.screen.journey_id == journey_id
            await pilot.press("f9")
            await settle(pilot)
            assert isinstance(app.screen, TimelineScreen)
            lines = timeline_lines(app)
            # Four events, and the central store's finding that the Porto device's
            # (the tests' fixed) clock is days off, which marks their times.
            assert len(lines) == 5 == len(store.events_of(journey_id))
            assert all(OTHER_SITE in line for line in lines if "· central" not in line), lines

            # The site may now pull the journey: what the other site adds arrives here.
            with LocalStore(
                tmp_path / "porto.db", site_id=OTHER_SITE, device_id="dev-porto"
            ) as other:
                other.append(
                    journey_id,
                    "note.added",
                    {"text": "call back"},
                    channel="counter",
                    actor="operator:porto",
                )
                with SyncClient(other, central.url, token, backoff=Backoff.off()) as client:
                    assert client.sync_once().state == "synced"
            app.sync_now()
            await settle(pilot)
            assert store.journey(journey_id).notes == ("call back",)

            fetched = [
                e
                for e in central.store.audit_entries(journey_id)
                if e["action"] == "journey.fetched"
            ]
            assert [e["actor"] for e in fetched] == [f"device:{store.device_id} operator:demo"]
    finally:
        link.close()
    opened = store.conn.execute(
        "SELECT actor, detail FROM audit WHERE action = 'journey.opened' AND journey_id = ?",
        (journey_id,),
    ).fetchall()
    assert opened == [("operator:demo", "fetched")]


async def test_offline_a_linked_journey_is_started_and_joins_when_the_central_store_answers(
    make_app: AppFactory, store: LocalStore, tmp_path: Path
) -> None:
    port = free_port()
    db = tmp_path / "central.db"
    central = EmbeddedCentral(db, port=port)
    central.start()
    try:
        journey_id, ref, _token = journey_from_another_site(central.store, central.url, tmp_path)
        token, _site = central.store.enrol(
            central.store.issue_enrolment_code("demo-lisboa"), store.device_id
        )
    finally:
        central.stop()  # and now nothing listens on the port: offline
    token_file = tmp_path / "device.token"
    write_private(token_file, token)
    link = SyncLink(RemoteCentral(f"http://127.0.0.1:{port}", token_file), backoff=Backoff.off())
    app = make_app(sync_link=link)
    back: EmbeddedCentral | None = None
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await sign_in(pilot)
            lang = app.session.ui_language
            assert "f6" not in app.screen.active_bindings
            await pilot.press(*ref, "enter")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            assert message(app) == tr(lang, "home.central_offline", ref=format_reference(ref))
            assert not app.screen.query("Toast"), "no error dialogs for being offline"
            assert "f6" in app.screen.active_bindings

            await pilot.press("f6")
            await settle(pilot)
            assert isinstance(app.screen, IdentifyScreen) and app.screen.linked_to is not None
            await pilot.press("enter")  # the first demo card
            await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, ConsentScreen)
            linked_id = app.screen.journey_id
            events = store.events_of(linked_id)
            kinds = [e.type for e in events]
            assert kinds[:3] == ["journey.started", "journey.linked", "citizen.identified"]
            assert events[1].data == {"ref": ref, "reason": "offline"}
            assert store.journey(linked_id).linked_refs == (ref,)
            assert pending(store) == [PendingFetch(ref, linked_id, "demo", "counter")]
            assert store.find_by_ref(ref) is None

            back = EmbeddedCentral(db, port=port)  # the network is back
            back.start()
            app.sync_now()
            await settle(pilot)
            outcome = app.session.sync_outcome
            assert outcome is not None
            assert (outcome.state, outcome.fetched, outcome.waiting) == ("synced", (ref,), 0)
            assert pending(store) == []
            found = store.find_by_ref(ref)
            assert found is not None and found.journey_id == journey_id
            linked_ref = store.journey(linked_id).ref
            assert linked_ref is not None
            assert store.journey(journey_id).linked_refs == (linked_ref,)
            # Nothing to type twice: the original's answers are offered on the linked one.
            offered = app.desk.earlier_answers(store.journey(linked_id))
            assert offered["ss.number"].journey_id == journey_id

            app.push_screen(TimelineScreen(journey_id))
            await settle(pilot)
            merged = tr(lang, "event.journey.linked.merged", ref=format_reference(linked_ref))
            assert any(merged in line for line in timeline_lines(app))
            app.push_screen(TimelineScreen(linked_id))
            await settle(pilot)
            started = tr(lang, "event.journey.linked.offline", ref=format_reference(ref))
            assert any(started in line for line in timeline_lines(app))
            app.push_screen(ReviewScreen(linked_id))
            await settle(pilot)
            who = str(app.screen.query_one("#review-who").render())
            assert f"{tr(lang, 'review.linked')}: {format_reference(ref)}" in who

            fetched = [
                e for e in back.store.audit_entries(journey_id) if e["action"] == "journey.fetched"
            ]
            assert [e["actor"] for e in fetched] == [f"device:{store.device_id} operator:demo"]
            with back.store.engine.connect() as conn:
                links = conn.execute(
                    text(
                        "SELECT count(*) FROM events WHERE journey_id = :j "
                        "AND type = 'journey.linked'"
                    ),
                    {"j": journey_id},
                ).scalar_one()
            assert links == 1  # the back link reached the central store too
    finally:
        if back is not None:
            back.stop()
        link.close()


@pytest.mark.parametrize("enrolled", [True, False])
async def test_offline_an_unknown_handoff_link_asks_for_the_reference(
    make_app: AppFactory, tmp_path: Path, enrolled: bool
) -> None:
    token_file = tmp_path / "device.token"
    if enrolled:
        write_private(token_file, "some-token")
    link = SyncLink(
        RemoteCentral(f"http://127.0.0.1:{free_port()}", token_file), backoff=Backoff.off()
    )
    app = make_app(sync_link=link)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_in(pilot)
        await pilot.press(*"https://example.org/c/AbCdEfGhIjKlMnOpQrStUv", "enter")
        await settle(pilot)
        said = "home.link_central_offline" if enrolled else "home.link_central_not_enrolled"
        assert message(app) == tr(app.session.ui_language, said)
        assert "f6" not in app.screen.active_bindings
        assert not app.screen.query("Toast"), "no error dialogs for being offline"
    link.close()
