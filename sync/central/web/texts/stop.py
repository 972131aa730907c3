"""Texts of the opt-out page an e-mail links to."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, tuple[str, str, str]]] = {
    "stop.title": ("Parar as mensagens", "Stop the messages", "Parar los mensajes"),
    "stop.body": (
        "Deixamos de lhe enviar mensagens sobre este pedido. O pedido continua.",
        "We will stop sending you messages about this request. Your request goes on.",
        "Dejaremos de enviarle mensajes sobre esta solicitud. Su solicitud sigue.",
    ),
    "stop.button": ("Parar as mensagens", "Stop the messages", "Parar los mensajes"),
    "stop.done": (
        "Não lhe enviamos mais mensagens sobre este pedido.",
        "We will not send you any more messages about this request.",
        "No le enviaremos más mensajes sobre esta solicitud.",
    ),
}
