"""Texts of "who has looked at your request": roles, places and reasons, never a person."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, tuple[str, str, str]]] = {
    "nav.reads": (
        "Quem viu o seu pedido",
        "Who has looked at your request",
        "Quién ha visto su solicitud",
    ),
    "reads.title": (
        "Quem viu o seu pedido",
        "Who has looked at your request",
        "Quién ha visto su solicitud",
    ),
    "reads.lead": (
        "Sempre que alguém abre o seu pedido noutro balcão ou numa entidade, fica registado. "
        "Aqui vê todos esses registos: quando, quem (a função, não o nome) e porquê.",
        "Every time someone opens your request at another counter or at an agency, it is "
        "recorded. Here you see every one of those records: when, who (their role, not "
        "their name) and why.",
        "Cada vez que alguien abre su solicitud en otro punto de atención o en un organismo, "
        "queda registrado. Aquí ve todos esos registros: cuándo, quién (su función, no su "
        "nombre) y por qué.",
    ),
    "reads.none": (
        "Ninguém mais abriu o seu pedido.",
        "Nobody else has opened your request.",
        "Nadie más ha abierto su solicitud.",
    ),
    "reads.caption": (
        "Cada vez que o seu pedido foi aberto",
        "Each time your request was opened",
        "Cada vez que se abrió su solicitud",
    ),
    "reads.when": ("Quando (UTC)", "When (UTC)", "Cuándo (UTC)"),
    "reads.who": ("Quem", "Who", "Quién"),
    "reads.where": ("Onde", "Where", "Dónde"),
    "reads.why": ("Porquê", "Why", "Por qué"),
    "reads.role.mediator": (
        "Um mediador de atendimento",
        "A mediator at a service counter",
        "Un mediador de atención",
    ),
    "reads.role.machine": (
        "Um aparelho de autoatendimento (sem ninguém com sessão iniciada)",
        "A self-service machine (nobody signed in)",
        "Un aparato de autoservicio (sin nadie con sesión iniciada)",
    ),
    "reads.role.agency": (
        "Serviços internos de {agency}",
        "The back office of {agency}",
        "Servicios internos de {agency}",
    ),
    "reads.role.network": (
        "Quem gere a rede de atendimento",
        "The team that runs the service network",
        "Quien gestiona la red de atención",
    ),
    "reads.role.someone": (
        "Alguém com a sua ligação (talvez você)",
        "Someone with your link (perhaps you)",
        "Alguien con su enlace (quizás usted)",
    ),
    "reads.at_site": ("Local {site}", "Site {site}", "Lugar {site}"),
    "reads.at_agency": ("Na entidade", "At the agency", "En el organismo"),
    "reads.online": ("Na internet", "Online", "Por internet"),
    "reads.central": (
        "No arquivo central",
        "At the central record store",
        "En el archivo central",
    ),
    "reads.why.opened": (
        "Abriu o pedido pela referência, para o continuar ali",
        "Opened your request by its reference, to go on with it there",
        "Abrió la solicitud por su referencia, para continuarla allí",
    ),
    "reads.why.looked_up": (
        "Leu o seu cartão e viu que este pedido estava aberto, para lhe propor continuá-lo",
        "Read your card and saw this request was open, to offer you to go on with it",
        "Leyó su tarjeta y vio que esta solicitud estaba abierta, para proponerle continuarla",
    ),
    "reads.why.status": (
        "Tratou o pedido e indicou o seu estado",
        "Worked on your request and posted its status",
        "Trató la solicitud e indicó su estado",
    ),
    "reads.why.locked": (
        "Escreveu uma data de nascimento errada demasiadas vezes: a ligação ficou bloqueada "
        "durante algum tempo. Se não foi você, diga-nos num balcão.",
        "Typed a wrong date of birth too many times: the link was locked for a while. If "
        "it was not you, tell a counter.",
        "Escribió una fecha de nacimiento errónea demasiadas veces: el enlace se bloqueó "
        "durante un tiempo. Si no fue usted, díganoslo en un punto de atención.",
    ),
    "reads.why.other": (
        "Outro acesso registado",
        "Another recorded access",
        "Otro acceso registrado",
    ),
    "reads.kept_heading": (
        "Onde o seu pedido está guardado",
        "Where your request is kept",
        "Dónde se guarda su solicitud",
    ),
    "reads.kept_lead": (
        "Os locais que trataram o seu pedido guardam uma cópia para continuar a tratá-lo. "
        "O que lá se faz aparece em «O que aconteceu».",
        "The places that worked on your request keep a copy of it to go on with it. What "
        "is done there is shown in “What happened”.",
        "Los lugares que trataron su solicitud guardan una copia para seguir con ella. Lo "
        "que se hace allí aparece en «Lo que pasó».",
    ),
    "reads.kept_site": ("Local {site}", "Site {site}", "Lugar {site}"),
    "reads.kept_central": (
        "O arquivo central de pedidos, de onde esta página é servida.",
        "The central record store of requests, which serves this page.",
        "El archivo central de solicitudes, desde el que se sirve esta página.",
    ),
}
