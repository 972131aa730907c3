"""Locked down: the keys that leave or suspend a terminal app do nothing; only the
operator's key sequence and PIN leave, and both a wrong and a right PIN are audited."""

from __future__ import annotations

import pytest

from app.config import load_settings
from app.kiosk.kiosk_desk import EXIT
from sync.store.operators import pin_matches
from sync.store.store import LocalStore
from tests.app.conftest import ROOT, settle
from tests.kiosk.conftest import PIN, PIN_HASH, SIZE, KioskFactory, screen_name, tap

pytestmark = pytest.mark.anyio


async def test_quit_suspend_and_palette_keys_do_nothing(make_kiosk: KioskFactory) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#begin")
        for key in ("ctrl+c", "ctrl+z", "ctrl+backslash", "ctrl+q", "ctrl+p", "ctrl+d"):
            await pilot.press(key)
            await settle(pilot)
            assert app.is_running and app.return_code is None, key
            assert screen_name(app) == "LanguageScreen", key
        assert app.ENABLE_COMMAND_PALETTE is False
        assert sorted(app._bindings.key_to_bindings) == ["f1", "f2", "f3", "f4"]


async def test_only_the_sequence_and_the_pin_leave_audited(
    make_kiosk: KioskFactory, store: LocalStore
) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f12", "f11", "x", "f12")  # broken: nothing
        await settle(pilot)
        assert screen_name(app) == "AttractScreen"
        await pilot.press("f12", "f11", "f12")
        await settle(pilot)
        assert screen_name(app) == "OperatorExitScreen"
        await pilot.press(*"1111", "enter")
        await settle(pilot)
        assert app.is_running
        assert "PIN errado" in str(app.screen.query_one("#exit-status").render())
        await pilot.press(*PIN, "enter")
        await settle(pilot)
    assert app.return_code == 0
    assert [d for _, _, _, d in store.audit_entries(EXIT)] == ["refused", "left"]


def test_the_committed_kiosk_config_is_a_kiosk_whose_pin_leaves() -> None:
    settings = load_settings(ROOT / "fixtures" / "kiosk" / "kiosk.toml")
    assert settings.site.mode == "kiosk"
    assert settings.kiosk.exit_pin_hash == PIN_HASH
    assert pin_matches(settings.kiosk.exit_pin_hash, PIN)
    assert not pin_matches(settings.kiosk.exit_pin_hash, "1111")
