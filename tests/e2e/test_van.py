"""The van: days offline with a clock 2 days slow, then a central store comes up.

A van (site demo-van-norte) runs 50 journeys over three simulated days with no
network, through the desk the app uses, its store's clock 2 days behind the
world's; one of them is a linked journey started for the reference of a journey
that a counter at another site (demo-lisboa) began before the trip. Then
``counterpart central serve`` comes up (a real process): everything syncs, the
linked journey merges into its original, and the counter at the other site sees
one timeline of both in HLC order, the van's times marked as recorded by a clock
2 days slow — in the data, and on its timeline screen through Pilot.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable

from app.card_identity import identity_from_card
from app.config import load_settings
from app.counter.screens.timeline import TimelineScreen
from app.describe import recorded_by
from app.desk import Desk
from app.factory import build_app
from devices.cards.simulated import SimulatedCardReader
from sync.catalogue.loader import load_catalogue
from sync.catalogue.model import Catalogue
from sync.client import Backoff, enrol
from sync.domain.clocks import marks
from sync.domain.identity import Identity
from sync.link import RemoteCentral, SyncLink
from sync.linked import linked_timeline, pending
from sync.store.operators import get_operator
from sync.store.store import LocalStore
from tests.sync.serverproc import ROOT, CentralServer, counterpart, free_port, write_config

pytestmark = pytest.mark.anyio

DAY_MS = 86_400_000
SLOW_MS = 2 * DAY_MS
"""How far behind the world the van's clock is."""
JOURNEYS = 50
SS_MOVE = "social-security.change-of-address"
CARDS = (
    "marie-peeters",
    "jurgen-muller",
    "anneliese-schmitz",
    "fatima-el-amrani",
    "thi-lan-nguyen",
)


class World:
    """The world's clock: the machine's, shifted into the past while the story runs.

    ``shift_ms`` starts five days back and moves towards 0 (now) as the simulated days
    pass; the counter's clock is the world's, the van's is 2 days behind it.
    """

    def __init__(self) -> None:
        self.shift_ms = -5 * DAY_MS

    def now_ms(self) -> int:
        return time.time_ns() // 1_000_000 + self.shift_ms

    def van_ms(self) -> int:
        return self.now_ms() - SLOW_MS

    def van_now(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.van_ms() / 1000, dt.UTC)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT / "fixtures" / "catalogue")


@pytest.fixture(scope="module")
def identities() -> dict[str, Identity]:
    reader = SimulatedCardReader()
    found: dict[str, Identity] = {}
    for key in CARDS:
        reader.insert(key)
        found[key] = identity_from_card(reader.read(), reader.reader_name)
    return found


@pytest.fixture
def central(tmp_path: Path) -> Iterator[CentralServer]:
    port = free_port()
    (tmp_path / "central").mkdir()
    config = write_config(tmp_path / "central", "demo-lisboa", f"http://127.0.0.1:{port}")
    server = CentralServer(f"sqlite:///{tmp_path / 'central' / 'central.db'}", config, port)
    yield server
    server.stop()


def desk_for(store: LocalStore, catalogue: Catalogue, channel: str, clock: object) -> Desk:
    desk = Desk(
        store=store, catalogue=catalogue, card_reader=None, printer=None,
        site_name="test", public_url="https://counterpart.test", channel=channel,  # type: ignore[arg-type]
        clock=clock,  # type: ignore[arg-type]
    )  # fmt: skip
    desk.ensure_demo_operator()
    desk.operator = get_operator(store, "demo")
    return desk


def enrolled(server: CentralServer, store: LocalStore, site: str, token_file: Path) -> SyncLink:
    """Enrol the device at the depot (the central store is up) and give it its link."""
    issued = counterpart("central", "enrol", "--site", site, "--db", server.db_url,
                         config=server.config)  # fmt: skip
    assert issued.returncode == 0, issued.stderr
    token, _site = enrol(server.url, issued.stdout.strip(), store.device_id, backoff=Backoff.off())
    token_file.parent.mkdir(parents=True, exist_ok=True)
    token_file.write_text(token + "\n")
    return SyncLink(RemoteCentral(server.url, token_file), backoff=Backoff.off())


