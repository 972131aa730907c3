"""Identify: read the citizen's card (a key picks a demo card) or type the identity by hand.

Given ``linked_to``, the journey it starts is linked to a reference that could not
be fetched (offline, or not in the central store yet); see ``sync.linked``.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from app.card_identity import identity_from_card
from app.counter.base import CounterScreen
from app.counter.intents import AskConsent, Back, OpenJourney
from app.describe import when
from app.failures import RECOVERABLE
from app.messages import (
    CardRead,
    FetchedElsewhere,
    FoundElsewhere,
    JourneyStarted,
    SyncStateWanted,
)
from app.widgets.entry import Entry
from app.widgets.identity_card import IdentityCard
from app.widgets.key_footer import KeyFooter
from app.widgets.status_bar import StatusBar
from app.widgets.tones import toned
from sync.catalogue.dates import show_partial_date
from sync.catalogue.validate import validate_value
from sync.domain.fold import JourneyState
from sync.domain.identity import Identity
from sync.domain.ids import format_reference
from sync.domain.returning import OpenElsewhere
from sync.errors import FieldInvalid

MANUAL_FIELDS = (
    ("name", "citizen.name"),
    ("birth_date", "citizen.birth_date"),
    ("national_number", "citizen.national_number"),
    ("nationality", "citizen.nationality"),
)
"""Inputs of the manual form and the catalogue fields that check them."""


class IdentifyScreen(CounterScreen):
    """Who the citizen is; confirming starts the journey.

    Args:
        linked_to: The canonical reference the new journey continues (None: a new one).
    """

    HELP_TEXT = "help.identify"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f4", "read_card", "key.read_card"),
        Binding("f7", "continue_journey", "key.continue_journey"),
        Binding("ctrl+s", "confirm", "key.confirm"),
        Binding("f3", "citizen_language", "key.citizen_language"),
        Binding("escape", "back", "key.back"),
    ]

    def __init__(self, *, linked_to: str | None = None) -> None:
        super().__init__()
        self.identity: Identity | None = None
        self.linked_to = linked_to
        self.returning: tuple[JourneyState, ...] = ()
        """The card's citizen's open journeys here (F7 continues the first)."""
        self.elsewhere: tuple[OpenElsewhere, ...] = ()
        """Their open journeys at other sites, as the central store told (F7 fetches the
        first when there is none here)."""

    @property
    def simulated(self) -> bool:
        """Whether the reader is the simulated one (demo cards to pick)."""
        return hasattr(self.desk.card_reader, "insert")

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Label(self.t("identify.title"), classes="title")
        if self.linked_to is not None:
            text = self.t("linked.explain", ref=format_reference(self.linked_to))
            yield Static(text, id="linked-to", classes="hint")
        with Horizontal(id="identify-body"):
            with Vertical(id="card-panel", classes="panel"):
                yield Label(self.t("identify.card"), classes="section")
                returning = Static("", id="returning", classes="hint")
                returning.display = False
                yield returning
                if self.desk.card_reader is None:
                    yield Static(self.t("identify.no_reader"), classes="hint")
                elif self.simulated:
                    yield Static(self.t("identify.pick_demo"), classes="hint")
                    names: dict[str, str] = getattr(self.desk.card_reader, "holder_names", dict)()
                    yield OptionList(
                        *(Option(name, id=key) for key, name in names.items()),
                        id="demo-cards",
                    )
                else:
                    yield Static(self.t("identify.insert"), classes="hint")
                yield IdentityCard(id="identity")
                birth = Vertical(id="card-birth")
                birth.display = self.identity is not None and self.identity.needs_birth_date
                with birth:
                    yield Static("", id="card-birth-hint", classes="hint")
                    yield Entry(id="card-birth_date")
                    yield Static("", id="error-card-birth_date", classes="error")
            with Vertical(id="manual-panel", classes="panel"):
                yield Label(self.t("identify.manual"), classes="section")
                for name, key in MANUAL_FIELDS:
                    field = self.desk.catalogue.fields.get(key)
                    label = field.label.get(self.session.ui_language) if field else key
                    yield Label(label)
                    yield Entry(id=f"manual-{name}")
                    yield Static("", id=f"error-{name}", classes="error")
        yield Static(
            self.t(
                "identify.citizen_language", lang=self.t(f"lang.{self.session.citizen_language}")
            ),
            classes="hint",
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self._show_identity()
        if self.simulated:
            self.query_one("#demo-cards", OptionList).focus()
        else:
            self.query_one("#manual-name", Input).focus()

    async def relabel(self) -> None:
        await super().relabel()
        self._show_identity()

    def _show_identity(self) -> None:
        identity = self.identity
        self.query_one("#identity", IdentityCard).show(identity)
        incomplete = identity is not None and identity.needs_birth_date
        self.query_one("#card-birth", Vertical).display = incomplete
        if identity is not None and incomplete:
            known = self._known_birth_date(identity)
            hint = self.t("identify.birth_date_partial", known=known)
            self.query_one("#card-birth-hint", Static).update(hint)

    def _known_birth_date(self, identity: Identity) -> str:
        """What the card gives of the date of birth, as the operator writes dates."""
        return show_partial_date(identity.birth_date_partial, self.session.ui_language)

    # -- card ------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#demo-cards")
    def _demo_card(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.read_card(event.option.id)

    def action_read_card(self) -> None:
        """Read the card in the reader (with the simulated reader, the highlighted demo card)."""
        if self.simulated:
            cards = self.query_one("#demo-cards", OptionList)
            highlighted = cards.highlighted
            if highlighted is not None:
                option_id = cards.get_option_at_index(highlighted).id
                self.read_card(option_id)
                return
        self.read_card(None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="card")
    def read_card(self, demo_key: str | None) -> None:
        """Insert the demo card (simulated reader) and read it; blocks about a second."""
        reader = self.desk.card_reader
        if reader is None:
            return
        try:
            if demo_key is not None:
                reader.insert(demo_key)  # type: ignore[attr-defined]
            name = reader.wait_for_card(15.0)
            card = reader.read(name)
            identity = identity_from_card(card, name)
            returning = tuple(self.desk.open_journeys_for(identity))
        except RECOVERABLE as exc:
            self.fail(exc, lambda: self.read_card(demo_key))
            return
        self.post_message(CardRead(identity, returning))

    def on_card_read(self, message: CardRead) -> None:
        message.stop()
        self.identity = message.identity
        self.returning = message.returning
        self.elsewhere = ()
        if not self.returning and self.session.sync_link is not None:
            self.look_elsewhere(message.identity)
        self.query_one("#card-birth_date", Input).value = ""
        self.query_one("#error-card-birth_date", Static).update("")
        self._show_identity()
        self._show_returning()
        self.refresh_bindings()
        if self.identity.needs_birth_date:
            self.notify(self.t("identify.read_partial"), severity="warning")
            self.query_one("#card-birth_date", Input).focus()
        else:
            self.notify(self.t("identify.read_ok"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="elsewhere")
    def look_elsewhere(self, identity: Identity) -> None:
        """Ask the central store for the citizen's open journeys at other sites (a short
        wait; offline or slow, nothing is said)."""
        link = self.session.sync_link
        if link is None:
            return
        operator = self.desk.operator.id if self.desk.operator is not None else None
        try:
            found = link.lookup(self.desk.store, identity, operator)
            store = self.desk.store
            journeys = tuple(j for j in found if j.ref and store.find_by_ref(j.ref) is None)
        except RECOVERABLE:
            return  # a hint, not a step: the card read stands without it
        if journeys:
            self.post_message(FoundElsewhere(identity, journeys))

    def on_found_elsewhere(self, message: FoundElsewhere) -> None:
        message.stop()
        if message.identity != self.identity or self.returning:
            return  # another card was read meanwhile, or the journey is here after all
        self.elsewhere = message.journeys
        self._show_returning()
        self.refresh_bindings()

    def _show_elsewhere(self, shown: Static) -> None:
        assert self.identity is not None
        latest = self.elsewhere[0]
        text = self.t(
            "identify.elsewhere",
            name=self.identity.name.split()[0],
            ref=format_reference(latest.ref) if latest.ref else "—",
            site=latest.site or "—",
            services=self._services(latest.services),
            when=when(latest.last_activity, self.session.ui_language),
        )
        if len(self.elsewhere) > 1:
            text += " " + self.t("identify.returning_more", count=len(self.elsewhere) - 1)
        shown.display = True
        shown.update(toned(self, text, "note", bold=True))

    def _services(self, count: int) -> str:
        """ "1 service", "2 services" in the operator's language."""
        if count == 1:
            return self.t("count.services_one")
        return self.t("count.services_many", count=count)

    def _show_returning(self) -> None:
        """Say at once that the card's citizen has an open journey here (or elsewhere)."""
        shown = self.query_one("#returning", Static)
        if not self.returning and self.elsewhere and self.identity is not None:
            self._show_elsewhere(shown)
            return
        shown.display = bool(self.returning) and self.identity is not None
        if not self.returning or self.identity is None:
            shown.update("")
            return
        latest = self.returning[0]
        text = self.t(
            "identify.returning",
            name=self.identity.name.split()[0],
            ref=format_reference(latest.ref) if latest.ref else "—",
            services=self._services(len(latest.services)),
        )
        if len(self.returning) > 1:
            text += " " + self.t("identify.returning_more", count=len(self.returning) - 1)
        shown.update(toned(self, text, "note", bold=True))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "continue_journey":
            return bool(self.returning or self.elsewhere)
        return True

    def action_continue_journey(self) -> None:
        """Continue the citizen's open journey instead of starting a second one (one held
        elsewhere is fetched by its reference first)."""
        if self.returning:
            journey_id = self.returning[0].journey_id
            self.post_message(Back())
            self.post_message(OpenJourney(journey_id, "returning"))
        elif self.elsewhere and self.elsewhere[0].ref:
            ref = self.elsewhere[0].ref
            self.notify(self.t("identify.elsewhere_fetching", ref=format_reference(ref)))
            self.fetch_elsewhere(ref)

    @work(thread=True, exclusive=True, exit_on_error=False, group="elsewhere-fetch")
    def fetch_elsewhere(self, ref: str) -> None:
        """Fetch the journey by reference through the usual fetch (granted and audited)."""
        link = self.session.sync_link
        if link is None:
            return
        operator = self.desk.operator.id if self.desk.operator is not None else None
        try:
            fetched = link.fetch(self.desk.store, ref, operator)
        except RECOVERABLE as exc:
            self.fail(exc, lambda: self.fetch_elsewhere(ref))
            return
        self.post_message(FetchedElsewhere(ref, fetched.journey_id))

    def on_fetched_elsewhere(self, message: FetchedElsewhere) -> None:
        message.stop()
        if message.journey_id is None:
            ref = format_reference(message.ref)
            self.notify(self.t("identify.elsewhere_failed", ref=ref), severity="warning")
            return
        self.post_message(Back())
        self.post_message(OpenJourney(message.journey_id, "returning"))

    # -- confirm ---------------------------------------------------------------

    def _checked(self, key: str, raw: str, error: Static) -> str | None:
        """``raw`` as catalogue field ``key`` takes it (stripped when the catalogue has no
        such field), or None with the field's message shown in ``error``."""
        error.update("")
        field = self.desk.catalogue.fields.get(key)
        if field is None:
            return raw.strip()
        today = self.session.clock().astimezone().date()
        try:
            return str(validate_value(field, raw, today))
        except FieldInvalid as exc:
            error.update(exc.message(self.session.ui_language))
            return None

    def _manual_identity(self) -> Identity | None:
        values: dict[str, str] = {}
        ok = True
        for name, key in MANUAL_FIELDS:
            raw = self.query_one(f"#manual-{name}", Input).value
            error = self.query_one(f"#error-{name}", Static)
            if not raw.strip() and name in ("national_number", "nationality"):
                error.update("")
                continue
            value = self._checked(key, raw, error)
            if value is None:
                ok = False
            else:
                values[name] = value
        if not ok:
            return None
        return Identity(
            name=values["name"],
            birth_date=values["birth_date"],
            national_number=values.get("national_number", ""),
            nationality=values.get("nationality", ""),
            method="manual",
        )

    def _card_identity(self, identity: Identity) -> Identity | None:
        """The card's identity, its date of birth completed from the card panel if need be."""
        if not identity.needs_birth_date:
            return identity
        entry = self.query_one("#card-birth_date", Input)
        error = self.query_one("#error-card-birth_date", Static)
        typed = self._checked("citizen.birth_date", entry.value, error)
        if typed is not None and not identity.accepts_birth_date(typed):
            known = self._known_birth_date(identity)
            error.update(self.t("identify.birth_date_not_card", known=known))
            typed = None
        if typed is None:
            entry.focus()
            return None
        return identity.with_birth_date(typed)

    @on(Input.Submitted, "#card-birth_date")
    def _birth_date_typed(self) -> None:
        self.action_confirm()

    def action_confirm(self) -> None:
        """Start the journey for this citizen (once a card's date of birth is complete)."""
        typed = any(self.query_one(f"#manual-{n}", Input).value.strip() for n, _ in MANUAL_FIELDS)
        if typed or self.identity is None:
            identity = self._manual_identity()
        else:
            identity = self._card_identity(self.identity)
        if identity is None:
            return
        self.start_journey(identity, self.session.citizen_language)

    @work(thread=True, exclusive=True, exit_on_error=False, group="journey-start")
    def start_journey(self, identity: Identity, language: str) -> None:
        """journey.started (and journey.linked), citizen.identified and the card's answers."""
        try:
            if self.linked_to is None:
                journey_id = self.desk.start_with_identity(identity, language)
            else:
                journey_id = self.desk.start_linked(identity, language, self.linked_to)
        except RECOVERABLE as exc:
            self.fail(exc, lambda: self.start_journey(identity, language))
            return
        self.post_message(JourneyStarted(journey_id))

    def on_journey_started(self, message: JourneyStarted) -> None:
        message.stop()
        self.session.journey_id = message.journey_id
        self.post_message(SyncStateWanted())
        self.post_message(AskConsent(message.journey_id, first=True))

    def action_citizen_language(self) -> None:
        """Switch the citizen's language."""
        self.switch_citizen_language()

    def action_back(self) -> None:
        """Back home."""
        self.post_message(Back())
