"""Identify, for a journey linked to a reference that could not be fetched (offline)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Label, Static

from app.messages import JourneyStarted
from app.resume import start_linked_journey
from app.screens.identify import IdentifyScreen
from sync.domain.identity import Identity
from sync.domain.ids import format_reference


class LinkedIdentifyScreen(IdentifyScreen):
    """The identify screen; confirming starts a journey linked to ``ref``.

    Args:
        ref: The canonical reference the new journey continues.
    """

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield widget
            if _is_title(widget):
                text = self.t("linked.explain", ref=format_reference(self.ref))
                yield Static(text, id="linked-to", classes="hint")

    @work(thread=True, exclusive=True, exit_on_error=False, group="journey-start")
    def start_journey(self, identity: Identity, language: str) -> None:
        """journey.started, journey.linked, citizen.identified and the card's answers."""
        try:
            journey_id = start_linked_journey(self.desk, identity, language, self.ref)
        except Exception as exc:
            self.fail(exc, lambda: self.start_journey(identity, language))
            return
        self.post_message(JourneyStarted(journey_id))


def _is_title(widget: Widget) -> bool:
    return isinstance(widget, Label) and widget.has_class("title")
