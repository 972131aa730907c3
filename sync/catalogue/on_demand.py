"""The catalogue read by whoever first needs it, in any thread; the others wait for that read."""

from __future__ import annotations

import threading
from pathlib import Path

from sync.catalogue.loader import load_catalogue
from sync.catalogue.model import Catalogue


class CatalogueOnDemand:
    """The catalogue at ``path``, read by the first call (in any thread); later calls wait.

    The app reads it in a worker once its first screen is drawn, rather than before
    it: reading and checking the catalogue files costs tens of milliseconds that the
    sign-in screen does not need. A failed read is tried again by the next call.

    Args:
        path: The catalogue folder.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._catalogue: Catalogue | None = None

    def __call__(self) -> Catalogue:
        """The catalogue; blocks while it is being read.

        Raises:
            CatalogueError: a file is broken.
        """
        with self._lock:
            if self._catalogue is None:
                self._catalogue = load_catalogue(self.path)
            return self._catalogue
