"""A field in error keeps the focus, and its message says what is expected."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from app.card_identity import identity_from_card
from app.counter.screens.steps import StepsScreen
from app.widgets.field_row import FieldRow
from devices.cards.simulated import SimulatedCardReader
from sync.store.operators import get_operator
from tests.app.conftest import SIZE, SS_MOVE, AppFactory, open_from_home, settle, sign_in

pytestmark = pytest.mark.anyio


def fresh_journey(app: object, card: str = "marie-peeters", service: str = SS_MOVE) -> str:
    """A journey of the citizen on ``card`` with ``service``, written as the demo operator."""
    desk = app.desk  # type: ignore[attr-defined]
    desk.operator = get_operator(desk.store, "demo")
    reader = SimulatedCardReader()
    reader.insert(card)
    journey_id = desk.start_with_identity(
        identity_from_card(reader.read(), reader.reader_name), "en"
    )
    desk.give_consent(journey_id, ["services"])
    desk.add_service(journey_id, service)
    desk.operator = None
    return str(journey_id)


async def test_after_an_error_the_focus_stays_on_the_field_in_error(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    journey_id = fresh_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        await pilot.press("ctrl+e")
        await settle(pilot)
        steps = app.screen
        assert isinstance(steps, StepsScreen)
        first = steps.query(FieldRow).first()
        assert first.field.key == "ss.number"
        assert app.focused is first.query_one(Input)
        await pilot.press(*"12345", "enter")
        await settle(pilot)
        assert app.focused is first.query_one(Input)
        assert first.error == "Write 11 digits; you typed 5."
        await pilot.press(*"678901", "enter")  # the rest of the number, in the same field
        await settle(pilot)
        assert first.error == ""
        assert app.desk.journey(journey_id).answers["ss.number"].value == "12345678901"
        assert app.focused is not first.query_one(Input)  # on to the next field
