"""Building the pieces a command or the app needs from the settings, in one place."""

from __future__ import annotations

from app.config import Settings
from sync.catalogue.loader import load_catalogue
from sync.catalogue.model import Catalogue
from sync.store.store import LocalStore


def open_store(settings: Settings) -> LocalStore:
    """The machine's local store, opened (and migrated) from ``[store] path``."""
    return LocalStore(settings.resolve(settings.store.path), site_id=settings.site.id)


def open_catalogue(settings: Settings) -> Catalogue:
    """The service catalogue from ``[catalogue] path``."""
    return load_catalogue(settings.resolve(settings.catalogue.path))
