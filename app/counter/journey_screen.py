"""Base of the counter screens about one journey: loads its state in a worker, keeps it fresh."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType

from app.counter.base import CounterScreen
from app.counter.intents import Back, ShowReminders, ShowTimeline
from app.failures import RECOVERABLE
from app.messages import JourneyLoaded
from sync.domain.events import Event
from sync.domain.fold import JourneyState


class JourneyScreen(CounterScreen):
    """A screen showing one journey; ``state`` is None until the first load.

    Args:
        journey_id: The journey.
        via: How it was opened (``reference``, ``handoff``, ``list``); given only when
            this screen opens the journey, so that the reading is audited once.
        loaded: The journey as the screen opening this one has just read it: shown at
            once, then read again once the screen is drawn, in case it changed.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f3", "citizen_language", "key.citizen_language"),
        Binding("f8", "reminders", "key.reminders", show=False),  # in F1 help, not the footer
        Binding("f9", "timeline", "key.timeline"),
        Binding("escape", "back", "key.back"),
    ]

    def __init__(
        self,
        journey_id: str,
        *,
        via: str | None = None,
        loaded: tuple[JourneyState, list[Event]] | None = None,
    ) -> None:
        super().__init__()
        self.journey_id = journey_id
        self.via = via
        self.state: JourneyState | None = None
        self.events: list[Event] = []
        self._loaded = loaded

    def on_mount(self) -> None:
        super().on_mount()
        self.session.journey_id = self.journey_id
        if self._loaded is None:
            self.reload()
            return
        state, events = self._loaded
        self._loaded = None
        self.call_next(self._show_loaded, state, events)  # before the first frame
        # Reading it again competes with drawing it: after the first frame.
        self.call_after_refresh(self.reload)

    @work(thread=True, exclusive=True, exit_on_error=False, group="journey-load")
    def reload(self) -> None:
        """Read the journey's log once and fold it."""
        try:
            via, self.via = self.via, None
            state, events = self.desk.read_journey(self.journey_id, via)
            self.load_extra(state)
        except RECOVERABLE as exc:
            self.fail(exc, self.reload)
            return
        self.post_message(JourneyLoaded(state, events))

    def load_extra(self, state: JourneyState) -> None:
        """More reading a screen needs, in the same worker (screens override)."""

    async def on_journey_loaded(self, message: JourneyLoaded) -> None:
        message.stop()
        await self._show_loaded(message.state, message.events)

    async def _show_loaded(self, state: JourneyState, events: list[Event]) -> None:
        first = self.state is None
        self.state, self.events = state, events
        if first:
            self.session.open_journey(state)
        await self.show_state(first)
        # A recomposed Footer shows keys only once told the bindings changed.
        self.refresh_bindings()
        if self.status_bar is not None:
            self.status_bar.refresh_status()

    async def show_state(self, first: bool) -> None:
        """Redraw from ``self.state``; screens override."""
        await self.recompose()

    def action_citizen_language(self) -> None:
        """Switch the citizen's language."""
        self.switch_citizen_language()

    def action_timeline(self) -> None:
        """The journey's whole history."""
        loaded = (self.state, self.events) if self.state is not None else None
        self.post_message(ShowTimeline(self.journey_id, loaded=loaded))

    def action_reminders(self) -> None:
        """The journey's reminders."""
        self.post_message(ShowReminders(self.journey_id))

    def action_back(self) -> None:
        """Back to the screen before."""
        self.post_message(Back())
