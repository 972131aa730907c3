"""E-mail over SMTP with the standard library: STARTTLS and login when configured.

One connection is kept open between messages (and opened again after a failure).
Each message carries ``Message-ID: <{message_id}@{domain of the sender}>``, the
same on every try, so a duplicate after a crash can be dropped by the receiver.

What goes on the wire is written straight as bytes (``email_bytes``): building an
``email.message.Message`` and flattening it through the ``email`` package's
generator cost more per message than the notifier's database work. The bytes are
the ones that generator writes for ``build_email``'s message (``tests/notify/
test_email_bytes.py`` holds them to it); a message the shortcut does not cover (an
address beyond ASCII, a header too long for one line) goes the generator's way.
"""

from __future__ import annotations

import re
import smtplib
import ssl
from dataclasses import dataclass
from email.charset import QP, Charset
from email.header import Header
from email.message import Message
from email.utils import formatdate

from sync.central.notify.driver import DeliveryError, Outgoing, scrub


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    """Where and how to send e-mail.

    Attributes:
        host, port: the SMTP server.
        sender: the From address.
        starttls: upgrade the connection with STARTTLS before anything else.
        username, password: log in when a username is given.
        timeout: seconds for the connection and each command.
    """

    host: str
    port: int
    sender: str
    starttls: bool = True
    username: str = ""
    password: str = ""
    timeout: float = 30.0


_UTF8 = Charset("utf-8")
_UTF8.body_encoding = QP  # 7-bit safe for any server; accents are the only non-ASCII
_UTF8_8BIT = Charset("utf-8")
_UTF8_8BIT.body_encoding = 0  # neither QP nor BASE64: 8-bit, for a file a person reads
_HEADER_UTF8 = Charset("utf-8")  # the charset Header(subject, "utf-8") encodes with
_LINE = 76  # the longest header line the shortcut writes (the generator folds past 78)
_FROM_LINE = re.compile(r"^From ", re.MULTILINE)  # the generator's "mangle From"
_PREAMBLE = (
    'MIME-Version: 1.0\r\nContent-Type: text/plain; charset="utf-8"\r\n'
    "Content-Transfer-Encoding: quoted-printable\r\n"
)


def build_email(message: Outgoing, sender: str, *, eight_bit: bool = False) -> Message:
    """The e-mail of ``message``, with its stable Message-ID.

    Built with the ``compat32`` classes: the default policy's header parsing cost more
    than sending the message. Every header value is ours (the address was checked when
    the consent was given: no spaces, no line breaks), the subject and body UTF-8.
    """
    email = Message()
    email["MIME-Version"] = "1.0"
    email.set_payload(message.body, _UTF8_8BIT if eight_bit else _UTF8)
    domain = sender.rpartition("@")[2] or "counterpart.invalid"
    email["Message-ID"] = f"<{message.message_id}@{domain}>"
    email["From"] = sender
    email["To"] = message.to
    email["Subject"] = Header(message.subject, "utf-8").encode()
    email["Date"] = formatdate(usegmt=True)
    email["Content-Language"] = message.language
    return email


def email_bytes(message: Outgoing, sender: str, date: str | None = None) -> bytes | None:
    """What smtplib sends for ``build_email(message, sender)``, written directly; None
    when the shortcut does not cover the message (then build and flatten it).

    ``date`` is the Date header (now, when None).
    """
    if not (message.to.isascii() and sender.isascii() and message.language.isascii()):
        return None
    subject = _HEADER_UTF8.header_encode(message.subject)
    domain = sender.rpartition("@")[2] or "counterpart.invalid"
    headers = (
        f"Message-ID: <{message.message_id}@{domain}>",
        f"From: {sender}",
        f"To: {message.to}",
        f"Subject: {subject}",
        f"Date: {date or formatdate(usegmt=True)}",
        f"Content-Language: {message.language}",
    )
    if any(len(h) > _LINE or "\n" in h or "\r" in h for h in headers):
        return None
    body = _FROM_LINE.sub(">From ", _UTF8.body_encode(message.body))
    text = _PREAMBLE + "\r\n".join(headers) + "\r\n\r\n" + body.replace("\n", "\r\n")
    return text.encode("ascii")


class SmtpDriver:
    """Sends e-mail through one SMTP server (``Driver``)."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config
        self._smtp: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        c = self.config
        smtp = smtplib.SMTP(c.host, c.port, timeout=c.timeout)
        try:
            if c.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if c.username:
                smtp.login(c.username, c.password)
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send(self, message: Outgoing) -> None:
        """Send one e-mail (see ``Driver.send``)."""
        sender = self.config.sender
        data = email_bytes(message, sender)
        try:
            if self._smtp is None:
                self._smtp = self._connect()
            if data is None:
                email = build_email(message, sender)
                self._smtp.send_message(email, from_addr=sender, to_addrs=[message.to])
            else:
                self._smtp.sendmail(sender, [message.to], data)
        except smtplib.SMTPRecipientsRefused as exc:
            self.close()
            codes = "; ".join(
                f"{code} {text.decode(errors='replace')}" for code, text in exc.recipients.values()
            )
            permanent = all(code >= 500 for code, _ in exc.recipients.values())
            raise DeliveryError(
                scrub(f"the mail server refused the recipient: {codes}", message.to),
                permanent=permanent,
            ) from exc
        except smtplib.SMTPResponseException as exc:
            self.close()
            text = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) \
                else str(exc.smtp_error)  # fmt: skip
            raise DeliveryError(
                scrub(f"the mail server answered {exc.smtp_code} {text}", message.to),
                permanent=500 <= exc.smtp_code < 600 and exc.smtp_code != 554,
            ) from exc
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise DeliveryError(scrub(f"cannot reach the mail server: {exc}", message.to)) from exc

    def close(self) -> None:
        """Say goodbye to the server, if connected."""
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
