"""Checkboxes and radio buttons show their state as a mark, not by colour alone."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import RadioSet

from app.widgets.tick import Choice, Tick

pytestmark = pytest.mark.anyio


class _Boxes(App[None]):
    def compose(self) -> ComposeResult:
        yield Tick("Proof of address", id="doc")
        with RadioSet():
            yield Choice("1", id="one")
            yield Choice("2", id="two")


def _drawn(app: App[None], selector: str) -> str:
    widget = app.query_one(selector)
    return "".join(segment.text for segment in widget.render_line(0))


async def test_the_mark_follows_the_state() -> None:
    app = _Boxes()
    async with app.run_test() as pilot:
        assert "✓" not in _drawn(app, "#doc")
        app.query_one("#doc", Tick).focus()
        await pilot.press("space")
        assert app.query_one("#doc", Tick).value
        assert "✓" in _drawn(app, "#doc")
        await pilot.press("space")
        assert "✓" not in _drawn(app, "#doc")

        assert "●" not in _drawn(app, "#one") + _drawn(app, "#two")
        app.query_one(RadioSet).focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        chosen = [b.id for b in app.query(Choice) if b.value]
        assert len(chosen) == 1
        assert "●" in _drawn(app, f"#{chosen[0]}")
        others = [b.id for b in app.query(Choice) if not b.value]
        assert "●" not in _drawn(app, f"#{others[0]}")
