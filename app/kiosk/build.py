"""The kiosk's part of the composition root: its App over the shared desk, from ``[kiosk]``.

``app.factory.build_app`` builds the desk, the store, the devices and the sync link
as for the counter, then calls ``make_kiosk_app`` when ``[site] mode = "kiosk"``.
"""

from __future__ import annotations

from app.config import Settings
from app.desk import Clock, Desk
from app.kiosk.app import KioskApp
from app.kiosk.kiosk_desk import KioskDesk
from app.kiosk.voice import EspeakSpeaker, SilentSpeaker, Speaker
from sync.link import SyncLink


def make_kiosk_app(
    desk: Desk, settings: Settings, *, clock: Clock, sync_link: SyncLink | None
) -> KioskApp:
    """The kiosk's app over ``desk``, as ``[kiosk]`` configures it."""
    section = settings.kiosk
    speaker: Speaker = EspeakSpeaker() if section.speech == "espeak-ng" else SilentSpeaker()
    return KioskApp(
        desk,
        kiosk=KioskDesk(desk, exit_pin_hash=section.exit_pin_hash),
        speaker=speaker,
        languages=tuple(settings.site.languages),
        idle_seconds=float(section.idle_seconds),
        countdown_seconds=float(section.countdown_seconds),
        large_text=section.large_text,
        high_contrast=section.theme == "high-contrast",
        exit_keys=tuple(section.exit_keys),
        clock=clock,
        sync_link=sync_link,
    )
