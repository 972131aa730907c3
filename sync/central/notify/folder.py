"""Messages written to a folder instead of sent: the demo's "driver = file".

Each message is one file named by its message id (``{id}.eml`` for e-mail, a
standard message a mail program opens and ``cat`` shows as it is, 8-bit UTF-8;
``{id}.sms.txt`` for SMS), written
whole (a temporary file, then renamed), so a resend replaces it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from sync.central.notify.driver import DeliveryError, Outgoing
from sync.central.notify.smtp import build_email


class FolderDriver:
    """Writes each message to ``folder`` (``Driver``); ``sender`` is the e-mails' From."""

    def __init__(self, folder: Path, sender: str = "counterpart@localhost") -> None:
        self.folder = folder
        self.sender = sender

    def send(self, message: Outgoing, meanwhile: Callable[[], None] | None = None) -> None:
        """Write one message's file (see ``Driver.send``)."""
        if meanwhile is not None:
            meanwhile()
        if message.channel == "email":
            name = f"{message.message_id}.eml"
            content = build_email(message, self.sender, eight_bit=True).as_bytes()
        else:
            name = f"{message.message_id}.sms.txt"
            content = f"To: {message.to}\n\n{message.body}\n".encode()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            part = self.folder / f".{name}.part"
            with part.open("wb") as f:
                f.write(content)
                f.flush()
                os.fsync(f.fileno())
            part.replace(self.folder / name)
        except OSError as exc:
            raise DeliveryError(
                f"cannot write the message to {self.folder}: {exc.strerror}"
            ) from exc

    def close(self) -> None:
        """Nothing to release."""
