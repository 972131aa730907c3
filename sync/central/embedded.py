"""The central store in-process on loopback, for ``[central] url = "embedded"``.

The app starts it beside the local store (a SQLite file, nothing to set up),
enrols its own device once and then syncs with it over real HTTP, so a single
machine shows the whole round trip. It serves on the port it is given (the
app gives ``[central] public_url``'s when that names this machine, so a receipt's
QR opens here); a taken port is either an error or, when asked, a warning and a
free port instead. uvicorn runs in a daemon thread; ``stop`` asks it to finish
and waits.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import uvicorn

from sync.central.asgi import create_app
from sync.central.store import CentralStore
from sync.central.web.settings import WebSettings
from sync.errors import CentralError
from sync.tokenfile import write_private

if TYPE_CHECKING:
    from sync.central.notify.plan import NotifyPlan
    from sync.central.notify.worker import Notifier

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
"""Where the embedded store listens: this machine only."""


def _bound(port: int) -> socket.socket:
    """A TCP socket bound to ``HOST:port`` (0: a free port).

    Raises:
        OSError: the port is taken (or not ours to take).
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError:
        sock.close()
        raise
    return sock


def _listen(port: int, *, or_free_port: bool) -> socket.socket:
    """A socket on ``port``; if it is taken and ``or_free_port``, one on a free port (warned).

    Raises:
        CentralError: no port could be had.
    """
    try:
        return _bound(port)
    except OSError as exc:
        if not (or_free_port and port):
            raise CentralError(f"cannot listen on {HOST}:{port}: {exc}") from exc
        taken = exc
    try:
        sock = _bound(0)
    except OSError as exc:
        raise CentralError(f"cannot listen on {HOST}: {exc}") from exc
    log.warning(
        "%s:%d is taken (%s): the embedded central store serves on %s:%d instead. Sync works "
        "as before, but the handoff links of receipts and of the finish screen (public_url) "
        "do not reach this store until that port is free and the app restarts.",
        HOST, port, taken.strerror or taken, HOST, sock.getsockname()[1],
    )  # fmt: skip
    return sock


class EmbeddedCentral:
    """A central store served on 127.0.0.1 from a thread of this process.

    Args:
        db_path: the SQLite file of the central store.
        port: the loopback port (0 picks a free one).
        or_free_port: when ``port`` is taken, serve on a free one (and log a
            warning) rather than raise ``CentralError``.
        web: the citizen's pages to serve beside the API (None: the API only).
        notify: the notifier to run beside it (None: messages stay queued).

    Raises:
        CentralError: the port is taken (and no free one was asked for), or the
            database cannot be opened.
    """

    def __init__(
        self,
        db_path: Path,
        *,
        port: int = 0,
        or_free_port: bool = False,
        web: WebSettings | None = None,
        notify: NotifyPlan | None = None,
    ) -> None:
        self.db_path = db_path
        self.store = CentralStore(f"sqlite:///{db_path}")
        self.notifier: Notifier | None = None
        if notify is not None:
            from sync.central.notify.plan import make_notifier

            self.notifier = make_notifier(
                self.store,
                notify,
                web.catalogue if web is not None else None,
                web.public_url if web is not None else None,
            )
        try:
            self._socket = _listen(port, or_free_port=or_free_port)
        except CentralError:
            self.store.close()
            raise
        self.port = int(self._socket.getsockname()[1])
        self.url = f"http://{HOST}:{self.port}"
        app = create_app("", store=self.store, web=web)
        # No access log: a page's path may hold a handoff token (/c/{token}).
        config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True,
            name="embedded-central",
        )  # fmt: skip

    def start(self, timeout: float = 10.0) -> str:
        """Serve, and return the URL once requests are accepted.

        Raises:
            CentralError: the server did not start in time.
        """
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise CentralError("the embedded central store did not start")
            time.sleep(0.01)
        if self.notifier is not None:
            self.notifier.start()
        return self.url

    def token_for(self, device_id: str, site_id: str, token_file: Path) -> str:
        """This machine's device token: the one in ``token_file`` if still valid, else a new one.

        A new token is written to ``token_file`` with mode 0600.
        """
        if token_file.exists():
            token = token_file.read_text().strip()
            if token and self.store.device_for_token(token) is not None:
                return token
        self.store.revoke(device_id)  # a device that lost its token enrols again
        token, _site = self.store.enrol(self.store.issue_enrolment_code(site_id), device_id)
        write_private(token_file, token)
        return token

    def stop(self) -> None:
        """Stop serving and release the database."""
        if self.notifier is not None:
            self.notifier.stop()
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        self._socket.close()
        self.store.close()
