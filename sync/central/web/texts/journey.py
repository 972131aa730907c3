"""Texts of the journey's pages: where each service stands, agency statuses, the timeline."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, tuple[str, str, str]]] = {
    "journey.title": ("O seu pedido {ref}", "Your request {ref}", "Su solicitud {ref}"),
    "journey.lead": (
        "Aqui vê o que já está feito, o que falta e o que pode fazer a partir de casa.",
        "Here you see what is done, what is left and what you can do from home.",
        "Aquí ve lo que ya está hecho, lo que falta y lo que puede hacer desde casa.",
    ),
    "journey.closed": (
        "Este pedido está encerrado.",
        "This request is closed.",
        "Esta solicitud está cerrada.",
    ),
    "journey.no_services": (
        "Este pedido ainda não tem serviços. Num balcão podem ajudar a escolhê-los.",
        "This request has no services yet. A counter can help you choose them.",
        "Esta solicitud aún no tiene servicios. En un punto de atención le ayudan a elegirlos.",
    ),
    "journey.agency": ("Entidade: {agency}", "Agency: {agency}", "Organismo: {agency}"),
    "journey.status": (
        "Estado indicado por {agency}: {status}",
        "Status from {agency}: {status}",
        "Estado indicado por {agency}: {status}",
    ),
    "journey.status_on": ("em {date}", "on {date}", "el {date}"),
    "journey.steps": ("Passos", "Steps", "Pasos"),
    "task.done": ("Feito", "Done", "Hecho"),
    "task.here": ("Pode fazer aqui", "You can do this here", "Puede hacerlo aquí"),
    "task.visit": ("Num balcão", "At a counter", "En un punto de atención"),
    "task.submitted": ("Enviado", "Sent", "Enviado"),
    "task.visit_hint": (
        "Este passo precisa de uma visita a um balcão de atendimento.",
        "This step needs a visit to a service counter.",
        "Este paso necesita una visita a un punto de atención.",
    ),
    "journey.bring": (
        "Leve consigo:",
        "Bring with you:",
        "Lleve consigo:",
    ),
    "journey.documents_first": (
        "Todos os passos estão feitos. Falta só enviar ou levar os documentos acima para"
        " poder enviar o pedido.",
        "Every step is done. Only the documents above are needed before the request can be sent.",
        "Todos los pasos están hechos. Solo faltan los documentos de arriba para poder"
        " enviar la solicitud.",
    ),
    "journey.ready": (
        "Todos os passos estão feitos.",
        "Every step is done.",
        "Todos los pasos están hechos.",
    ),
    "journey.check": (
        "Verificar e enviar {service}",
        "Check and send {service}",
        "Comprobar y enviar {service}",
    ),
    "journey.submitted": (
        "Enviou este serviço em {date}.",
        "You sent this service on {date}.",
        "Envió este servicio el {date}.",
    ),
    "journey.more_links": (
        "Mais sobre o seu pedido",
        "More about your request",
        "Más sobre su solicitud",
    ),
    "nav.journey": ("O seu pedido", "Your request", "Su solicitud"),
    "nav.timeline": ("O que aconteceu", "What happened", "Lo que pasó"),
    "nav.sign_out": ("Sair", "Sign out", "Salir"),
    "signed_out.title": ("Saiu", "You have signed out", "Ha salido"),
    "signed_out.body": (
        "Para voltar ao seu pedido, abra outra vez a ligação do recibo.",
        "To come back to your request, open the link on your receipt again.",
        "Para volver a su solicitud, abra otra vez el enlace del recibo.",
    ),
    "timeline.title": ("O que aconteceu", "What happened", "Lo que pasó"),
    "timeline.lead": (
        "Tudo o que foi feito no seu pedido, onde e quando.",
        "Everything done on your request, where and when.",
        "Todo lo que se hizo en su solicitud, dónde y cuándo.",
    ),
    "timeline.when": ("Quando", "When", "Cuándo"),
    "timeline.where": ("Onde", "Where", "Dónde"),
    "timeline.what": ("O quê", "What", "Qué"),
    "channel.counter": ("Balcão {site}", "Counter {site}", "Punto de atención {site}"),
    "channel.van": ("Carrinha {site}", "Mobile van {site}", "Furgoneta {site}"),
    "channel.kiosk": ("Quiosque {site}", "Kiosk {site}", "Quiosco {site}"),
    "channel.web": ("Em casa, na internet", "At home, online", "En casa, por internet"),
    "channel.backoffice": ("A entidade", "The agency", "El organismo"),
    "event.journey.started": ("Pedido iniciado", "Request started", "Solicitud iniciada"),
    "event.journey.linked": (
        "Pedido ligado a outro",
        "Linked to another request",
        "Vinculada a otra solicitud",
    ),
    "event.citizen.identified": ("Identificação", "Identified", "Identificación"),
    "event.consent.given": ("Autorizações dadas", "Permissions given", "Permisos dados"),
    "event.consent.withdrawn": (
        "Autorização retirada",
        "Permission withdrawn",
        "Permiso retirado",
    ),
    "event.service.added": (
        "Serviço adicionado: {service}",
        "Service added: {service}",
        "Servicio añadido: {service}",
    ),
    "event.service.removed": (
        "Serviço retirado: {service}",
        "Service removed: {service}",
        "Servicio quitado: {service}",
    ),
    "event.answer.recorded": ("Resposta registada", "Answer recorded", "Respuesta registrada"),
    "event.document.checked": ("Documento visto", "Document seen", "Documento visto"),
    "event.document.uploaded": ("Documento enviado", "Document uploaded", "Documento enviado"),
    "event.step.completed": ("Passo feito: {step}", "Step done: {step}", "Paso hecho: {step}"),
    "event.handoff.issued": (
        "Ligação para casa criada",
        "Link home created",
        "Enlace para casa creado",
    ),
    "event.handoff.redeemed": (
        "Ligação aberta e confirmada",
        "Link opened and confirmed",
        "Enlace abierto y confirmado",
    ),
    "event.handoff.revoked": (
        "Ligação anterior desativada",
        "Earlier link turned off",
        "Enlace anterior desactivado",
    ),
    "event.receipt.printed": ("Recibo impresso", "Receipt printed", "Recibo impreso"),
    "event.assistance.requested": ("Pedido de ajuda", "Help asked for", "Ayuda solicitada"),
    "event.note.added": ("Nota do atendimento", "Note by the counter", "Nota del punto"),
    "event.service.submitted": (
        "Enviado: {service}",
        "Sent: {service}",
        "Enviado: {service}",
    ),
    "event.status.changed": (
        "Novo estado: {service}",
        "New status: {service}",
        "Nuevo estado: {service}",
    ),
    "event.reminder.scheduled": ("Lembrete marcado", "Reminder set", "Recordatorio fijado"),
    "event.reminder.cancelled": (
        "Lembrete cancelado",
        "Reminder cancelled",
        "Recordatorio cancelado",
    ),
    "event.notification.sent": ("Mensagem enviada", "Message sent", "Mensaje enviado"),
    "event.notification.failed": (
        "Mensagem não enviada",
        "Message not sent",
        "Mensaje no enviado",
    ),
    "event.feedback.given": ("Opinião dada", "Feedback given", "Opinión dada"),
    "event.journey.closed": ("Pedido encerrado", "Request closed", "Solicitud cerrada"),
    "timeline.clock.slow": (
        "registado por um relógio {amount} atrasado",
        "recorded by a clock {amount} slow",
        "registrado por un reloj {amount} atrasado",
    ),
    "timeline.clock.fast": (
        "registado por um relógio {amount} adiantado",
        "recorded by a clock {amount} fast",
        "registrado por un reloj {amount} adelantado",
    ),
    "timeline.clock.days": ("{n} dias", "{n} days", "{n} días"),
    "timeline.clock.day": ("1 dia", "1 day", "1 día"),
    "timeline.clock.hours": ("{h} h {m} min", "{h} h {m} min", "{h} h {m} min"),
}
