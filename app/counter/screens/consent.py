"""Consent: the purposes this journey needs, in plain language, recorded as an event."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Input, Label, Static

from app.counter.intents import Back, ChooseServices
from app.counter.journey_screen import JourneyScreen
from app.failures import RECOVERABLE
from app.messages import EventSaved
from app.typed_ahead import caught_up
from app.widgets.entry import Entry
from app.widgets.key_footer import KeyFooter
from app.widgets.status_bar import StatusBar
from app.widgets.tick import Tick
from sync.domain.consent import CONTACT, PURPOSES, REQUIRED, change, contact_details


class ConsentScreen(JourneyScreen):
    """Each purpose explained in the citizen's language, with a box to tick.

    Args:
        journey_id: The journey.
        first: Part of starting a journey: go on to choosing services.
    """

    HELP_TEXT = "help.consent"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "confirm", "key.confirm"),
        # Priority, after the keys typed before them: a tick, Tab and an address typed
        # at once put the whole address in its field (``app.typed_ahead``).
        Binding("tab", "next_box", show=False, priority=True),
        Binding("shift+tab", "previous_box", show=False, priority=True),
        # A box's own Space binding is looked up only once the key has bubbled back to
        # the app, against the focus of that moment: after a Tab typed right behind it,
        # that is the next field, and the tick was lost. Ticked as the app reads it.
        Binding("space", "tick", show=False, priority=True),
    ]

    def __init__(self, journey_id: str, *, first: bool = False) -> None:
        super().__init__(journey_id)
        self.first = first
        self.ticked: set[str] = set()
        self.address = ""

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Label(self.t("consent.title"), classes="title")
        yield Static(
            self.t("consent.intro", lang=self.t(f"lang.{self.session.citizen_language}")),
            classes="hint",
        )
        with VerticalScroll(id="consent-list"):
            for purpose in PURPOSES:
                label = self.ct(f"consent.{purpose}")
                if purpose in REQUIRED:
                    label += f"  ({self.t('consent.required')})"
                yield Tick(label, value=purpose in self.ticked, id=f"purpose-{purpose}")
            # Personal data: typed here, kept in the consent event, never printed.
            yield Label(self.t("consent.contact_address"))
            yield Entry(self.address, id="contact-address")
        yield Static("", id="consent-error", classes="error")
        yield KeyFooter()

    async def show_state(self, first: bool) -> None:
        if first and self.state is not None:
            self.ticked = set(self.state.consents) & set(PURPOSES)
            self.address = self.state.contact.address if self.state.contact else ""
        await self.recompose()
        self.query_one(Checkbox).focus()

    def action_tick(self) -> None:
        """Space on a box ticks or unticks it at once; anywhere else it is typed."""
        if not isinstance(self.focused, Checkbox):
            raise SkipAction
        self.focused.toggle()

    async def action_next_box(self) -> None:
        """Tab, once the box or field left has taken what was typed before it."""
        if self.focused is not None:
            await caught_up(self.focused)
        self.focus_next()

    async def action_previous_box(self) -> None:
        """Shift+Tab, as Tab."""
        if self.focused is not None:
            await caught_up(self.focused)
        self.focus_previous()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        purpose = (event.checkbox.id or "").removeprefix("purpose-")
        if event.value:
            self.ticked.add(purpose)
        else:
            self.ticked.discard(purpose)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.address = event.value

    def action_confirm(self) -> None:
        """Record the ticked purposes (and where messages go) and go on."""
        wanted = change(self.state.consents if self.state else (), self.ticked)
        if not wanted.allowed:
            self.query_one("#consent-error", Static).update(self.t("consent.need_services"))
            return
        given = list(wanted.given)
        contact = None
        if CONTACT in self.ticked:
            contact = contact_details(self.address)
            if contact is None:
                self.query_one("#consent-error", Static).update(self.t("consent.contact_needed"))
                return
            held = self.state.contact if self.state else None
            if held is None or held.address != contact["address"]:
                given = sorted({*given, CONTACT})
        self.save_consent(given, list(wanted.withdrawn), contact if CONTACT in given else None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="consent")
    def save_consent(
        self, given: list[str], withdrawn: list[str], contact: dict[str, str] | None = None
    ) -> None:
        """consent.given (and consent.withdrawn for boxes unticked)."""
        try:
            event = None
            if given:
                event = self.desk.give_consent(self.journey_id, given, contact)
            if withdrawn:
                event = self.desk.withdraw_consent(self.journey_id, withdrawn)
        except RECOVERABLE as exc:
            self.fail(exc, lambda: self.save_consent(given, withdrawn, contact))
            return
        if event is None:
            self.app.call_from_thread(self._go_on)
        else:
            self.post_message(EventSaved(event, "consent"))

    def on_event_saved(self, message: EventSaved) -> None:
        message.stop()
        self._go_on()

    def _go_on(self) -> None:
        if self.first:
            self.post_message(ChooseServices(self.journey_id, first=True))
        else:
            self.post_message(Back())
