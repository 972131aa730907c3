"""Regenerate the README's pictures in docs/img: three screens as SVG and a receipt as PNG.

Builds the app through the CLI's factory on the committed kiosk.toml, with a
throwaway store, a fixed clock and a fixed handoff token, drives it with Pilot
as the demo operator, and saves what the screen shows.

Usage: python docs/screenshots.py
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.card_identity import identity_from_card  # noqa: E402
from app.config import load_settings  # noqa: E402
from app.counter.app import CounterpartApp  # noqa: E402
from app.factory import build_app  # noqa: E402
from devices.cards.simulated import SimulatedCardReader  # noqa: E402
from devices.printing.preview import PreviewReceiptPrinter  # noqa: E402
from sync.store.operators import get_operator  # noqa: E402
from sync.store.store import LocalStore  # noqa: E402

IMG = ROOT / "docs" / "img"
NOW = dt.datetime(2026, 11, 23, 10, 30, tzinfo=dt.UTC)
SIZE = (120, 36)


def seed(app: CounterpartApp) -> str:
    """Two journeys of today; returns the one to finish (Marie Peeters, moving house)."""
    desk = app.desk
    desk.operator = get_operator(desk.store, "demo")
    reader = SimulatedCardReader()
    journeys = []
    for card in ("marie-peeters", "thi-lan-nguyen"):
        reader.insert(card)
        identity = identity_from_card(reader.read(), reader.reader_name)
        reader.remove()
        journey_id = desk.start_with_identity(identity, "en")
        desk.give_consent(journey_id, ["services", "handoff"])
        journeys.append(journey_id)
    marie = journeys[0]
    desk.add_service(marie, "social-security.change-of-address")
    desk.add_service(marie, "tax.change-of-address")
    desk.record_answer(
        marie, "ss.number", "12345678901", service="social-security.change-of-address"
    )
    desk.add_service(journeys[1], "civil-registry.birth-registration")
    desk.operator = None
    return marie


async def shoot(folder: Path) -> None:
    from app.counter.screens.finish import FinishScreen
    from app.counter.screens.home import HomeScreen
    from app.counter.screens.steps import StepsScreen

    store = LocalStore(folder / "counterpart.db", site_id="demo-lisboa", device_id="dev-docs")
    app = build_app(
        load_settings(ROOT / "kiosk.toml"),
        store=store,
        card_reader=SimulatedCardReader(),
        printer=PreviewReceiptPrinter("var/receipts"),  # relative: the screen names it
        clock=lambda: NOW,
        token_factory=lambda: "DemoTokenDemoTokenDemoTokenDemo0",
        lock_after=None,
    )
    marie = seed(app)

    async def settle() -> None:
        for _ in range(4):
            await app.workers.wait_for_complete()
            await pilot.pause()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"demo", "enter", *"1234", "enter")
        await settle()
        assert isinstance(app.screen, HomeScreen), app.screen
        app.save_screenshot("home.svg", str(IMG))
        app.screen.open_journey(marie, "list")
        await settle()
        await pilot.press("ctrl+e")
        await settle()
        assert isinstance(app.screen, StepsScreen), app.screen
        await pilot.press("enter")  # the SS number is kept; on to the new address
        await settle()
        await pilot.press(*"Rua Nova", "enter")  # too short: a message next to the field
        await settle()
        app.save_screenshot("step.svg", str(IMG))
        await pilot.press("ctrl+u", "escape")  # cleared: a field in error keeps the step
        await settle()
        await pilot.press("ctrl+f")
        await settle()
        assert isinstance(app.screen, FinishScreen), app.screen
        app.save_screenshot("finish.svg", str(IMG))
    store.close()
    receipts = sorted((folder / "var" / "receipts").glob("receipt-*.png"))
    shutil.copyfile(receipts[-1], IMG / "receipt.png")


def main() -> None:
    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        asyncio.run(shoot(Path(tmp)))
        os.chdir(ROOT)
    for path in sorted(IMG.iterdir()):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
