"""Wrong PINs slow the sign-in and the lock screen down, then lock them; all audited."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Static

from app.counter.intents import LockNow
from app.counter.screens.home import HomeScreen
from app.counter.screens.signin import SignInScreen
from tests.app.conftest import NOW, SIZE, AppFactory, settle, sign_in

pytestmark = pytest.mark.anyio


class Clock:
    """A desk clock the test moves."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now

    def add(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


def said(app: object) -> str:
    return str(app.screen.query_one("#signin-error", Static).render())  # type: ignore[attr-defined]


async def wrong_pin(pilot: object, pin: str = "0000") -> None:
    await pilot.press(*pin, "enter")  # type: ignore[attr-defined]
    await settle(pilot)


async def test_wrong_pins_wait_longer_then_lock_even_the_right_one(make_app: AppFactory) -> None:
    clock = Clock()
    app = make_app(clock=clock, sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, pin="0000")
        assert said(app) == app.t("signin.refused")
        await wrong_pin(pilot)  # the second at once: the next one waits a second
        assert said(app) == app.t("signin.wait", seconds=1, tries=3)
        assert "restam 3 tentativas antes do bloqueio" in said(app)
        await wrong_pin(pilot, "1234")  # even the right PIN is not checked while waiting
        assert isinstance(app.screen, SignInScreen) and app.desk.operator is None
        clock.add(1)
        await wrong_pin(pilot)
        assert said(app) == app.t("signin.wait", seconds=2, tries=2)
        clock.add(2)
        await wrong_pin(pilot)
        clock.add(4)
        await wrong_pin(pilot)  # the fifth wrong PIN
        assert said(app) == app.t("signin.locked_out", time="10:15")
        clock.add(60)
        await wrong_pin(pilot, "1234")
        assert app.desk.operator is None
        store = app.desk.store
        assert len(store.audit_entries("sign_in.refused")) == 5
        assert len(store.audit_entries("sign_in.locked")) == 1
        assert len(store.audit_entries("sign_in.held")) == 2
        assert {a for _, a, _, _ in store.audit_entries("sign_in.refused")} == {"operator:demo"}
        clock.add(15 * 60)
        await wrong_pin(pilot, "1234")  # the lock is over: the right PIN signs in
        assert isinstance(app.screen, HomeScreen)


async def test_the_lock_screen_counts_wrong_pins_too(make_app: AppFactory) -> None:
    clock = Clock()
    app = make_app(clock=clock, sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        app.post_message(LockNow())
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        for _ in range(5):
            await wrong_pin(pilot)
            clock.add(20)
        assert said(app).startswith(app.t("signin.locked_out", time="")[:20])
        await wrong_pin(pilot, "1234")
        assert isinstance(app.screen, SignInScreen)  # still locked


async def test_an_unknown_operator_is_counted_without_writing_what_was_typed(
    make_app: AppFactory,
) -> None:
    app = make_app(sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, operator="demo1234", pin="0000")
    entries = app.desk.store.audit_entries("sign_in.refused")
    assert [(actor, journey) for _, actor, journey, _ in entries] == [("operator:?", None)]
    assert "demo1234" not in str(entries)
