"""Secrets on disk: a file only its owner can read (mode 0600), replaced atomically.

The device token from enrolment lives in ``[central] token_file``; whoever writes it
(``counterpart enrol``, or the embedded central store enrolling its own machine)
goes through here, so a crash never leaves a half-written or world-readable token.
"""

from __future__ import annotations

import os
from pathlib import Path


def write_private(path: Path, text: str) -> None:
    """Write ``text`` and a newline to ``path`` with mode 0600, replacing it atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, text.encode() + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
