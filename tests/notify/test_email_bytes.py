"""The e-mail's bytes written directly are the bytes smtplib sends for ``build_email``.

``smtp.email_bytes`` skips the ``email`` package's generator; here each message
is also built and flattened as ``smtplib.SMTP.send_message`` does (a
``BytesGenerator`` with CRLF line ends), and the two must be the same bytes.
"""

from __future__ import annotations

import io
from email.generator import BytesGenerator

import pytest

from sync.central.notify.driver import Outgoing
from sync.central.notify.smtp import build_email, email_bytes
from sync.domain.messages import About, compose

SENDER = "notify@counterpart.test"
DATE = "Wed, 02 Dec 2026 14:00:00 GMT"
REF = "K7Q4M2XP9"
STOP = "https://counterpart.example/stop/" + "ab" * 32


def _flattened(message: Outgoing) -> bytes:
    """What ``send_message`` hands to ``sendmail`` for ``build_email``'s message."""
    email = build_email(message, SENDER)
    email.replace_header("Date", DATE)
    out = io.BytesIO()
    BytesGenerator(out).flatten(email, linesep="\r\n")
    return out.getvalue()


def _abouts() -> list[About]:
    return [
        About("status", REF, service="Registo de nascimento", status="accepted"),
        About("status", REF, service="Birth registration", status="in-progress", live_handoff=True),
        About("reminder", REF, what="trazer o contrato de arrendamento", date="2027-03-12"),
        About("unfinished", REF, service="Cartão de cidadão", live_handoff=True),
        About("handoff_expiring", REF, date="2027-01-01", live_handoff=True),
    ]


@pytest.mark.parametrize("language", ["pt", "en", "es"])
@pytest.mark.parametrize("stop_url", ["", STOP])
def test_every_message_composed_is_written_as_the_generator_writes_it(
    language: str, stop_url: str
) -> None:
    for about in _abouts():
        text = compose(about, language, "email", stop_url)
        message = Outgoing("0123456789abcdef" * 2, "email", "amina.sesay@example.org",
                           text.subject, text.body, language)  # fmt: skip
        assert email_bytes(message, SENDER, DATE) == _flattened(message)


@pytest.mark.parametrize(
    "body",
    [
        "",
        "one line without an end",
        "From the agency: a line the generator mangles\nFrom here too\n",
        ".a line that starts with a dot\n.\n",
        "a long line " * 20 + "\n\n" + "é" * 100 + "\n",
        "trailing spaces   \nand a tab\t\n= an equals sign\n",
    ],
)
def test_awkward_bodies_are_written_as_the_generator_writes_them(body: str) -> None:
    message = Outgoing("f" * 32, "email", "c1@example.org", "Su solicitud K7Q-4M2-XP9", body, "es")
    assert email_bytes(message, SENDER, DATE) == _flattened(message)


@pytest.mark.parametrize(
    ("to", "subject"),
    [
        ("joão@example.pt", "O seu pedido K7Q-4M2-XP9"),  # beyond ASCII: SMTPUTF8's way
        ("c1@" + "a" * 60 + ".example.org", "Your request K7Q-4M2-XP9"),  # a folded To
        ("c1@example.org", "Your request " * 6),  # a folded Subject
    ],
)
def test_what_the_shortcut_does_not_cover_is_left_to_the_generator(to: str, subject: str) -> None:
    message = Outgoing("f" * 32, "email", to, subject, "text\n", "pt")
    assert email_bytes(message, SENDER, DATE) is None
