"""The header line: site, operator, languages, what is waiting to sync, and the time."""

from __future__ import annotations

from datetime import datetime
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
        line.append(*self._sync_part(app))
        line.append("  ·  " + app.clock().astimezone().strftime("%H:%M"))
        self.update(line)

    @staticmethod
    def _sync_part(app: CounterpartApp) -> tuple[str, str]:
        """The sync state in a few calm words, and its style."""
        waiting = app.t("status.waiting", count=app.events_waiting)
        outcome = app.sync_outcome
        if outcome is None:  # no central store, or no round yet
            if app.events_waiting:
                return f"⇅ {waiting}", "yellow"
            return f"⇅ {app.t('status.synced')}", "green"
        if outcome.state in ("not_enrolled", "unauthorized"):
            return f"⇅ {app.t('status.not_enrolled')}", "yellow"
        if outcome.state == "offline":
            since = outcome.offline_since
            text = app.t("status.offline_since", time=_hhmm(since)) if since else waiting
            if since and app.events_waiting:
                text += f" · {waiting}"
            return f"⇅ {text}", "yellow"
        if outcome.state == "refused":
            return f"⇅ {app.t('status.sync_refused')} · {waiting}", "yellow"
        if app.events_waiting:
            return f"⇅ {waiting}", "yellow"
        if outcome.last_sync is not None:
            return f"⇅ {app.t('status.synced_at', time=_hhmm(outcome.last_sync))}", "green"
        return f"⇅ {app.t('status.synced')}", "green"


def _hhmm(when: datetime) -> str:
    return when.astimezone().strftime("%H:%M")
