"""The header line: site, operator, languages, what is waiting to sync, and the time."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from app.app import CounterpartApp


class StatusBar(Static):
    """One line at the top of every screen; ``refresh_status`` redraws it."""

    DEFAULT_CLASSES = "status-bar"

    def on_mount(self) -> None:
        self.refresh_status()
        self.set_interval(30.0, self.refresh_status)

    def refresh_status(self) -> None:
        """Redraw from the app's current state."""
        app = cast("CounterpartApp", self.app)
        desk = app.desk
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(" Counterpart ", style="bold reverse")
        line.append(f"  {desk.site_name}")
        if desk.operator is not None:
            line.append(f"  ·  {app.t('status.operator')}: ", style="dim")
            line.append(desk.operator.name)
        line.append(f"  ·  {app.t('status.ui')}: ", style="dim")
        line.append(app.ui_language.upper())
        if app.journey_id is not None:
            line.append(f"  ·  {app.t('status.citizen')}: ", style="dim")
            line.append(app.citizen_language.upper())
        line.append("  ·  ")
        if app.events_waiting:
            line.append(f"⇅ {app.t('status.waiting', count=app.events_waiting)}", style="yellow")
        else:
            line.append(f"⇅ {app.t('status.synced')}", style="green")
        line.append("  ·  " + app.clock().astimezone().strftime("%H:%M"))
        self.update(line)
