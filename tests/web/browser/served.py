"""The central store as the browser tests meet it: ``counterpart central serve`` in a child
process, with the citizen's pages, over a SQLite file in a tmp folder.

The test process opens the same database with its own ``CentralStore`` for what a
counter's push would bring (``seed``, ``revoke``) and for what the tests check
afterwards (``web_events``, ``documents``): the server reads and writes only
through its own process.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final

from sync.central.records import Device
from sync.central.store import CentralStore
from sync.domain.events import Event
from tests.sync.serverproc import ROOT, CentralServer, free_port
from tests.web.seed import Seeded, seed_journey

UPLOAD_MAX_BYTES: Final = 1024 * 1024
"""``[central] upload_max_bytes`` of the served store: 1 MiB, so a refused upload is small."""
SEED_SITE: Final = "lisboa"
"""The site of the counters ``seed`` makes journeys at (``tests.web.seed``)."""

WIDE_OPEN: Final = 100_000
"""The ways-in throttle of the shared server: every test comes from the same address."""

_devices = itertools.count(1)
"""Device ids for seeded journeys, unique in the session (each counts its own seq)."""


def central_config(
    folder: Path, public_url: str, *, burst: int = WIDE_OPEN, per_second: float = WIDE_OPEN
) -> Path:
    """The kiosk.toml of the central server: its pages at ``public_url``, documents in tmp,
    the ways in throttled to ``burst`` requests and ``per_second`` after them."""
    path = folder / "kiosk.toml"
    path.write_text(
        '[site]\nid = "central"\nname = "Central case store"\n\n'
        '[store]\npath = "var/unused.db"\n\n'
        f'[central]\nurl = "off"\npublic_url = "{public_url}"\n'
        f'documents_path = "documents"\nupload_max_bytes = {UPLOAD_MAX_BYTES}\n'
        f"web_requests_burst = {burst}\nweb_requests_per_second = {per_second}\n"
        'operator_name = "Valmora Digital Services"\n'
        'accessibility_contact = "access@valmora.example"\n\n'
        f'[catalogue]\npath = "{ROOT / "fixtures" / "catalogue"}"\n',
        encoding="utf-8",
    )
    return path


class ServerLog:
    """What the server writes to stderr, read as it comes (so a full pipe never stalls it)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.lines: list[str] = []
        self._thread = threading.Thread(
            target=self._read, args=(stream,), name="central-stderr", daemon=True
        )
        self._thread.start()

    def _read(self, stream: IO[bytes]) -> None:
        for line in iter(stream.readline, b""):
            self.lines.append(line.decode("utf-8", "replace"))

    def mark(self) -> int:
        """Where the log is now."""
        return len(self.lines)

    def errors_since(self, mark: int) -> str:
        """What the server logged since ``mark`` if it holds a traceback (a page's 500)."""
        text = "".join(self.lines[mark:])
        return text if "Traceback" in text or "Exception in ASGI" in text else ""


@dataclass
class ServedCentral:
    """A running ``counterpart central serve`` and the test's own view of its database."""

    folder: Path
    server: CentralServer
    store: CentralStore
    db_url: str
    log: ServerLog
    seeded: list[Seeded] = field(default_factory=list)

    @property
    def url(self) -> str:
        """The served address, also ``[central] public_url`` (printed on receipts)."""
        return self.server.url

    @property
    def documents(self) -> Path:
        """``[central] documents_path``: where accepted uploads are stored."""
        return self.folder / "documents"

    def stored_documents(self) -> set[str]:
        """The names of the files in the documents folder."""
        if not self.documents.exists():
            return set()
        return {p.name for p in self.documents.iterdir()}

    def link(self, token: str) -> str:
        """The receipt's link for ``token``."""
        return f"{self.url}/c/{token}"

    def seed(self, **options: Any) -> Seeded:
        """A journey with a live handoff, pushed by a counter of its own
        (``tests.web.seed.seed_journey`` with a device id unique in the session)."""
        number = next(_devices)
        options.setdefault("seed", f"browser-{number}")
        seeded = seed_journey(self.store, device_id=f"counter-b{number}", **options)
        self.seeded.append(seeded)
        return seeded

    def revoke(self, seeded: Seeded, reason: str = "lost") -> None:
        """Push the counter's ``handoff.revoked`` for the seeded journey's handoff."""
        device = Device(seeded.device.device_id, SEED_SITE)
        revoked = seeded.device.event(
            "handoff.revoked", {"handoff_id": seeded.handoff_id, "reason": reason}
        )
        result = self.store.push(device, [revoked.to_dict()])
        assert result.stored == 1, result.results

    def events(self, journey_id: str) -> list[Event]:
        """Every event the store holds of a journey."""
        return self.store.journey_events(journey_id)

    def web_events(self, journey_id: str) -> list[Event]:
        """The events of a journey that came from the citizen's pages (channel ``web``)."""
        return [e for e in self.events(journey_id) if e.channel == "web"]

    def stop(self) -> None:
        """Stop the server and close the test's view of the database."""
        self.server.stop()
        self.store.close()


def serve(folder: Path, **throttle: Any) -> ServedCentral:
    """Start ``counterpart central serve`` over ``folder/central.db`` on a free port
    (``throttle``: ``central_config``'s ``burst`` and ``per_second``)."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    config = central_config(folder, f"http://127.0.0.1:{port}", **throttle)
    db_url = f"sqlite:///{folder / 'central.db'}"
    store = CentralStore(db_url)  # migrates the file before the server opens it
    server = CentralServer(db_url, config, port=port)
    try:
        server.start()
    except BaseException:
        store.close()
        raise
    assert server.proc is not None and server.proc.stderr is not None
    return ServedCentral(folder, server, store, db_url, ServerLog(server.proc.stderr))
