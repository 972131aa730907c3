"""Real processes for end-to-end sync tests: ``counterpart central serve`` and the CLI."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def counterpart(
    *args: str, config: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the ``counterpart`` CLI in a child process."""
    argv = [sys.executable, "-m", "app.cli"]
    if config is not None:
        argv += ["--config", str(config)]
    return subprocess.run(
        [*argv, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


def write_config(folder: Path, site: str, url: str) -> Path:
    """A kiosk.toml for a device of ``site`` that syncs with ``url``."""
    path = folder / "kiosk.toml"
    path.write_text(
        f'[site]\nid = "{site}"\nname = "Test site"\n\n'
        f'[store]\npath = "var/counterpart.db"\n\n'
        f'[central]\nurl = "{url}"\ntoken_file = "var/device.token"\n',
        encoding="utf-8",
    )
    return path


class CentralServer:
    """``counterpart central serve`` on a free loopback port, started and stopped by tests."""

    def __init__(self, db_url: str, config: Path, port: int | None = None) -> None:
        self.db_url = db_url
        self.config = config
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30) -> None:
        argv = [sys.executable, "-m", "app.cli", "--config", str(self.config), "central", "serve",
                "--db", self.db_url, "--host", "127.0.0.1", "--port", str(self.port)]  # fmt: skip
        self.proc = subprocess.Popen(
            argv, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode() if self.proc.stderr else ""
                raise RuntimeError(f"central serve exited with {self.proc.returncode}: {err}")
            try:
                if httpx.get(self.url + "/openapi.json", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("central serve did not start in time")

    def kill(self) -> None:
        """SIGKILL the server (no chance to finish anything)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.stop()

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=15)
        if self.proc.stderr is not None:
            self.proc.stderr.close()
        self.proc = None
