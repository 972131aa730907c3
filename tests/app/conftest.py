"""Fixtures of the app tests: the app built by the CLI's factory over a tmp store,
simulated devices, a fixed clock, seeded randomness and a fixed handoff token."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.worker import WorkerState

from app.config import Settings, load_settings
from app.counter.app import CounterpartApp
from app.factory import build_app
from devices.cards.simulated import SimulatedCardReader
from devices.printing.preview import PreviewReceiptPrinter
from sync.catalogue.loader import load_catalogue
from sync.catalogue.model import Catalogue
from sync.central.target import EmbeddedTarget
from sync.client import Backoff
from sync.link import SyncLink
from sync.store.store import LocalStore

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
TOKEN = "TestTokenTestTokenTestTokenTest0"
SIZE = (120, 36)


@pytest.fixture(autouse=True, scope="session")
def _utc() -> Iterator[None]:
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings(ROOT / "kiosk.toml")


@pytest.fixture(scope="session")
def catalogue(settings: Settings) -> Catalogue:
    return load_catalogue(settings.resolve(settings.catalogue.path))


class Ticker:
    """A machine clock that moves one second per reading, from NOW."""

    def __init__(self) -> None:
        self.ms = int(NOW.timestamp() * 1000)

    def __call__(self) -> int:
        self.ms += 1000
        return self.ms


def make_store(path: Path | str, site_id: str = "demo-lisboa") -> LocalStore:
    seeded = random.Random(7)
    return LocalStore(
        path,
        site_id=site_id,
        device_id="dev-test",
        physical_ms=Ticker(),
        random_bytes=seeded.randbytes,
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    with make_store(tmp_path / "counterpart.db") as opened:
        yield opened


AppFactory = Callable[..., CounterpartApp]


PUBLIC_URL = "https://counterpart.test"
"""The tests' ``[central] public_url``: not this machine, so each test's embedded central
store takes a free port instead of the committed kiosk.toml's 8780 (tests run side by side,
and beside ``./dev run``)."""


@pytest.fixture
def machine(settings: Settings, tmp_path: Path) -> Settings:
    """The committed kiosk.toml with this test's folder for the store, the token and
    the embedded central store (``central.db`` beside the store), and ``PUBLIC_URL``."""
    store = settings.store.model_copy(update={"path": tmp_path / "counterpart.db"})
    central = settings.central.model_copy(
        update={"token_file": tmp_path / "device.token", "public_url": PUBLIC_URL}
    )
    return settings.model_copy(update={"store": store, "central": central})


@pytest.fixture
def make_app(
    machine: Settings, catalogue: Catalogue, store: LocalStore, tmp_path: Path
) -> Iterator[AppFactory]:
    """Builds the app as ``counterpart`` does (``app.factory.build_app``): the store's
    print queue, the embedded central store of kiosk.toml with background sync and
    the nudge on every save; simulated devices, a fixed clock and handoff token.
    A test passes ``sync_link=None`` where the header must not depend on a round."""
    built: list[CounterpartApp] = []

    def make(**overrides: object) -> CounterpartApp:
        pieces: dict[str, object] = {
            "store": store,
            "catalogue": catalogue,
            "card_reader": SimulatedCardReader(),
            "printer": PreviewReceiptPrinter(tmp_path / "receipts"),
            "clock": lambda: NOW,
            "token_factory": lambda: TOKEN,
            "lock_after": None,
        }
        pieces.update(overrides)
        app = build_app(machine, **pieces)  # type: ignore[arg-type]
        built.append(app)
        return app

    yield make
    for app in built:  # the store is the ``store`` fixture's to close
        if app.sync_link is not None:
            app.sync_link.close()


def embedded_link(folder: Path, *, interval_seconds: float = 30.0) -> SyncLink:
    """A link to an embedded central store over ``folder/central.db`` (started by the
    first round), the device token in ``folder/var/device.token``, retries off."""
    target = EmbeddedTarget(
        folder / "central.db", site_id="demo-lisboa", token_file=folder / "var" / "device.token"
    )
    return SyncLink(target, interval_seconds=interval_seconds, backoff=Backoff.off())


async def settle(pilot: object) -> None:
    """Wait for every worker and the messages they posted.

    A worker not started yet cannot be waited for (Textual raises), and one that an
    exclusive worker of its group replaced is cancelled: both are passed over, and
    the loop comes back for whatever they started.
    """
    app = pilot.app  # type: ignore[attr-defined]
    for _ in range(4):
        for _ in range(200):
            busy = [w for w in app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
            running = [w for w in busy if w.state == WorkerState.RUNNING]
            if not busy:
                break
            if running:
                await asyncio.gather(*(w.wait() for w in running), return_exceptions=True)
            else:
                await asyncio.sleep(0.01)
        await pilot.pause()  # type: ignore[attr-defined]


async def sign_in(pilot: object, operator: str = "demo", pin: str = "1234") -> None:
    """Type the operator and PIN on the sign-in screen."""
    await pilot.press(*operator, "enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press(*pin, "enter")  # type: ignore[attr-defined]
    await settle(pilot)


async def open_from_home(pilot: object, journey_id: str) -> None:
    """Open a journey from the home screen, as a click on today's list does."""
    from app.counter.screens.home import HomeScreen

    home = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(home, HomeScreen)
    home.open_journey(journey_id, "list")
    await settle(pilot)


SS_MOVE = "social-security.change-of-address"
TAX_MOVE = "tax.change-of-address"


def seed_journey(app: CounterpartApp, *, conflict: bool = False) -> str:
    """A journey for Marie Peeters with two address-change services, written as the demo
    operator; with ``conflict``, the new address written twice without either seeing the other
    (at the counter and by the citizen at home)."""
    from app.card_identity import identity_from_card
    from sync.store.operators import get_operator

    desk = app.desk
    desk.operator = get_operator(desk.store, "demo")
    reader = SimulatedCardReader()
    reader.insert("marie-peeters")
    identity = identity_from_card(reader.read(), reader.reader_name)
    journey_id = desk.start_with_identity(identity, "pt")
    desk.give_consent(journey_id, ["services", "handoff"])
    desk.add_service(journey_id, SS_MOVE)
    desk.add_service(journey_id, TAX_MOVE)
    desk.record_answer(journey_id, "ss.number", "12345678901", service=SS_MOVE)
    new = {"street": "Rua Nova 5", "postal_code": "1000-001", "municipality": "Lisboa"}
    desk.record_answer(journey_id, "address.new", new, service=SS_MOVE)
    if conflict:
        other = {
            "street": "Avenida da Liberdade 200",
            "postal_code": "1250-147",
            "municipality": "Lisboa",
        }
        desk.store.append(
            journey_id,
            "answer.recorded",
            {
                "field": "address.new",
                "value": other,
                "source": "typed",
                "supersedes": [],
                "service": TAX_MOVE,
            },
            channel="web",
            actor="citizen",
        )
    desk.operator = None
    return journey_id


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
