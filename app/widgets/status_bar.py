"""The header line: site (or, with a journey open, the citizen's language), operator,
languages, what is waiting to sync, and the time; short enough for 120 columns."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from app.session import Session, session_of
from app.widgets.tones import Tone, toned
from app.widgets.van_sync import van_sync_part


class StatusBar(Static):
    """One line at the top of every screen; ``refresh_status`` redraws it."""

    DEFAULT_CLASSES = "status-bar"

    _unsubscribe: Callable[[], None] | None = None

    def on_mount(self) -> None:
        self._unsubscribe = session_of(self).subscribe(self.refresh_status)
        self.refresh_status()
        self.set_interval(30.0, self.refresh_status)

    def on_unmount(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()

    def refresh_status(self) -> None:
        """Redraw from the session's current state."""
        if not self.is_attached:
            return
        app = session_of(self)
        desk = app.desk
        sync_text, tone = van_sync_part(app) if app.mode == "van" else self._sync_part(app)
        room = self.app.size.width
        # Too wide (80 columns): the site goes first, then the operator's label, then the
        # operator; the sync state in words and the time always stay.
        for fit in range(4):
            parts: list[Text] = []
            # With a journey open the room goes to its languages; in a van, to the sync.
            if fit == 0 and app.journey_id is None and app.mode != "van":
                parts.append(Text(desk.site_name))
            if desk.operator is not None and fit < 2:
                parts.append(_labelled(app.t("status.operator"), desk.operator.name))
            elif desk.operator is not None and fit == 2:
                parts.append(Text(desk.operator.name))
            parts.append(_labelled(app.t("status.ui"), app.ui_language.upper()))
            if app.journey_id is not None:
                parts.append(_labelled(app.t("status.citizen"), app.citizen_language.upper()))
            parts.append(toned(self, sync_text, tone))
            parts.append(Text(app.clock().astimezone().strftime("%H:%M")))
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(" Counterpart ", style="bold reverse")
            line.append("  ")
            line.append(Text(" · ").join(parts))
            if line.cell_len <= room:
                break
        self.update(line)

    def on_resize(self) -> None:
        self.refresh_status()

    @staticmethod
    def _sync_part(app: Session) -> tuple[str, Tone]:
        """The sync state in a few calm words, and its tone."""
        waiting = app.t("status.waiting", count=app.events_waiting)
        outcome = app.sync_outcome
        if outcome is None:  # no central store, or no round yet
            if app.events_waiting:
                return f"⇅ {waiting}", "warn"
            return f"⇅ {app.t('status.synced')}", "ok"
        if outcome.state in ("not_enrolled", "unauthorized"):
            return f"⇅ {app.t('status.not_enrolled')}", "warn"
        if outcome.state == "offline":
            since = outcome.offline_since
            text = app.t("status.offline_since", time=_hhmm(since)) if since else waiting
            if since and app.events_waiting:
                text += f" · {waiting}"
            return f"⇅ {text}", "warn"
        if outcome.state == "refused":
            return f"⇅ {app.t('status.sync_refused')} · {waiting}", "warn"
        if app.events_waiting:
            return f"⇅ {waiting}", "warn"
        # The header ends with the time: a sync of this same minute does not repeat it.
        if outcome.last_sync is not None and _hhmm(outcome.last_sync) != _hhmm(app.clock()):
            return f"⇅ {app.t('status.synced_at', time=_hhmm(outcome.last_sync))}", "ok"
        return f"⇅ {app.t('status.synced')}", "ok"


def _hhmm(when: datetime) -> str:
    return when.astimezone().strftime("%H:%M")


def _labelled(label: str, value: str) -> Text:
    text = Text(f"{label}: ", style="dim")
    text.append(value)
    return text
