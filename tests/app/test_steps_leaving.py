"""Nothing typed into a step is dropped unseen (issue 14, items 12 and 15).

An answer left with Tab, PgDn, Ctrl+F or Escape instead of Enter is saved as
Enter would save it; one that does not pass its check keeps the focus and the
step, with the error beside it. Keys typed in one burst (a fast typist, tmux, a
scanner) land in the field the focus ends in: ``burst`` hands the app every key
at once, as a terminal does, where ``pilot.press`` waits after each.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.keys import _character_to_key
from textual.widgets import Input

from app.counter.screens.steps import StepsScreen
from app.widgets.field_row import FieldRow
from sync.store.operators import get_operator
from tests.app.conftest import (
    SIZE,
    SS_MOVE,
    TAX_MOVE,
    AppFactory,
    settle,
)
from tests.app.test_field_errors import fresh_journey
from tests.app.test_steps_next import open_steps

pytestmark = pytest.mark.anyio

NUMBER = "12345678901"  # ss.number: 11 digits
ADDRESS = "Rua Nova 1, 1000-001 Lisboa"
ADDRESS_SAVED = {"street": "Rua Nova 1", "postal_code": "1000-001", "municipality": "Lisboa"}


async def burst(pilot: object, *keys: str) -> None:
    """Every key handed to the app before it handles the first (a paste-speed typist)."""
    app = pilot.app  # type: ignore[attr-defined]
    for key in keys:
        for one in [key] if key in NAMED else list(key):
            name = _character_to_key(one) if len(one) == 1 and not one.isalnum() else one
            event = events.Key(name, NAMED.get(one, one))
            event.set_sender(app)
            app._driver.send_message(event)
    await settle(pilot)
    await pilot.pause()  # type: ignore[attr-defined]


async def typed_into(pilot: object, widget: object, *keys: str) -> None:
    """Focus ``widget``, then hand the app ``keys`` in one burst."""
    widget.focus()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await burst(pilot, *keys)


NAMED = {
    "enter": "\r", "tab": "\t", "shift+tab": None, "pagedown": None, "backspace": "\x7f",
    "left": None, "right": None, "home": None, "end": None,
}  # fmt: skip
"""Keys sent by name, with the character a terminal sends for them."""


def two_services(app: object) -> str:
    """A journey of Marie's with the address changes of Social Security, then of tax."""
    journey_id = fresh_journey(app, service=SS_MOVE)
    desk = app.desk  # type: ignore[attr-defined]
    desk.operator = get_operator(desk.store, "demo")
    desk.add_service(journey_id, TAX_MOVE)
    desk.operator = None
    return journey_id


def rows(steps: StepsScreen) -> dict[str, FieldRow]:
    return {row.field.key: row for row in steps.query(FieldRow)}


async def test_answers_left_with_tab_then_pgdn_are_saved(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    journey_id = two_services(app)
    async with app.run_test(size=SIZE) as pilot:
        steps = await open_steps(pilot, journey_id)
        await pilot.press(*NUMBER, "tab", *ADDRESS, "pagedown")
        await settle(pilot)
        answers = app.desk.journey(journey_id).answers
        assert answers["ss.number"].value == NUMBER
        assert answers["address.new"].value == ADDRESS_SAVED
        assert steps.current == 1
        await pilot.press("pageup")  # shown back as saved
        await settle(pilot)
        shown = rows(steps)
        assert shown["ss.number"].entry.value == NUMBER
        assert shown["address.new"].entry.value == ADDRESS


async def test_tab_from_a_field_in_error_stays_on_it(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    journey_id = two_services(app)
    async with app.run_test(size=SIZE) as pilot:
        steps = await open_steps(pilot, journey_id)
        number = rows(steps)["ss.number"]
        await pilot.press(*"12345", "tab")
        await settle(pilot)
        assert app.focused is number.entry
        assert number.error == "Write 11 digits; you typed 5."
        await pilot.press(*"678901", "tab")  # the rest, in the same field, then on
        await settle(pilot)
        assert app.desk.journey(journey_id).answers["ss.number"].value == NUMBER
        assert app.focused is rows(steps)["address.new"].entry


async def test_pgdn_with_an_edit_in_error_keeps_the_step_and_says_so(
    make_app: AppFactory,
) -> None:
    app = make_app(sync_link=None)
    journey_id = two_services(app)
    async with app.run_test(size=SIZE) as pilot:
        steps = await open_steps(pilot, journey_id)
        number = rows(steps)["ss.number"]
        await pilot.press(*"12345")
        rows(steps)["address.new"].entry.focus()  # a click on the next field
        await pilot.press(*ADDRESS, "pagedown")
        await settle(pilot)
        assert steps.current == 0
        assert app.focused is number.entry
        assert number.entry.value == "12345"
        assert number.error == "Write 11 digits; you typed 5."
        notes = [n.message for n in app._notifications]
        assert any("Not saved: Social security number" in note for note in notes), notes
        answers = app.desk.journey(journey_id).answers
        assert "ss.number" not in answers
        assert answers["address.new"].value == ADDRESS_SAVED  # the good one is saved
        await pilot.press("ctrl+u")  # cleared: left unanswered, the step can be left
        await pilot.press("pagedown")
        await settle(pilot)
        assert steps.current == 1


async def test_escape_and_ctrl_f_save_an_answer_left_without_enter(
    make_app: AppFactory,
) -> None:
    app = make_app(sync_link=None)
    journey_id = two_services(app)
    async with app.run_test(size=SIZE) as pilot:
        steps = await open_steps(pilot, journey_id)
        await pilot.press(*NUMBER, "escape")
        await settle(pilot)
        assert app.screen is not steps
        assert app.desk.journey(journey_id).answers["ss.number"].value == NUMBER
        await pilot.press("ctrl+e")  # back to the steps, from the review
        await settle(pilot)
        steps = app.screen
        assert isinstance(steps, StepsScreen)
        rows(steps)["address.new"].entry.focus()
        await pilot.press(*ADDRESS, "ctrl+f")  # straight to the review
        await settle(pilot)
        assert app.screen is not steps
        assert app.desk.journey(journey_id).answers["address.new"].value == ADDRESS_SAVED


async def test_keys_typed_after_enter_on_a_field_in_error_stay_in_it(
    make_app: AppFactory,
) -> None:
    app = make_app(sync_link=None)
    journey_id = two_services(app)
    async with app.run_test(size=SIZE) as pilot:
        steps = await open_steps(pilot, journey_id)
        await burst(pilot, "12345", "enter", "Z")
        shown = rows(steps)
        assert shown["ss.number"].entry.value == "12345Z"
        assert shown["address.new"].entry.value == ""
        assert app.focused is shown["ss.number"].entry


async def test_a_burst_with_tab_and_enter_fills_each_field_in_turn(
    make_app: AppFactory,
) -> None:
    app = make_app(sync_link=None)
    journey_id = two_services(app)
    async with app.run_test(size=SIZE) as pilot:
        steps = await open_steps(pilot, journey_id)
        await burst(pilot, NUMBER, "tab", ADDRESS, "enter", "20/11/2026", "enter")
        answers = app.desk.journey(journey_id).answers
        assert answers["ss.number"].value == NUMBER
        assert answers["address.new"].value == ADDRESS_SAVED
        assert answers["address.move_date"].value == "2026-11-20"
        assert steps.current == 1  # Enter on the last field: the next step
        assert isinstance(app.focused, Input) or steps.pages[1].step is None
