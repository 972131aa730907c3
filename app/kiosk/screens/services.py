"""What do you need: the services the catalogue allows on the kiosk, grouped by life
circumstance (``sync.domain.offer``). A topic first, then its services to tick."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal
from textual.widgets import Button, Label, Static

from app.failures import RECOVERABLE
from app.kiosk.base import KioskScreen
from app.kiosk.intents import Back, ServicesChosen
from app.messages import JourneyLoaded, SyncStateWanted
from sync.domain.offer import Group, by_circumstance

PAGE = 8
"""Services shown at once: two columns of four, all on screen without scrolling."""


class ServicesScreen(KioskScreen):
    """The topics, or one topic's services, and Next.

    Args:
        journey_id: The journey.
    """

    SCREEN_NAME = "services"
    TITLE_KEY = "services.title"
    QUESTION_KEY = "services.question"

    def __init__(self, journey_id: str) -> None:
        super().__init__()
        self.journey_id = journey_id
        self.group: int | None = None
        self.page = 0
        self.held: tuple[str, ...] = ()
        """Services the journey already has (from another visit)."""
        self.chosen: list[str] = []

    @property
    def groups(self) -> list[Group]:
        """The kiosk's services by circumstance."""
        catalogue = self.desk.catalogue
        return by_circumstance(catalogue, self.session.kiosk.offered_services())

    def _group_name(self, group: Group) -> str:
        lang = self.session.citizen_language
        return (
            group.circumstance.name.get(lang) if group.circumstance else self.say("services.other")
        )

    def body(self) -> ComposeResult:
        lang = self.session.citizen_language
        names = [
            self.desk.catalogue.services[s].name.get(lang)
            for s in [*self.held, *self.chosen]
            if s in self.desk.catalogue.services
        ]
        yield Static("  ".join(self.say("services.chosen", name=n) for n in names),
                     id="services-chosen", classes="kiosk-status")  # fmt: skip
        groups = self.groups
        more = False
        if self.group is None:
            with Grid(classes="choices"):
                for index, group in enumerate(groups):
                    name = self._group_name(group)
                    yield Button(name, id=f"group-{index}", classes="big-button group")
        else:
            group = groups[self.group]
            yield Label(self._group_name(group), classes="kiosk-section")
            shown = group.services[self.page * PAGE : (self.page + 1) * PAGE]
            more = len(group.services) > (self.page + 1) * PAGE
            with Grid(classes="choices two"):
                for service in shown:
                    mark = "☑" if service.id in self.held or service.id in self.chosen else "☐"
                    yield Button(
                        f"{mark}  {service.name.get(lang)}",
                        id=f"service-{service.id.replace('.', '--')}",
                        classes="big-button service",
                        disabled=service.id in self.held,
                    )
        with Horizontal(classes="nav-row"):
            yield Button(self.say("nav.back"), id="back", classes="nav-button")
            if more:
                yield Button(self.say("nav.more"), id="more", classes="nav-button")
            yield Button(self.say("nav.next"), id="next", classes="nav-button primary-button")

    def on_mount(self) -> None:
        self._focus()

    def _focus(self) -> None:
        found = self.query(".big-button")
        enabled = [b for b in found if not b.disabled]
        if enabled:
            enabled[0].focus()

    def on_screen_resume(self) -> None:
        if self.session.journey_id == self.journey_id:  # not while being forgotten
            self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="kiosk-services")
    def load(self) -> None:
        """The journey's services so far."""
        try:
            state, events = self.desk.read_journey(self.journey_id)
        except RECOVERABLE as exc:
            self.fail(exc)
            return
        self.post_message(JourneyLoaded(state, events))

    async def on_journey_loaded(self, message: JourneyLoaded) -> None:
        message.stop()
        if self.session.journey_id != self.journey_id:
            return  # the citizen was forgotten while it was read: show nothing of it
        self.held = message.state.services
        self.session.open_journey(message.state)
        await self._redraw()

    async def _redraw(self) -> None:
        await self.recompose()
        self._focus()

    @on(Button.Pressed, ".group")
    async def _group(self, event: Button.Pressed) -> None:
        event.stop()
        self.group = int((event.button.id or "0").removeprefix("group-"))
        self.page = 0
        await self._redraw()

    @on(Button.Pressed, "#more")
    async def _more(self, event: Button.Pressed) -> None:
        event.stop()
        self.page += 1
        await self._redraw()

    @on(Button.Pressed, ".service")
    async def _service(self, event: Button.Pressed) -> None:
        event.stop()
        service_id = (event.button.id or "").removeprefix("service-").replace("--", ".")
        if service_id in self.chosen:
            self.chosen.remove(service_id)
        else:
            self.chosen.append(service_id)
        await self._redraw()
        found = self.query(f"#{event.button.id}")
        if found:
            found.first().focus()

    @on(Button.Pressed, "#back")
    async def _back(self, event: Button.Pressed) -> None:
        event.stop()
        if self.group is not None and self.page > 0:
            self.page -= 1
            await self._redraw()
        elif self.group is not None:
            self.group = None
            await self._redraw()
        else:
            self.post_message(Back())

    @on(Button.Pressed, "#next")
    def _next(self, event: Button.Pressed) -> None:
        event.stop()
        if not self.chosen and not self.held:
            self.query_one("#services-chosen", Static).update(self.say("services.none"))
            return
        self.add(list(self.chosen))

    @work(thread=True, exclusive=True, exit_on_error=False, group="kiosk-services")
    def add(self, services: list[str]) -> None:
        """service.added for each service chosen."""
        try:
            for service_id in services:
                self.desk.add_service(self.journey_id, service_id)
        except RECOVERABLE as exc:
            self.fail(exc)
            return
        self.app.call_from_thread(self.chosen.clear)
        self.post_message(ServicesChosen(self.journey_id))
        self.post_message(SyncStateWanted())
