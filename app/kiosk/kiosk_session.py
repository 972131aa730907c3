"""What the kiosk's screens share beyond a counter's session: its own desk calls, the voice,
the citizen's display choices, and forgetting the citizen."""

from __future__ import annotations

from textual.dom import DOMNode

from app.desk import Clock, Desk
from app.i18n import Lang, as_lang
from app.kiosk.kiosk_desk import KioskDesk
from app.kiosk.texts import say
from app.kiosk.voice import Speaker
from app.session import Session, session_of
from sync.link import SyncLink


class KioskSession(Session):
    """The state the kiosk's screens share; the languages are the citizen's.

    Args:
        desk: The journey operations (channel ``kiosk``).
        kiosk: The kiosk's own operations.
        speaker: What reads screens aloud.
        languages: The languages the site offers; the first is the default.
        large_text: Start with large text.
        high_contrast: Start with the high-contrast theme.
        clock: The time now (aware).
        sync_link: The central store to sync with (None: none).
    """

    def __init__(
        self,
        desk: Desk,
        *,
        kiosk: KioskDesk,
        speaker: Speaker,
        languages: tuple[str, ...],
        large_text: bool,
        high_contrast: bool,
        clock: Clock | None = None,
        sync_link: SyncLink | None = None,
    ) -> None:
        super().__init__(desk, languages=languages, mode="kiosk", clock=clock, sync_link=sync_link)
        self.kiosk = kiosk
        self.speaker = speaker
        self.default_large_text = self.large_text = large_text
        self.default_high_contrast = self.high_contrast = high_contrast
        self.card_in_use = False
        """The open journey's citizen was identified with the card now in the reader."""

    def say(self, key: str, **values: object) -> str:
        """A kiosk text in the citizen's language."""
        return say(self.citizen_language, key, **values)

    def choose_language(self, lang: str) -> None:
        """The citizen's language, for the screens and the receipt alike."""
        chosen: Lang = as_lang(lang)
        self.citizen_language = self.ui_language = chosen
        self.changed()

    def forget(self) -> None:
        """Forget everything about the citizen (the journey itself stays in the store)."""
        self.journey_id = None
        self.card_in_use = False
        self._citizen_languages.clear()
        self.search_index = None
        self.citizen_language = self.ui_language = as_lang(self.languages[0])
        self.large_text = self.default_large_text
        self.high_contrast = self.default_high_contrast
        self.desk.forget_reads()
        self.changed()


def kiosk_session_of(node: DOMNode) -> KioskSession:
    """The kiosk session of the app ``node`` runs in.

    Raises:
        RuntimeError: the app is not the kiosk.
    """
    session = session_of(node)
    if not isinstance(session, KioskSession):
        raise RuntimeError("not a kiosk session")
    return session