async def test_fifty_offline_journeys_with_a_slow_clock_sync_merge_and_show_one_timeline(
    central: CentralServer,
    tmp_path: Path,
    catalogue: Catalogue,
    identities: dict[str, Identity],
) -> None:
    world = World()
    counter_store = LocalStore(tmp_path / "lisboa.db", site_id="demo-lisboa",
                               physical_ms=world.now_ms)  # fmt: skip
    van_store = LocalStore(tmp_path / "van.db", site_id="demo-van-norte", physical_ms=world.van_ms)
    central.start()
    counter_link = enrolled(central, counter_store, "demo-lisboa", tmp_path / "lisboa.token")
    van_link = enrolled(central, van_store, "demo-van-norte", tmp_path / "van.token")
    central.stop()  # the van leaves the depot; the counter's network is down too, for now

    # Five days ago, at the counter in Lisboa: Marie starts a change of address.
    counter = desk_for(counter_store, catalogue, "counter", lambda: dt.datetime.now(dt.UTC))
    original_id = counter.start_with_identity(identities["marie-peeters"], "pt")
    counter.give_consent(original_id, ["services", "prefill", "handoff"])
    counter.add_service(original_id, SS_MOVE)
    counter.record_answer(original_id, "ss.number", "12345678901", service=SS_MOVE)
    original_ref = counter_store.journey(original_id).ref
    assert original_ref is not None

    # Three days in the van, 2 days slow, with no network.
    van = desk_for(van_store, catalogue, "van", world.van_now)
    step_ms = (3 * DAY_MS - 3_600_000) // JOURNEYS
    world.shift_ms = -3 * DAY_MS
    linked_id = ""
    offline = van_link.sync_round(van_store)
    assert offline.state == "offline"
    for number in range(JOURNEYS):
        world.shift_ms += step_ms
        if number == 20:  # day 2: Marie comes to the van with her receipt from Lisboa
            assert van.find(original_ref).journey_id is None  # not on board
            linked_id = van.start_linked(identities["marie-peeters"], "pt", original_ref)
            van.give_consent(linked_id, ["services", "prefill"])
            new = {"street": "Rua Nova 5", "postal_code": "4900-001", "municipality": "Viana"}
            van.record_answer(linked_id, "address.new", new, service=SS_MOVE)
            continue
        who = identities[CARDS[number % len(CARDS)]]
        journey_id = van.start_with_identity(who, "pt")
        van.give_consent(journey_id, ["services"])
        van.add_service(journey_id, SS_MOVE)
        van.record_answer(journey_id, "ss.number", f"{10_000_000_000 + number}", service=SS_MOVE)
        if number % 7 == 0:
            van.store.append(journey_id, "note.added", {"text": "visit again"},
                             channel="van", actor=van.actor)  # fmt: skip
    assert van_link.sync_round(van_store).state == "offline"
    waiting = van_store.backlog()
    assert waiting > 5 * JOURNEYS
    assert [p.ref for p in pending(van_store)] == [original_ref]

    # Back at the depot: the central store comes up; the counter syncs, then the van.
    world.shift_ms = 0
    central.start()
    assert counter_link.sync_round(counter_store).state == "synced"
    outcome = van_link.sync_round(van_store)
    assert (outcome.state, outcome.waiting, outcome.fetched) == ("synced", 0, (original_ref,))
    assert outcome.report is not None and outcome.report.parked == 0
    assert van_store.parked() == []
    assert pending(van_store) == []
    # The merge: the original is on board now, linked back to the van's journey, and
    # nothing is asked twice on either (answers of the other offered as earlier ones).
    original_here = van_store.journey(original_id)
    linked_ref = van_store.journey(linked_id).ref
    assert linked_ref is not None and linked_ref in original_here.linked_refs
    assert "address.new" in van.earlier_answers(original_here)
    assert "ss.number" in van.earlier_answers(van_store.journey(linked_id))

    # At the counter in Lisboa: the next round brings the back link; the timeline
    # fetches the van's journey and shows both as one, in HLC order.
    assert counter_link.sync_round(counter_store).state == "synced"
    assert linked_ref in counter_store.journey(original_id).linked_refs

    def fetch(ref: str) -> str | None:
        return counter_link.fetch(counter_store, ref, "demo").journey_id

    merged = linked_timeline(counter_store, original_id, fetch)
    assert [e.hlc for e in merged] == sorted(e.hlc for e in merged)
    journeys = {e.journey_id for e in merged}
    assert journeys == {original_id, linked_id}
    van_events_shown = [e for e in merged if e.device_id == van_store.device_id]
    assert {e.id for e in van_events_shown} <= {e.id for e in van_store.iter_events()}
    van_linked = [e for e in van_store.events_of(linked_id) if e.device_id == van_store.device_id]
    back_links = [e for e in van_events_shown if e.journey_id == original_id]
    assert [(e.type, e.data["reason"]) for e in back_links] == [("journey.linked", "merged")]
    assert len(van_events_shown) == len(van_linked) + 1
    # The central store's findings about the van's clock are in both logs.
    assert {e.journey_id for e in merged if e.type == "clock.offset"} == journeys
    found = marks(merged)
    assert set(found) == {e.id for e in van_events_shown}  # the counter's own: unmarked
    assert {recorded_by(offset, "en") for offset in found.values()} == {
        "recorded by a clock 2 days slow"
    }

    # The same on the counter's timeline screen.
    settings = load_settings(ROOT / "kiosk.toml")
    app = build_app(settings, store=counter_store, catalogue=catalogue, sync_link=counter_link,
                    use_devices=False, lock_after=None)  # fmt: skip
    try:
        async with app.run_test(size=(160, 60)) as pilot:
            app.desk.operator = get_operator(counter_store, "demo")
            app.push_screen(TimelineScreen(original_id))
            for _ in range(100):
                await pilot.pause(0.05)
                table = app.screen.query_one("#timeline", DataTable)
                if table.row_count == len(merged):
                    break
            rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
            assert len(rows) == len(merged)
            words = recorded_by(-SLOW_MS, app.session.ui_language)  # "… 2 days slow"
            marked = [r for r in rows if words in r[0]]
            assert len(marked) == len(van_events_shown), rows[:3]
    finally:
        counter_link.close()
        van_link.close()
        counter_store.close()
        van_store.close()
