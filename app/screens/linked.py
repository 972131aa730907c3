"""Identify, for a journey linked to a reference that could not be fetched (offline)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Label, Static

from app.desk import Identity
from app.messages import JourneyStarted
from app.screens.identify import IdentifyScreen
from sync.domain.ids import format_reference
from sync.linked import start_linked_journey


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
            desk = self.desk
            journey_id = start_linked_journey(
                desk.store,
                language=language,
                ref=self.ref,
                channel=desk.channel,
                actor=desk.actor,
                operator=desk.operator.id if desk.operator is not None else None,
                identify=lambda new_id: desk.identify(new_id, identity),
            )
        except Exception as exc:
            self.fail(exc, lambda: self.start_journey(identity, language))
            return
        self.post_message(JourneyStarted(journey_id))


def _is_title(widget: Widget) -> bool:
    return isinstance(widget, Label) and widget.has_class("title")
