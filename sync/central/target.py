"""An embedded central store as a sync link's target, cheap to make: nothing heavy is
imported (uvicorn, FastAPI, SQLAlchemy) until the first round asks for its address,
which runs once the app's first screen is drawn."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sync.errors import CentralError

if TYPE_CHECKING:
    from sync.central.embedded import EmbeddedCentral
    from sync.central.notify.plan import NotifyPlan
    from sync.central.web.settings import WebSettings


class EmbeddedTarget:
    """An embedded central store as a sync link's target (``sync.link.CentralTarget``).

    Nothing starts when it is made: the first ``address`` serves the store (half a
    second; the app's first round runs after its first screen is drawn) and
    enrols the device with it; ``close`` stops it.

    Args:
        db_path: the central store's SQLite file (its folder is made if missing).
        site_id: the site the device is enrolled for.
        token_file: where the device token is kept (mode 0600).
        port: the loopback port to serve on, such as ``[central] public_url``'s so
            that handoff links open here (0 picks a free one). If it is taken, a
            free one is used instead and a warning logged: sync works all the same.
        web: the citizen's pages to serve beside the API (None: the API only).
        notify: the notifier to run beside it (None: messages stay queued).
    """

    def __init__(
        self,
        db_path: Path,
        *,
        site_id: str,
        token_file: Path,
        port: int = 0,
        web: WebSettings | None = None,
        notify: NotifyPlan | None = None,
    ) -> None:
        self.db_path = db_path
        self.site_id = site_id
        self.token_file = token_file
        self.port = port
        self.web = web
        self.notify = notify
        self.central: EmbeddedCentral | None = None
        """The running store, once started."""

    def address(self, device_id: str) -> tuple[str, str]:
        """The store's URL and this device's token, starting the store the first time.

        Raises:
            CentralError: it did not start (no port to be had, database unusable).
        """
        if self.central is None:
            from sync.central.embedded import EmbeddedCentral  # uvicorn only when asked

            self.db_path.parent.mkdir(parents=True, exist_ok=True)
            central = EmbeddedCentral(
                self.db_path, port=self.port, or_free_port=True, web=self.web, notify=self.notify
            )
            try:
                central.start()
            except CentralError:
                central.stop()
                raise
            self.central = central
        return self.central.url, self.central.token_for(device_id, self.site_id, self.token_file)

    def close(self) -> None:
        """Stop the store, if it was started."""
        if self.central is not None:
            self.central.stop()
            self.central = None
