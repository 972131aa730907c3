"""Base of the screens about one open journey: loads its state in a worker, keeps it fresh."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType

from app.messages import JourneyLoaded
from app.screens.base import CounterScreen
from sync.domain.events import Event
from sync.domain.fold import JourneyState


class JourneyScreen(CounterScreen):
    """A screen showing one journey; ``state`` is None until the first load.

    Args:
        journey_id: The journey.
        via: How it was opened (``reference``, ``handoff``, ``list``); given only when
            this screen opens the journey, so that the reading is audited once.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f3", "citizen_language", "key.citizen_language"),
        Binding("f9", "timeline", "key.timeline"),
        Binding("escape", "back", "key.back"),
    ]

    def __init__(self, journey_id: str, *, via: str | None = None) -> None:
        super().__init__()
        self.journey_id = journey_id
        self.via = via
        self.state: JourneyState | None = None
        self.events: list[Event] = []

    def on_mount(self) -> None:
        super().on_mount()
        self.capp.journey_id = self.journey_id
        self.reload()

    @work(thread=True, exclusive=True, exit_on_error=False, group="journey-load")
    def reload(self) -> None:
        """Read the journey's log and fold it."""
        try:
            via, self.via = self.via, None
            if via is not None:
                state = self.desk.open_journey(self.journey_id, via)
            else:
                state = self.desk.journey(self.journey_id)
            events = self.desk.events(self.journey_id)
            self.load_extra(state)
        except Exception as exc:
            self.fail(exc, self.reload)
            return
        self.post_message(JourneyLoaded(state, events))

    def load_extra(self, state: JourneyState) -> None:
        """More reading a screen needs, in the same worker (screens override)."""

    async def on_journey_loaded(self, message: JourneyLoaded) -> None:
        message.stop()
        first = self.state is None
        self.state, self.events = message.state, message.events
        if first:
            self.capp.citizen_language = self.capp.citizen_language_for(message.state)
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
        self.capp.switch_citizen_language()

    def action_timeline(self) -> None:
        """The journey's whole history."""
        from app.screens.timeline import TimelineScreen

        self.app.push_screen(TimelineScreen(self.journey_id))

    def action_back(self) -> None:
        """Back to the screen before."""
        self.app.pop_screen()
