"""Without a camera: the receipt and the finish screen give a short address and the
reference (never the token), and home takes back whatever the receipt prints."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from app.counter.screens.finish import FinishScreen
from app.counter.screens.home import HomeScreen
from app.counter.screens.review import ReviewScreen
from app.desk import new_token
from sync.domain.ids import format_reference
from tests.app.conftest import SIZE, AppFactory, open_from_home, seed_journey, settle, sign_in

pytestmark = pytest.mark.anyio


async def test_the_typed_fallback_is_the_short_address_and_the_reference(
    make_app: AppFactory, tmp_path: Path
) -> None:
    tokens: list[str] = []

    def token() -> str:
        tokens.append(new_token())
        return tokens[-1]

    app = make_app(token_factory=token, sync_link=None)
    journey_id = seed_journey(app)
    ref = format_reference(app.desk.journey(journey_id).ref or "")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        await pilot.press("ctrl+f")
        await settle(pilot)
        finish = app.screen
        assert isinstance(finish, FinishScreen)
        shown = str(finish.query_one("#handoff-url", Static).render())
        assert shown == f"Sem câmara? Vá a counterpart.test e escreva a referência {ref}."  # pt
        assert tokens and tokens[-1] not in shown
    receipt = (tmp_path / "receipts" / f"receipt-{ref}.txt").read_text()
    assert "counterpart.test" in receipt and ref in receipt
    assert tokens[-1] not in receipt


@pytest.mark.parametrize(
    "typed",
    ["{ref}", "{lower}", "{spaced}", "{o_for_zero}"],
)
async def test_home_takes_the_reference_as_a_person_types_it_from_the_receipt(
    make_app: AppFactory, typed: str
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    ref = format_reference(app.desk.journey(journey_id).ref or "")
    text = typed.format(
        ref=ref,
        lower=ref.lower(),
        spaced=ref.replace("-", " "),
        o_for_zero=ref.replace("0", "O").replace("1", "l"),
    )
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press(*text, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and app.screen.journey_id == journey_id


@pytest.mark.parametrize("typed", ["counterpart.test", "https://counterpart.test/"])
async def test_the_short_address_typed_on_home_asks_for_the_reference(
    make_app: AppFactory, typed: str
) -> None:
    app = make_app(sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press(*typed, "enter")
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        said = str(home.query_one("#home-message", Static).render())
        assert said == app.t("home.short_address")
