"""What every screen and widget of a face shares: the desk, languages, the open journey, sync.

One ``Session`` per running app. Screens and widgets reach it with
``session_of(self)``, which asks the running app for it without naming the App
class, so no screen or widget imports the app (or another screen). Whoever changes
what the header shows calls ``changed()``; widgets that show shared state
subscribe to it (the header redraws itself). All of it is used on the UI thread
only; workers post messages and the app applies them here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from textual.dom import DOMNode

from app.desk import Clock, Desk
from app.i18n import LANGS, Lang, as_lang, next_lang, tr
from sync.catalogue.search import SearchIndex
from sync.domain.fold import JourneyState
from sync.link import SyncLink, SyncOutcome

Listener = Callable[[], None]
"""Called after shared state changed (on the UI thread)."""


class Session:
    """The state a face's screens share.

    Args:
        desk: The journey operations over the store and devices.
        languages: The languages the site offers; the first is the default.
        mode: ``counter``, ``van`` or ``kiosk``.
        clock: The time now (aware), for the header and "today".
        sync_link: The central store to sync with and fetch from (None: none).
    """

    def __init__(
        self,
        desk: Desk,
        *,
        languages: tuple[str, ...] = LANGS,
        mode: str = "counter",
        clock: Clock | None = None,
        sync_link: SyncLink | None = None,
    ) -> None:
        self.desk = desk
        self.sync_link = sync_link
        self.languages = tuple(languages) or LANGS
        self.mode = mode
        self.clock: Clock = clock or desk.clock
        self.ui_language: Lang = as_lang(self.languages[0])
        """The operator's language (screens, keys, messages)."""
        self.citizen_language: Lang = as_lang(self.languages[0])
        """The open journey's citizen language (receipt, handoff, what is read to them)."""
        self.journey_id: str | None = None
        """The journey open on screen, if any."""
        self.left_journey_id: str | None = None
        """The journey the mediator last left (``close_journey``), until home takes it
        (``take_left``) to close it if it was abandoned (``sync.domain.closing``)."""
        self.events_waiting = 0
        """Events the central store has not acknowledged yet."""
        self.sync_outcome: SyncOutcome | None = None
        """The last background sync round's outcome (None before the first, or without sync)."""
        self.last_sync: datetime | None = None
        """When a round last reached the central store (the van's header), if known."""
        self.sync_held = False
        """A round waits for the mediator to save the field they are editing (van)."""
        self.search_index: SearchIndex | None = None
        """The service search index, once built (it outlives the services screen)."""
        self._citizen_languages: dict[str, Lang] = {}
        self._listeners: list[Listener] = []

    def t(self, key: str, **values: object) -> str:
        """A UI text in the operator's language."""
        return tr(self.ui_language, key, **values)

    def ct(self, key: str, **values: object) -> str:
        """A text in the citizen's language."""
        return tr(self.citizen_language, key, **values)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` after each change; returns what unsubscribes it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def changed(self) -> None:
        """Tell the subscribers that shared state changed."""
        for listener in list(self._listeners):
            listener()

    def open_journey(self, state: JourneyState) -> None:
        """A journey is now on screen: its citizen's language becomes the citizen language."""
        self.journey_id = state.journey_id
        self.citizen_language = self._citizen_languages.get(
            state.journey_id, as_lang(state.language)
        )
        self.changed()

    def close_journey(self) -> None:
        """No journey is on screen any more."""
        if self.journey_id is not None:
            self.left_journey_id = self.journey_id
        self.journey_id = None
        self.changed()

    def take_left(self) -> str | None:
        """The journey last left, once (None when none was left since)."""
        left, self.left_journey_id = self.left_journey_id, None
        return left

    def next_ui_language(self) -> Lang:
        """Move the operator's language to the site's next one."""
        self.ui_language = next_lang(self.ui_language, self.languages)
        self.changed()
        return self.ui_language

    def next_citizen_language(self) -> Lang:
        """Move the citizen's language to the site's next one (kept for this journey)."""
        self.citizen_language = next_lang(self.citizen_language, self.languages)
        if self.journey_id is not None:
            self._citizen_languages[self.journey_id] = self.citizen_language
        self.changed()
        return self.citizen_language

    def sync_state(self, waiting: int, outcome: SyncOutcome | None = None) -> None:
        """Record the backlog (and, after a round, its outcome)."""
        self.events_waiting = waiting
        if outcome is not None:
            self.sync_outcome = outcome
            if outcome.last_sync is not None:
                self.last_sync = outcome.last_sync
        self.changed()


class SessionHost(Protocol):
    """A running app of either face: it holds the session."""

    session: Session


def session_of(node: DOMNode) -> Session:
    """The session of the app ``node`` runs in.

    Raises:
        RuntimeError: the app holds no session (a widget mounted in a foreign app).
    """
    session = getattr(node.app, "session", None)
    if not isinstance(session, Session):
        raise RuntimeError(f"{type(node.app).__name__} holds no Counterpart session")
    return session
