"""The words of a message to a citizen, in their language: what happened and what to do.

Every message carries the journey's reference, and when the journey has a live
link home it asks the citizen to open the link from their receipt (the link
itself is never in a message: only the receipt holds it). It never carries the
citizen's name, national number, address or answers; what an agency or a
mediator wrote is limited to the reminder's "what": an agency's status code is
said in the citizen's words (``status_in_words``), never as the agency wrote it.
"""

from __future__ import annotations

import unicodedata
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


_STATUS: Final[dict[str, tuple[str, str, str]]] = {
    "received": ("recebido", "received", "recibida"),
    "submitted": ("entregue", "submitted", "presentada"),
    "in_progress": ("em análise", "being processed", "en trámite"),
    "needs_info": ("faltam dados ou documentos", "more information is needed",
                   "faltan datos o documentos"),
    "accepted": ("aceite", "accepted", "aceptada"),
    "ready": ("pronto a levantar", "ready to collect", "lista para recoger"),
    "completed": ("concluído", "completed", "completada"),
    "rejected": ("recusado", "not accepted", "denegada"),
    "cancelled": ("cancelado", "cancelled", "cancelada"),
}  # fmt: skip
"""What each status an agency posts means, in the citizen's words (pt, en, es)."""
_STATUS_OTHER: Final = ("atualizado", "updated", "actualizada")
"""The words for a status code not known here: the agency's own code is never said."""
_STATUS_CODES: Final[dict[str, str]] = {
    code: status
    for status, codes in {
        "received": ("received", "recebido", "recibido", "recibida", "new", "registered"),
        "submitted": ("submitted", "entregue", "presentada", "presentado", "sent"),
        "in_progress": ("in_progress", "processing", "in_review", "under_review", "pending",
                        "em_analise", "en_tramite", "en_proceso"),
        "needs_info": ("needs_info", "more_info_needed", "action_required", "incomplete",
                       "info_requested", "falta_informacao", "faltan_datos"),
        "accepted": ("accepted", "approved", "granted", "aceite", "aceito", "aprovado",
                     "aceptado", "aceptada", "aprobado", "aprobada"),
        "ready": ("ready", "ready_for_collection", "ready_to_collect", "pronto",
                  "lista", "listo"),
        "completed": ("completed", "complete", "done", "closed", "resolved", "concluido",
                      "completado", "completada"),
        "rejected": ("rejected", "refused", "denied", "declined", "recusado", "indeferido",
                     "rechazado", "rechazada", "denegado", "denegada"),
        "cancelled": ("cancelled", "canceled", "withdrawn", "cancelado", "cancelada",
                      "anulado", "anulada"),
    }.items()
    for code in codes
}  # fmt: skip


def status_in_words(code: str, language: str) -> str:
    """An agency's status code as the citizen reads it in ``language`` (pt, en, es).

    Case, accents, spaces and dashes in the code do not matter ("In progress",
    "in-progress", "IN_PROGRESS"); a code not known here is said as "updated", never
    as the agency wrote it.
    """
    decomposed = unicodedata.normalize("NFKD", code.strip().casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    key = "_".join(plain.replace("-", " ").replace("_", " ").split())
    words = _STATUS.get(_STATUS_CODES.get(key, ""), _STATUS_OTHER)
    return words[_I.get(language, 1)]


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
        status: The agency's status code (status), said in the citizen's words.
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
            status=status_in_words(about.status, language) if about.status else "",
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
