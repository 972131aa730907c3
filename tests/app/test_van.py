"""Van mode through Pilot: the header's time since the last sync and backlog, the day
screen, and the sync that waits while the mediator is in the middle of a form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from app.config import Settings
from app.counter.intents import OpenJourney
from app.counter.screens.day import DayScreen
from app.counter.screens.steps import StepsScreen
from app.counter.van import VanApp
from app.factory import build_app
from app.messages import LanguageSwitched
from devices.cards.simulated import SimulatedCardReader
from devices.printing.preview import PreviewReceiptPrinter
from sync.catalogue.model import Catalogue
from sync.link import SyncLink
from sync.store.print_queue import PrintJobRow, SqlitePrintQueue
from sync.store.store import LocalStore
from tests.app.conftest import NOW, TOKEN, embedded_link, seed_journey, settle, sign_in

pytestmark = pytest.mark.anyio

VAN_SIZE = (120, 38)


@pytest.fixture
def van_machine(machine: Settings) -> Settings:
    """This test's machine in van mode."""
    site = machine.site.model_copy(update={"mode": "van"})
    return machine.model_copy(update={"site": site})


@pytest.fixture
def make_van(
    van_machine: Settings, catalogue: Catalogue, store: LocalStore, tmp_path: Path
) -> Iterator[object]:
    built: list[VanApp] = []

    def make(link: SyncLink | None, *, printer: bool = True) -> VanApp:
        app = build_app(
            van_machine,
            store=store,
            catalogue=catalogue,
            card_reader=SimulatedCardReader(),
            printer=PreviewReceiptPrinter(tmp_path / "receipts") if printer else None,
            use_devices=printer,
            clock=lambda: NOW,
            token_factory=lambda: TOKEN,
            lock_after=None,
            sync_link=link,
        )
        assert isinstance(app, VanApp)
        built.append(app)
        return app

    yield make
    for app in built:
        if app.sync_link is not None:
            app.sync_link.close()


def header(app: VanApp) -> str:
    bar = app.screen.query_one(".status-bar", Static)
    return str(bar.render())


def two_hours_ago(store: LocalStore) -> None:
    """As if the last round that reached the central store ran at 07:46, 2 h 14 min before NOW."""
    earlier = NOW - dt.timedelta(hours=2, minutes=14)
    store.set_state("last_sync", earlier.strftime("%Y-%m-%dT%H:%M:%SZ"))


async def test_the_header_shows_the_time_since_the_last_sync_and_the_backlog_until_a_sync(
    make_van: object, store: LocalStore, tmp_path: Path
) -> None:
    link = embedded_link(tmp_path)
    app = make_van(None)  # type: ignore[operator]
    journey_id = seed_journey(app)
    two_hours_ago(store)
    waiting = store.backlog()
    assert waiting > 1
    async with app.run_test(size=VAN_SIZE) as pilot:
        await sign_in(pilot)
        shown = header(app)
        assert f"last sync 2 h 14 min ago · {waiting} events waiting" in shown, shown
        # The same words on every screen: the journey's overview too.
        app.post_message(OpenJourney(journey_id, "list"))
        await settle(pilot)
        assert f"{waiting} events waiting" in header(app)
        for lang, words in (
            ("pt", f"última sincronização há 2 h 14 min · {waiting} eventos por enviar"),
            ("es", f"última sincronización hace 2 h 14 min · {waiting} eventos por enviar"),
            ("en", f"last sync 2 h 14 min ago · {waiting} events waiting"),
        ):
            app.session.ui_language = lang
            app.post_message(LanguageSwitched())
            await settle(pilot)
            assert words in header(app), header(app)
        # A round reaches the central store: nothing waits, and the time is the round's.
        app.session.sync_link = link
        app.sync_now()
        await settle(pilot)
        assert store.backlog() == 0
        shown = header(app)
        assert "nothing waiting" in shown and "2 h 14 min" not in shown, shown
        assert app.session.last_sync is not None
        assert app.session.last_sync > NOW - dt.timedelta(hours=2, minutes=14)
    link.close()


