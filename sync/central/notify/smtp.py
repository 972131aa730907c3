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
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
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
_LEADING_DOT = re.compile(rb"^\.", re.MULTILINE)  # smtplib's quoting of DATA
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


def _content(data: bytes) -> bytes:
    """The message as DATA sends it: a leading dot doubled, ended by a line of one dot."""
    quoted = _LEADING_DOT.sub(b"..", data)
    return quoted + (b".\r\n" if quoted.endswith(b"\r\n") else b"\r\n.\r\n")


class SmtpDriver:
    """Sends e-mail through one SMTP server (``Driver``)."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config
        self._smtp: smtplib.SMTP | None = None
        self._helper: ThreadPoolExecutor | None = None

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

    def send(self, message: Outgoing, meanwhile: Callable[[], None] | None = None) -> None:
        """Send one e-mail (see ``Driver.send``); ``meanwhile`` runs beside its envelope."""
        sender = self.config.sender
        data = email_bytes(message, sender)
        if meanwhile is not None and data is not None:
            self._send_beside(message, data, meanwhile)
            return
        if meanwhile is not None:
            meanwhile()
        with self._failures(message):
            smtp = self._connection()
            if data is None:
                email = build_email(message, sender)
                smtp.send_message(email, from_addr=sender, to_addrs=[message.to])
            else:
                smtp.sendmail(sender, [message.to], data)

    def _send_beside(self, message: Outgoing, data: bytes, meanwhile: Callable[[], None]) -> None:
        """MAIL, RCPT and DATA in the driver's thread while ``meanwhile`` runs in this one;
        the content, which the server accepts, only once ``meanwhile`` has returned."""
        if self._helper is None:
            self._helper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="smtp")
        envelope = self._helper.submit(self._envelope, message.to, len(data))
        try:
            meanwhile()
        except BaseException:
            wait([envelope])
            self.close(goodbye=False)  # mid-DATA a QUIT would be content: hang up instead
            raise
        with self._failures(message):
            smtp = envelope.result()
            smtp.send(_content(data))
            code, reply = smtp.getreply()
            if code != 250:
                raise smtplib.SMTPDataError(code, reply)

    def _envelope(self, to: str, size: int) -> smtplib.SMTP:
        """Open one message's transaction up to the server's 354, as ``sendmail`` does."""
        smtp = self._connection()
        smtp.ehlo_or_helo_if_needed()
        options = [f"size={size}"] if smtp.does_esmtp and smtp.has_extn("size") else []
        code, reply = smtp.mail(self.config.sender, options)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, reply, self.config.sender)
        code, reply = smtp.rcpt(to)
        if code not in (250, 251):
            raise smtplib.SMTPRecipientsRefused({to: (code, reply)})
        smtp.putcmd("data")
        code, reply = smtp.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        return smtp

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is None:
            self._smtp = self._connect()
        return self._smtp

    @contextmanager
    def _failures(self, message: Outgoing) -> Iterator[None]:
        """Each failure as a ``DeliveryError`` (the address scrubbed), the connection closed."""
        try:
            yield
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

    def close(self, *, goodbye: bool = True) -> None:
        """Say goodbye to the server (QUIT), if connected, or just hang up; nothing a
        transaction left open had sent is accepted."""
        helper, self._helper = self._helper, None
        if helper is not None:
            helper.shutdown()
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            if goodbye:
                smtp.quit()
        except (OSError, smtplib.SMTPException):
            pass
        smtp.close()
