"""The words of a message to a citizen, in their language: what happened and what to do.

Every message carries the journey's reference, and when the journey has a live
link home it asks the citizen to open the link from their receipt (the link
itself is never in a message: only the receipt holds it). It never carries the
citizen's name, national number, address or answers; what an agency or a
mediator wrote is limited to the status word and the reminder's "what".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sync.domain.events import ContactChannel, Trigger
from sync.domain.ids import format_reference

_I: Final = {"pt": 0, "en": 1, "es": 2}

_T: Final[dict[str, tuple[str, str, str]]] = {
    "subject": (
        "O seu pedido {ref}",
        "Your request {ref}",
        "Su solicitud {ref}",
    ),
    "status": (
        "Há novidades sobre o seu pedido {ref}: {service} — {status}.",
        "There is news about your request {ref}: {service} — {status}.",
        "Hay novedades sobre su solicitud {ref}: {service} — {status}.",
    ),
    "reminder": (
        "Lembrete do seu pedido {ref} para {date}: {what}.",
        "A reminder about your request {ref} for {date}: {what}.",
        "Recordatorio de su solicitud {ref} para el {date}: {what}.",
    ),
    "unfinished": (
        "O seu pedido {ref} tem um passo por fazer que pode fazer em casa.",
        "Your request {ref} has a step left that you can do at home.",
        "A su solicitud {ref} le falta un paso que puede hacer desde casa.",
    ),
    "handoff_expiring": (
        "A ligação para continuar o pedido {ref} em casa deixa de funcionar a {date}.",
        "The link to continue request {ref} at home stops working on {date}.",
        "El enlace para continuar la solicitud {ref} en casa deja de funcionar el {date}.",
    ),
    "open_link": (
        "Abra a ligação do seu talão para ver o pedido e o que falta.",
        "Open the link from your receipt to see your request and what is left.",
        "Abra el enlace de su recibo para ver la solicitud y lo que falta.",
    ),
    "visit": (
        "Para saber mais, vá a um balcão com a referência {ref}.",
        "To find out more, go to a counter with the reference {ref}.",
        "Para saber más, vaya a un punto de atención con la referencia {ref}.",
    ),
    "stop_email": (
        "Para deixar de receber estas mensagens, retire a autorização na página do pedido "
        "(a ligação do seu talão) ou peça num balcão.",
        "To stop these messages, withdraw your permission on your request's page (the link "
        "from your receipt) or ask at a counter.",
        "Para dejar de recibir estos mensajes, retire el permiso en la página de la solicitud "
        "(el enlace de su recibo) o pídalo en un punto de atención.",
    ),
    "stop_email_link": (
        "Para deixar de receber estas mensagens, abra a ligação abaixo, retire a autorização "
        "na página do pedido ou peça num balcão.",
        "To stop these messages, open the link below, withdraw your permission on your "
        "request's page or ask at a counter.",
        "Para dejar de recibir estos mensajes, abra el enlace de abajo, retire el permiso en la "
        "página de la solicitud o pídalo en un punto de atención.",
    ),
    "stop_sms": (
        "Responda STOP para parar.",
        "Reply STOP to stop.",
        "Responda STOP para parar.",
    ),
}


@dataclass(frozen=True, slots=True)
class Text:
    """A message's subject (e-mail only) and body."""

    subject: str
    body: str


@dataclass(frozen=True, slots=True)
class About:
    """What a message is about, as the notifier found it when sending.

    Attributes:
        trigger: What triggered it.
        ref: The journey's canonical reference.
        service: The service's name in the citizen's language (status, unfinished).
        status: The agency's status word (status).
        what: What the mediator wrote to be reminded of (reminder).
        date: The day it is about, as the citizen reads it (reminder, link expiring).
        live_handoff: The journey has a link home that still works.
    """

    trigger: Trigger
    ref: str
    service: str = ""
    status: str = ""
    what: str = ""
    date: str = ""
    live_handoff: bool = False


def say(language: str, key: str, **values: str) -> str:
    """One text in the language (pt, en, es; English for another)."""
    return _T[key][_I.get(language, 1)].format(**values)


def compose(about: About, language: str, channel: ContactChannel, stop_url: str = "") -> Text:
    """The message for ``about`` in ``language`` on ``channel``.

    Args:
        stop_url: the e-mail's opt-out link (never personal data: a random token).
    """
    ref = format_reference(about.ref)
    lines = [
        say(
            language,
            about.trigger,
            ref=ref,
            service=about.service,
            status=about.status,
            what=about.what,
            date=about.date,
        )
    ]
    lines.append(
        say(language, "open_link") if about.live_handoff else say(language, "visit", ref=ref)
    )
    if channel == "sms":
        lines.append(say(language, "stop_sms"))
        return Text("", " ".join(lines))
    lines += ["", say(language, "stop_email_link" if stop_url else "stop_email")]
    if stop_url:
        lines.append(stop_url)
    return Text(say(language, "subject", ref=ref), "\n".join(lines) + "\n")
