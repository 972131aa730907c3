"""A counter machine of the demo site, set up as an operator would: its own kiosk.toml
pointing at the served central store, enrolled with ``counterpart central enrol`` and
``counterpart enrol``, its receipts printed by the preview printer as PNG pictures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.config import Settings, load_settings
from app.factory import build_app, close_app
from devices.cards.simulated import SimulatedCardReader
from devices.printing.preview import PreviewReceiptPrinter
from sync.domain.identity import Identity
from tests.sync.serverproc import ROOT, counterpart
from tests.web.browser.served import ServedCentral

SITE = "demo-lisboa"
CARD = "marie-peeters"
"""The demo card the citizen shows at the counter."""


def counter_config(folder: Path, central: ServedCentral) -> Path:
    """The kiosk.toml of a counter that syncs with ``central`` and prints its links."""
    path = folder / "kiosk.toml"
    path.write_text(
        f'[site]\nid = "{SITE}"\nname = "Citizen Spot Demo — Lisboa"\nmode = "counter"\n'
        'languages = ["pt", "en", "es"]\nlock_after_seconds = 0\n\n'
        '[store]\npath = "var/counterpart.db"\n\n'
        f'[central]\nurl = "{central.url}"\npublic_url = "{central.url}"\n'
        'token_file = "var/device.token"\n\n'
        f'[card_reader]\ndriver = "simulated"\ncards = "{ROOT / "fixtures" / "cards"}"\n\n'
        '[printer]\ndriver = "preview"\ncolumns = 42\npath = "receipts"\n\n'
        f'[catalogue]\npath = "{ROOT / "fixtures" / "catalogue"}"\n',
        encoding="utf-8",
    )
    return path


@dataclass(frozen=True)
class Counter:
    """The counter's configuration, and what it printed."""

    config: Path
    settings: Settings

    def run(self, *args: str) -> str:
        """Run ``counterpart`` on this machine; returns its output (it must succeed)."""
        done = counterpart(*args, config=self.config)
        assert done.returncode == 0, f"counterpart {' '.join(args)}: {done.stdout}{done.stderr}"
        return done.stdout


def enrolled_counter(folder: Path, central: ServedCentral) -> Counter:
    """A counter of the demo site, enrolled with ``central`` through both CLIs."""
    folder.mkdir(parents=True, exist_ok=True)
    config = counter_config(folder, central)
    issued = counterpart(
        "central", "enrol", "--db", central.db_url, "--site", SITE, config=central.server.config
    )
    assert issued.returncode == 0, issued.stderr
    counter = Counter(config, load_settings(config))
    counter.run("enrol", issued.stdout.strip())
    return counter


@dataclass(frozen=True)
class Finished:
    """A journey the counter finished: its id, who the citizen is, and the printed receipt."""

    journey_id: str
    identity: Identity
    receipt: Path


def finish_journey(counter: Counter, services: tuple[str, ...]) -> Finished:
    """What the mediator does: sign in, read the citizen's card, take the consents, add the
    services, hand off and print the receipt; all through the app's desk."""
    app = build_app(counter.settings, sync_link=None, lock_after=None)
    try:
        desk = app.desk
        assert desk.sign_in("demo", "1234") is not None
        reader = desk.card_reader
        assert isinstance(reader, SimulatedCardReader)
        reader.insert(CARD)
        identity = desk.card_identity(reader.read(), reader.reader_name)
        journey_id = desk.start_with_identity(identity, "pt")
        desk.give_consent(journey_id, ["services", "handoff"])
        for service in services:
            desk.add_service(journey_id, service)
        handoff = desk.issue_handoff(journey_id)
        printed = desk.print_receipt(journey_id, handoff, "pt")
        assert printed.result.error is None, printed.result.error
        printer = desk.printer
        assert isinstance(printer, PreviewReceiptPrinter) and printer.last_paths is not None
        desk.sign_out()
        return Finished(journey_id, identity, printer.last_paths[0])
    finally:
        close_app(app)
