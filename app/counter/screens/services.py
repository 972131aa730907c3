"""Choose services: search as you type across agencies, by words or by life circumstance."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus, Key
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from app.counter.intents import Back, EditSteps
from app.counter.journey_screen import JourneyScreen
from app.failures import RECOVERABLE
from app.i18n import Lang, as_lang
from app.messages import EventSaved
from app.startup import freeze_long_lived
from app.widgets.entry import Entry
from app.widgets.key_footer import KeyFooter
from app.widgets.status_bar import StatusBar
from app.widgets.tones import tone_style
from sync.catalogue.model import Service
from sync.catalogue.search import SearchIndex
from sync.domain.fold import JourneyState
from sync.domain.offers import offers


class ServicesScreen(JourneyScreen):
    """Search, pick, and see the journey's services; each pick is saved at once.

    Args:
        journey_id: The journey.
        first: Part of starting a journey: go on to the steps.
    """

    HELP_TEXT = "help.services"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "go_on", "key.go_on"),
        Binding("delete", "remove", "key.remove"),
        Binding("down", "to_results", show=False),
    ]

    def __init__(self, journey_id: str, *, first: bool = False) -> None:
        super().__init__(journey_id)
        self.first = first
        self.results: list[Service] = []
        self._searched = ""  # the query ``results`` answer
        # One Option per service, language and chosen mark, kept across keystrokes:
        # an Option caches how its label is drawn, and typing one more letter mostly
        # shows the same services again.
        self._options: dict[tuple[str, str, bool], Option] = {}
        # What the citizen submitted in other journeys here: not offered again.
        self.done_before: frozenset[str] = frozenset()

    @property
    def index(self) -> SearchIndex:
        """The catalogue's search index, built once per app (here, if the worker is late)."""
        found = self.session.search_index
        if found is None:
            found = SearchIndex(self.desk.catalogue)
            self.session.search_index = found
        return found

    def on_mount(self) -> None:
        # Not super().on_mount(): Textual calls JourneyScreen.on_mount itself, and a
        # second call read the journey twice.
        self._watch_search()
        if self.session.search_index is None:
            self.build_index()

    def _watch_search(self) -> None:
        """Search as the search field's value changes, in the same turn as the key.

        Not on ``Input.Changed``: that message reaches the screen after the field has
        asked to be redrawn, so the typed letter and its results took two frames
        (Textual spaces frames up to two sixtieths of a second apart).
        """
        self.watch(self.query_one("#search", Input), "value", self._search, init=False)

    @work(thread=True, exclusive=True, exit_on_error=False, group="search-index")
    def build_index(self) -> None:
        """Index the catalogue off the UI thread: seconds for thousands of services,
        which would otherwise freeze the first keystroke."""
        index = SearchIndex(self.desk.catalogue)
        freeze_long_lived()
        self.app.call_from_thread(self._index_ready, index)

    def _index_ready(self, index: SearchIndex) -> None:
        if self.session.search_index is None:
            self.session.search_index = index
        found = self.query("#search") if self.is_attached else None
        if found:
            query = found.first(Input).value
            if query.strip():
                self._search(query)

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Label(self.t("services.title"), classes="title")
        # Not select_on_focus: letters typed in a list come here and add to the query.
        yield Entry(id="search", placeholder=self.t("services.placeholder"), select_on_focus=False)
        with Horizontal(id="services-body"):
            with Vertical(id="circumstance-panel", classes="panel"):
                yield Label(self.t("services.circumstances"), classes="section")
                lang = self.session.ui_language
                yield OptionList(
                    *(
                        Option(c.name.get(lang), id=c.id)
                        for c in self.desk.catalogue.circumstances.values()
                    ),
                    id="circumstances",
                )
            with Vertical(id="results-panel", classes="panel"):
                yield Label(self.t("services.results"), id="results-label", classes="section")
                yield OptionList(id="results")
                empty = Static(id="no-results", classes="hint")
                empty.display = False
                yield empty
            with Vertical(id="chosen-panel", classes="panel"):
                yield Label(self.t("services.chosen"), classes="section")
                yield OptionList(id="chosen")
                yield Static(self.t("services.remove_hint"), id="remove-hint", classes="hint")
                offered = Vertical(id="offers-panel")
                offered.display = False
                with offered:
                    yield Label(self.t("services.offers"), id="offers-label", classes="section")
                    yield OptionList(id="offers")
        yield KeyFooter()

    def load_extra(self, state: JourneyState) -> None:
        """With the journey, the services its citizen already did (in the load worker)."""
        self.done_before = self.desk.done_before(state)

    async def show_state(self, first: bool) -> None:
        if first:
            await self.recompose()
            self._watch_search()
            self.query_one("#search", Input).focus()
        self._fill_results()
        self._fill_chosen()
        self._fill_offers()

    async def relabel(self) -> None:
        await super().relabel()
        self._watch_search()
        self._search(self.query_one("#search", Input).value)
        self._fill_chosen()

    def _langs(self) -> tuple[Lang, ...]:
        ui, citizen = as_lang(self.session.ui_language), self.session.citizen_language
        return (ui,) if ui == citizen else (ui, citizen)

    def _option(self, service: Service) -> Option:
        lang = self.session.ui_language
        chosen = self.state is not None and service.id in self.state.services
        key = (service.id, lang, chosen)
        option = self._options.get(key)
        if option is None:
            agency = self.desk.catalogue.agencies[service.agency_id]
            label = Text(service.name.get(lang), style="bold")
            label.append(f"  {agency.short.get(lang)}", style="dim")
            if chosen:
                label.append("  ✓", style=tone_style(self, "ok"))
            option = self._options[key] = Option(label, id=service.id)
        return option

    def _fill_results(self) -> None:
        results = self.query_one("#results", OptionList)
        options = [self._option(s) for s in self.results]
        if len(options) == results.option_count and all(
            new is old for new, old in zip(options, results.options, strict=True)
        ):
            return  # the same list: nothing to redraw
        highlighted = results.highlighted
        results.clear_options()
        results.add_options(options)
        if self.results:
            results.highlighted = min(highlighted or 0, len(self.results) - 1)

    def _fill_chosen(self) -> None:
        chosen = self.query_one("#chosen", OptionList)
        # Refilled after every removal: the highlight stays where it was (on the next
        # service), so Delete, Delete takes them out one after the other.
        highlighted = chosen.highlighted
        chosen.clear_options()
        if self.state is None:
            return
        lang = self.session.ui_language
        for service_id in self.state.services:
            service = self.desk.catalogue.services.get(service_id)
            if service is not None:
                agency = self.desk.catalogue.agencies[service.agency_id]
                chosen.add_option(
                    Option(f"{service.name.get(lang)} ({agency.short.get(lang)})", id=service_id)
                )
        if chosen.option_count and (highlighted is not None or chosen.has_focus):
            chosen.highlighted = min(highlighted or 0, chosen.option_count - 1)

    @on(DescendantFocus, "#chosen")
    @on(DescendantFocus, "#offers")
    def _highlight_first(self, event: DescendantFocus) -> None:
        """Getting focus highlights the first service, so Delete removes it (chosen) or
        Enter adds it (offers) at once: an OptionList highlights nothing until an arrow
        key is pressed."""
        listed = event.widget
        if isinstance(listed, OptionList) and listed.highlighted is None and listed.option_count:
            listed.highlighted = 0

    def _fill_offers(self) -> None:
        """The other services of the journey's life circumstances, none added unasked and
        none the citizen already submitted (``sync.domain.offers``): Enter on one adds it."""
        offered = self.query_one("#offers", OptionList)
        offered.clear_options()
        found = (
            offers(self.state, self.desk.catalogue, self.done_before)
            if self.state is not None
            else []
        )
        self.query_one("#offers-panel", Vertical).display = bool(found)
        # The footer names Delete and Ctrl+S too: the hint gives its lines to the offers,
        # which at 80x24 had none left.
        self.query_one("#remove-hint", Static).display = not found
        if not found:
            return
        lang = self.session.ui_language
        names = dict.fromkeys(o.circumstance.name.get(lang) for o in found)
        self.query_one("#offers-label", Label).update(
            self.t("services.offers_for", circumstances=", ".join(names))
        )
        for offer in found:
            agency = self.desk.catalogue.agencies[offer.service.agency_id]
            label = f"+ {offer.service.name.get(lang)} ({agency.short.get(lang)})"
            offered.add_option(Option(label, id=offer.service.id))

    @on(OptionList.OptionSelected, "#offers")
    def _take_offer(self, event: OptionList.OptionSelected) -> None:
        service_id = event.option.id
        if service_id and self.state is not None and service_id not in self.state.services:
            self.change_service(service_id, True)

    def _search(self, query: str) -> None:
        index = self.session.search_index
        if index is None:  # still being built: searched when it is ready
            return
        self._searched = query
        hits = index.search(query, self._langs(), limit=30)
        self.results = [hit.service for hit in hits]
        typed = query.strip()
        if not typed:
            label = self.t("services.results")
        elif hits and hits[0].close:  # only typos of the catalogue's words matched
            label = self.t("services.results_close", query=typed)
        else:
            label = self.t("services.results_for", query=typed)
        self.query_one("#results-label", Label).update(label)
        empty = self.query_one("#no-results", Static)
        empty.display = bool(typed) and not hits
        if empty.display:
            empty.update(self.t("services.no_match", query=typed))
        self._fill_results()

    @on(Input.Submitted, "#search")
    def _to_results(self) -> None:
        if self.results:
            # At once, not ``focus()`` (which waits a turn): keys typed ahead, the Down
            # or Enter after this one, must reach the results.
            self.set_focus(self.query_one("#results", OptionList))

    def action_to_results(self) -> None:
        """Down in the search field goes into the results, as Enter does."""
        search = self.query_one("#search", Input)
        if self.focused is not search:
            raise SkipAction()
        if search.value != self._searched:  # letters typed just ahead: their watcher is late
            self._search(search.value)
        if not self.results:
            raise SkipAction()
        self._to_results()

    def on_key(self, event: Key) -> None:
        """A letter typed in one of the lists goes to the search field, which takes the
        focus: the operator starts a new search without Tab or a click first."""
        search = self.query_one("#search", Input)
        if not event.is_printable or not event.character or self.focused is search:
            return
        if not isinstance(self.focused, OptionList):
            return
        event.stop()
        event.prevent_default()
        search.value += event.character
        search.cursor_position = len(search.value)
        self.set_focus(search)  # at once: the next letters typed ahead go there too

    @on(OptionList.OptionSelected, "#circumstances")
    def _circumstance(self, event: OptionList.OptionSelected) -> None:
        circumstance = self.desk.catalogue.circumstances.get(event.option.id or "")
        if circumstance is None:
            return
        self.results = self.index.by_circumstance(circumstance.id)
        self.query_one("#no-results", Static).display = False
        self.query_one("#results-label", Label).update(
            self.t("services.results_for", query=circumstance.name.get(self.session.ui_language))
        )
        self._fill_results()
        self.query_one("#results", OptionList).focus()

    @on(OptionList.OptionSelected, "#results")
    def _pick(self, event: OptionList.OptionSelected) -> None:
        service_id = event.option.id
        if service_id and self.state is not None and service_id not in self.state.services:
            self.change_service(service_id, True)

    def action_remove(self) -> None:
        """Take the highlighted chosen service out of the journey."""
        chosen = self.query_one("#chosen", OptionList)
        if self.focused is not chosen or chosen.highlighted is None:
            return
        service_id = chosen.get_option_at_index(chosen.highlighted).id
        if service_id:
            self.change_service(service_id, False)

    @work(thread=True, exclusive=False, exit_on_error=False, group="services")
    def change_service(self, service_id: str, add: bool) -> None:
        """service.added or service.removed."""
        try:
            if add:
                event = self.desk.add_service(self.journey_id, service_id)
            else:
                event = self.desk.remove_service(self.journey_id, service_id)
        except RECOVERABLE as exc:
            self.fail(exc, lambda: self.change_service(service_id, add))
            return
        self.post_message(EventSaved(event, "service"))

    def on_event_saved(self, message: EventSaved) -> None:
        message.stop()
        self.reload()

    def action_go_on(self) -> None:
        """On to the steps of the chosen services."""
        if self.state is None or not self.state.services:
            self.notify(self.t("services.none_yet"), severity="warning")
            return
        if self.first:
            self.post_message(EditSteps(self.journey_id, first=True))
        else:
            self.post_message(Back())
