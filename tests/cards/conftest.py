"""Fixtures for the card tests: a private pcscd with the vpcd virtual reader driver.

The PC/SC client library reads ``PCSCLITE_CSOCK_NAME`` once, at the first context
it opens, so this module sets it when pytest imports it, before any test talks to
PC/SC. When run as root, pcscd is started in its own mount namespace with
/run/pcscd bound to a private directory: it does not see or disturb a system
pcscd, and its reader list comes from a private config directory (``-c``) whose
vpcd entry uses free ports instead of the default 35963.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from devices.cards.memcard import MemoryCard
from tests.cards.virtual_card import VirtualCard

RUN_DIR = Path(tempfile.mkdtemp(prefix="counterpart-pcscd-"))
SOCKET_PATH = RUN_DIR / "pcscd.comm"
os.environ["PCSCLITE_CSOCK_NAME"] = str(SOCKET_PATH)

VPCD_CONF = Path("/etc/reader.conf.d/vpcd")
VPCD_DRIVER_DEFAULT = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
READER_PREFIX = "Virtual PCD"
START_TIMEOUT = 15.0


@dataclass(frozen=True)
class PcscStack:
    """A running private pcscd with one vpcd reader slot for the virtual card.

    Attributes:
        port: vpcd's TCP port for the first slot.
        reader_name: the PC/SC name of that slot.
        log: pcscd's debug log.
    """

    port: int
    reader_name: str
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        """The end of pcscd's log, for failure messages."""
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def _vpcd_driver() -> Path:
    if VPCD_CONF.exists():
        for line in VPCD_CONF.read_text().splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "LIBPATH":
                return Path(parts[1])
    return VPCD_DRIVER_DEFAULT


def _free_port_pair() -> int:
    """A port p with p and p+1 free (vpcd opens one per slot)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        try:
            with socket.socket() as second:
                second.bind(("127.0.0.1", port + 1))
            return port
        except OSError:
            continue
    raise RuntimeError("no two consecutive free TCP ports")


def _command(config_dir: Path) -> list[str]:
    pcscd = ["pcscd", "--foreground", "--debug", "--config", str(config_dir)]
    if not (shutil.which("unshare") and shutil.which("mount")):
        pytest.fail("the card tests need unshare and mount (util-linux) to isolate pcscd")
    script = 'mkdir -p /run/pcscd && mount --bind "$0" /run/pcscd && exec "$@"'
    return [
        "unshare",
        "--mount",
        "--propagation",
        "private",
        "sh",
        "-c",
        script,
        str(RUN_DIR),
        *pcscd,
    ]


@pytest.fixture(scope="session")
def pcsc_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PcscStack]:
    """Start pcscd with the vpcd driver for the whole session; fail (never skip) without them."""
    if shutil.which("pcscd") is None:
        pytest.fail("pcscd is not installed; install the Debian package pcscd (./dev setup does)")
    driver = _vpcd_driver()
    if not driver.exists():
        pytest.fail(f"the vpcd reader driver {driver} is missing; install vsmartcard-vpcd")
    if os.geteuid() != 0:
        pytest.fail(
            "the card tests start their own pcscd in a private mount namespace: run as root"
        )

    workdir = tmp_path_factory.mktemp("pcscd")
    config_dir = workdir / "reader.conf.d"
    config_dir.mkdir()
    port = _free_port_pair()
    (config_dir / "vpcd").write_text(
        f'FRIENDLYNAME "{READER_PREFIX}"\n'
        f"DEVICENAME   /dev/null:{port}\n"
        f"LIBPATH      {driver}\n"
        f"CHANNELID    {port}\n"
    )
    log = workdir / "pcscd.log"
    stack = PcscStack(port=port, reader_name=f"{READER_PREFIX} 00 00", log=log)
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            _command(config_dir), stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        _wait_until_ready(process, stack)
        yield stack
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        shutil.rmtree(RUN_DIR, ignore_errors=True)


def _wait_until_ready(process: subprocess.Popen[bytes], stack: PcscStack) -> None:
    from devices.cards.diagnostics import list_readers_state
    from devices.cards.errors import ReaderUnavailable

    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"pcscd exited with status {process.returncode}:\n{stack.log_tail()}")
        if SOCKET_PATH.exists():
            try:
                names = [state.name for state in list_readers_state()]
            except ReaderUnavailable:
                names = []
            if stack.reader_name in names:
                return
        time.sleep(0.1)
    pytest.fail(f"pcscd did not show the reader {stack.reader_name!r} in time:\n{stack.log_tail()}")


class CardSlot:
    """The vpcd reader slot: inserts virtual cards once pcscd has seen the last one leave."""

    def __init__(self, stack: PcscStack) -> None:
        self.stack = stack
        self._inserted: list[VirtualCard] = []

    def wait_until_empty(self, timeout: float = 10.0) -> None:
        """Block until pcscd reports no card in the slot (it polls the driver)."""
        from devices.cards.diagnostics import list_readers_state

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            states = {s.name: s for s in list_readers_state(self.stack.reader_name)}
            state = states.get(self.stack.reader_name)
            if state is not None and not state.card_present:
                return
            time.sleep(0.05)
        pytest.fail(f"pcscd still shows a card in the slot:\n{self.stack.log_tail()}")

    def insert(self, card: MemoryCard, remove_after_reads: int | None = None) -> VirtualCard:
        """Insert ``card`` (removed again at the end of the test)."""
        self.wait_until_empty()
        virtual = VirtualCard(card, self.stack.port, remove_after_reads)
        virtual.insert()
        self._inserted.append(virtual)
        return virtual

    def remove_all(self) -> None:
        """Remove every card this slot inserted."""
        for virtual in self._inserted:
            virtual.remove()
        self._inserted.clear()


@pytest.fixture
def slot(pcsc_stack: PcscStack) -> Iterator[CardSlot]:
    """The virtual reader slot, empty at the start of the test and at its end."""
    card_slot = CardSlot(pcsc_stack)
    try:
        yield card_slot
    finally:
        card_slot.remove_all()
        card_slot.wait_until_empty()
