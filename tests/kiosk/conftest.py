"""Fixtures of the kiosk tests: the kiosk app built by the same factory as ``counterpart``
(``[site] mode = "kiosk"``), simulated devices, a fixed clock and token, a clock for
idle time that the test moves, and taps that click (never press keys)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widget import Widget

from app.config import Settings
from app.factory import build_app
from app.kiosk.app import KioskApp
from app.widgets.date_picker import DatePicker, StepButton
from app.widgets.onscreen_keyboard import ERASE, SHIFT, SPACE, KeyButton, OnscreenKeyboard
from devices.cards.simulated import SimulatedCardReader
from devices.printing.preview import PreviewReceiptPrinter
from sync.catalogue.model import Catalogue
from sync.store.store import LocalStore
from tests.app import conftest as app_fixtures
from tests.app.conftest import NOW, TOKEN, settle

# The app tests' fixtures, shared (a fixture is found by its name in a conftest).
_utc = app_fixtures._utc
anyio_backend = app_fixtures.anyio_backend
settings = app_fixtures.settings
catalogue = app_fixtures.catalogue
store = app_fixtures.store
machine = app_fixtures.machine

SIZE = (120, 38)
PIN = "2468"
PIN_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$G+SbX11JQEdGH7CQbY7yOg"
    "$ikHC5mEnjzZzqC2wPMDrfINtk68H3gK6J+HQ5VBi/3c"
)
"""The hash of ``PIN``, as fixtures/kiosk/kiosk.toml has it."""

KioskFactory = Callable[..., KioskApp]


class Monotonic:
    """A clock for idle time that moves only when the test says."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def kiosk_machine(machine: Settings, **kiosk: Any) -> Settings:
    """``machine`` as a kiosk: mode kiosk, no sound, the fixture's exit PIN."""
    site = machine.site.model_copy(update={"mode": "kiosk"})
    section = machine.kiosk.model_copy(
        update={"speech": "off", "exit_pin_hash": PIN_HASH, "large_text": False, **kiosk}
    )
    return machine.model_copy(update={"site": site, "kiosk": section})


@pytest.fixture
def make_kiosk(
    machine: Settings,
    catalogue: Catalogue,
    store: LocalStore,
    tmp_path: Path,
) -> Iterator[KioskFactory]:
    """Builds the kiosk as ``counterpart`` does; ``kiosk=`` overrides ``[kiosk]`` keys."""
    built: list[KioskApp] = []

    def make(*, kiosk: dict[str, Any] | None = None, **overrides: object) -> KioskApp:
        pieces: dict[str, object] = {
            "store": store,
            "catalogue": catalogue,
            "card_reader": SimulatedCardReader(),
            "printer": PreviewReceiptPrinter(tmp_path / "receipts"),
            "clock": lambda: NOW,
            "token_factory": lambda: TOKEN,
            "sync_link": None,
        }
        pieces.update(overrides)
        app = build_app(kiosk_machine(machine, **(kiosk or {})), **pieces)  # type: ignore[arg-type]
        assert isinstance(app, KioskApp)
        app.monotonic = Monotonic()
        app.last_input = app.monotonic()
        built.append(app)
        return app

    yield make
    for app in built:
        if app.sync_link is not None:
            app.sync_link.close()
        if app.desk.card_reader is not None:
            app.desk.card_reader.close()


async def start_with_card(pilot: Any, lang: str, card: str = "marie-peeters") -> None:
    """From the attract screen to the consent: the language, "start", a demo card, "that is me"."""
    await begin(pilot, lang)
    await tap(pilot, "#new")
    await tap(pilot, f"#demo-{card}")
    await tap(pilot, "#start")


async def tap(pilot: Any, target: str | Widget) -> None:
    """Click ``target`` (a selector or a widget) and wait for what it started."""
    assert await pilot.click(target), f"nothing to click at {target}"
    await settle(pilot)


async def tap_keys(pilot: Any, text: str) -> None:
    """Type ``text`` on the screen's on-screen keyboard, by clicks alone."""
    keyboard = pilot.app.screen.query_one(OnscreenKeyboard)
    for char in text:
        key = SPACE if char == " " else char.lower()
        if char.isalpha() and char.isupper() != keyboard.capitals:
            await pilot.click(_key(keyboard, SHIFT))
        await pilot.click(_key(keyboard, key))
    await settle(pilot)


async def erase(pilot: Any, times: int) -> None:
    """Press the keyboard's delete key ``times`` times."""
    keyboard = pilot.app.screen.query_one(OnscreenKeyboard)
    for _ in range(times):
        await pilot.click(_key(keyboard, ERASE))


def _key(keyboard: OnscreenKeyboard, key: str) -> KeyButton:
    for button in keyboard.query(KeyButton):
        if button.key == key:
            return button
    raise AssertionError(f"no key {key!r} on the keyboard")


def screen_name(app: KioskApp) -> str:
    """The class name of the screen on top."""
    return type(app.screen).__name__


async def begin(pilot: Any, lang: str) -> None:
    """From the attract screen, choose ``lang``."""
    await tap(pilot, "#begin")
    await tap(pilot, f"#lang-{lang}")
    assert screen_name(pilot.app) == "StartScreen"


async def pick_date(pilot: Any, picker_id: str, target: dt.date) -> None:
    """Move the date picker to ``target`` by its − and + buttons only (the shorter way)."""
    picker = pilot.app.screen.query_one(f"#{picker_id}", DatePicker)

    def button(part: str, delta: int) -> StepButton:
        return next(b for b in picker.query(StepButton) if (b.part, b.delta) == (part, delta))

    while picker.value.year != target.year:
        gap = target.year - picker.value.year
        step = (10 if gap >= 10 else 1) if gap > 0 else (-10 if gap <= -10 else -1)
        await pilot.click(button("year", step))
    forward = (target.month - picker.value.month) % 12
    for _ in range(forward if forward <= 6 else 12 - forward):
        await pilot.click(button("month", 1 if forward <= 6 else -1))
    length = calendar.monthrange(target.year, target.month)[1]
    forward = (target.day - picker.value.day) % length
    for _ in range(forward if forward <= length // 2 else length - forward):
        await pilot.click(button("day", 1 if forward <= length // 2 else -1))
    assert picker.value == target
    await settle(pilot)


SS_MOVE = "social-security.change-of-address"


def seed_kiosk_journey(app: KioskApp, *, answered: bool = True, lang: str = "en") -> str:
    """A journey started at this kiosk in ``lang`` for Marie Peeters (card) with the social
    security's change of address, its answers given (``answered``), as the desk writes them."""
    desk = app.desk
    reader = SimulatedCardReader()
    reader.insert("marie-peeters")
    journey_id = desk.start_with_identity(desk.card_identity(reader.read(), "test"), lang)
    desk.give_consent(journey_id, ["services", "handoff"])
    desk.add_service(journey_id, SS_MOVE)
    if answered:
        new = {"street": "Rua Nova 5", "postal_code": "1000-001", "municipality": "Lisboa"}
        for key, value in (
            ("ss.number", "12345678901"),
            ("address.new", new),
            ("address.move_date", "2026-11-20"),
        ):
            desk.record_answer(journey_id, key, value, service=SS_MOVE, complete_steps=True)
    return journey_id
