"""The sign-in lock follows kiosk.toml: ``[site] pin_tries`` wrong PINs lock it for
``pin_lock_minutes`` (issue 14, item 2: "a lockout after N tries (config)")."""

from __future__ import annotations

import pytest

from app.config import Settings
from app.counter.screens.home import HomeScreen
from app.counter.screens.signin import SignInScreen
from tests.app.conftest import SIZE, AppFactory, sign_in
from tests.app.test_pin_tries import Clock, said, wrong_pin

pytestmark = pytest.mark.anyio


@pytest.fixture
def machine(machine: Settings) -> Settings:
    """The test machine, with a site that locks after 3 wrong PINs, for 2 minutes."""
    site = machine.site.model_copy(update={"pin_tries": 3, "pin_lock_minutes": 2})
    return machine.model_copy(update={"site": site})


async def test_three_wrong_pins_lock_for_two_minutes_as_configured(make_app: AppFactory) -> None:
    clock = Clock()
    app = make_app(clock=clock, sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, pin="0000")
        await wrong_pin(pilot)
        assert said(app) == app.t("signin.wait", seconds=1, tries=1)
        clock.add(1)
        await wrong_pin(pilot)  # the third: locked, not five as by default
        assert said(app) == app.t("signin.locked_out", time="10:02")
        clock.add(60)
        await wrong_pin(pilot, "1234")
        assert isinstance(app.screen, SignInScreen) and app.desk.operator is None
        clock.add(61)  # the two minutes are over
        await wrong_pin(pilot, "1234")
        assert isinstance(app.screen, HomeScreen)
