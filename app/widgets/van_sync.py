"""The van's part of the header: how long since the last sync and how many events wait.

"⇅ last sync 2 h 14 min ago · 37 events waiting", always, in the operator's
language; offline it says so; while a round waits for the mediator to save the
field they are editing, "⇅ 37 events waiting · sync waits for Enter" (within 120
columns with a journey open). The times come from the session (the van
app keeps ``last_sync`` fresh); what the words mean is ``sync.domain.van``'s.
"""

from __future__ import annotations

from app.describe import elapsed_words
from app.session import Session
from app.widgets.tones import Tone
from sync.domain.van import since


def since_words(session: Session) -> str:
    """``last sync 2 h 14 min ago``, ``synced just now`` or ``never synced``."""
    lang = session.ui_language
    ago = since(session.clock(), session.last_sync)
    if ago is None:
        return session.t("van.never_synced")
    if ago.just_now:
        return session.t("van.last_sync_now")
    return session.t("van.last_sync", ago=elapsed_words(ago, lang))


def waiting_words(session: Session) -> str:
    """``37 events waiting``, ``1 event waiting`` or ``nothing waiting``."""
    count = session.events_waiting
    if count == 0:
        return session.t("van.nothing_waiting")
    if count == 1:
        return session.t("van.waiting_one")
    return session.t("van.waiting", count=count)


def van_sync_part(session: Session) -> tuple[str, Tone]:
    """The header's sync part in van mode, and its tone."""
    if session.sync_held:  # what matters now: the round waits for the field
        parts = [waiting_words(session), session.t("van.held")]
    else:
        parts = [since_words(session), waiting_words(session)]
        outcome = session.sync_outcome
        if outcome is not None and outcome.state == "offline":
            parts.insert(0, session.t("van.offline"))
    tone: Tone = "warn" if session.events_waiting or session.sync_held else "ok"
    return "⇅ " + " · ".join(parts), tone