async def test_the_day_screen_shows_journeys_waiting_parked_and_receipts(
    make_van: object, store: LocalStore
) -> None:
    # No printer on this machine now: the receipt keeps waiting for paper.
    app = make_van(None, printer=False)  # type: ignore[operator]
    journey_id = seed_journey(app)
    ref = store.journey(journey_id).ref
    assert ref is not None
    # The central store parked the journey's note (as a push's answer records it) and
    # acknowledged everything before it; the receipt waits for paper.
    note = store.append(journey_id, "note.added", {"text": "n"}, channel="van", actor="system")
    store.record_push(note.seq - 1, [(note.seq, note.id, "type from a newer app version")])
    store.append(journey_id, "note.added", {"text": "m"}, channel="van", actor="system")
    SqlitePrintQueue(store, claim_seconds=60).enqueue(
        PrintJobRow("job-1", ref, "{}", None, 2, "paper out", journey_id=journey_id)
    )
    async with app.run_test(size=VAN_SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("f7")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DayScreen)
        journeys = screen.query_one("#day-journeys", DataTable)
        assert journeys.row_count == 1
        cells = [str(c) for c in journeys.get_row_at(0)]
        assert cells[0] == f"{ref[:3]}-{ref[3:6]}-{ref[6:]}" and cells[1] == "Marie Élise Peeters"
        # The parked note counts as held; the note after it waits, and so does the one
        # the central store parked (seq above the gapless acknowledgement).
        assert cells[3] == "2"
        waiting_text = str(screen.query_one("#day-waiting", Static).render())
        assert "2 events of this device in 1 journeys" in waiting_text, waiting_text
        parked = screen.query_one("#day-parked", DataTable)
        assert parked.row_count == 1
        assert [str(c) for c in parked.get_row_at(0)][1:] == [
            "note.added",
            "type from a newer app version",
        ]
        receipts = str(screen.query_one("#day-receipts", Static).render())
        assert "2 attempts · paper out" in receipts
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, DayScreen)


async def test_the_van_syncs_by_itself_only_once_the_field_being_edited_is_saved(
    make_van: object, store: LocalStore, tmp_path: Path
) -> None:
    link = embedded_link(tmp_path)
    app = make_van(link)  # type: ignore[operator]
    journey_id = seed_journey(app)
    async with app.run_test(size=VAN_SIZE) as pilot:
        await sign_in(pilot)  # the first round, on mount, pushes the seeded journey
        assert store.backlog() == 0
        app.push_screen(StepsScreen(journey_id))
        await settle(pilot)
        field = app.screen.focused
        assert isinstance(field, Input) and field.id is not None
        await pilot.press("9")  # typed, Enter not pressed: in the middle of a form
        await settle(pilot)
        assert app.session.sync_held and app.gate.held
        assert "⇅ nothing waiting · sync waits for Enter" in header(app)
        # Something else is saved meanwhile (its nudge), and the interval round falls due.
        store.append(journey_id, "note.added", {"text": "n"}, channel="van", actor="system")
        app.sync_now()
        await settle(pilot)
        assert store.backlog() == 1  # neither ran
        await pilot.press("escape")  # "9" is no date: the form keeps it, and the round waits
        await settle(pilot)
        assert app.session.sync_held
        await pilot.press("ctrl+u", "escape")  # cleared, then left: the round waiting runs
        await settle(pilot)
        assert not app.session.sync_held
        await settle(pilot)
        assert store.backlog() == 0
        assert app.session.sync_outcome is not None
        assert app.session.sync_outcome.state == "synced"


def test_snapshot_of_the_van_header_and_day(
    snap_compare: Any, make_van: object, store: LocalStore
) -> None:
    """The day screen at 120x38 with a parked event and the backlog in the header."""
    app = make_van(None, printer=False)  # type: ignore[operator]
    journey_id = seed_journey(app)
    seed_journey(app)
    two_hours_ago(store)
    note = store.append(journey_id, "note.added", {"text": "n"}, channel="van", actor="system")
    store.record_push(note.seq - 3, [(note.seq, note.id, "type from a newer app version")])

    async def before(pilot: Pilot[Any]) -> None:
        await sign_in(pilot)
        await pilot.press("f7")
        await settle(pilot)
        await pilot.pause(0.1)

    assert snap_compare(app, terminal_size=VAN_SIZE, run_before=before)
