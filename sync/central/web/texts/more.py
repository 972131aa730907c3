"""Texts of "what else you may need": services of the same life circumstances, offered."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, tuple[str, str, str]]] = {
    "nav.more": (
        "O que mais pode precisar",
        "What else you may need",
        "Qué más puede necesitar",
    ),
    "more.title": (
        "O que mais pode precisar",
        "What else you may need",
        "Qué más puede necesitar",
    ),
    "more.lead": (
        "Serviços que as pessoas muitas vezes precisam ao mesmo tempo que os seus. Só os "
        "juntamos ao seu pedido se escolher.",
        "Services people often need at the same time as yours. We add one to your "
        "request only if you choose it.",
        "Servicios que la gente suele necesitar a la vez que los suyos. Solo los añadimos "
        "a su solicitud si usted lo elige.",
    ),
    "more.group": (
        "Por causa de: {circumstance}",
        "Because of: {circumstance}",
        "Por: {circumstance}",
    ),
    "more.none": (
        "Não temos mais nada para sugerir para o seu pedido.",
        "We have nothing else to suggest for your request.",
        "No tenemos nada más que sugerir para su solicitud.",
    ),
    "more.agency": ("De: {agency}", "From: {agency}", "De: {agency}"),
    "more.add": (
        "Juntar ao meu pedido",
        "Add to my request",
        "Añadir a mi solicitud",
    ),
    "more.add_hint": (
        "Pode começar em casa. Os passos aparecem no seu pedido.",
        "You can start it from home. Its steps will appear on your request.",
        "Puede empezarlo desde casa. Sus pasos aparecerán en su solicitud.",
    ),
    "more.visit": (
        "Este serviço começa num balcão de atendimento.",
        "This service starts at a service counter.",
        "Este servicio empieza en un punto de atención.",
    ),
    "more.bring": ("Leve consigo:", "Bring with you:", "Lleve consigo:"),
    "more.bring_nothing": (
        "Não precisa de levar documentos.",
        "You do not need to bring any documents.",
        "No necesita llevar documentos.",
    ),
    "more.added": (
        "Juntou ao seu pedido: {service}. Os passos estão na página do seu pedido.",
        "Added to your request: {service}. Its steps are on your request page.",
        "Añadido a su solicitud: {service}. Sus pasos están en la página de su solicitud.",
    ),
    "more.cannot_add": (
        "Este serviço não pode ser juntado daqui. Escolha um serviço desta lista.",
        "This service cannot be added from here. Choose a service from this list.",
        "Este servicio no se puede añadir desde aquí. Elija un servicio de esta lista.",
    ),
}
