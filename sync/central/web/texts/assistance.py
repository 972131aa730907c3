"""Texts of asking for help: the button on every page of a visit and what happens next."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, tuple[str, str, str]]] = {
    "help.heading": ("Precisa de ajuda?", "Do you need help?", "¿Necesita ayuda?"),
    "help.lead": (
        "Um mediador de atendimento vê o seu pedido de ajuda e o passo onde parou.",
        "A mediator at a service counter will see your request for help and where you stopped.",
        "Un mediador de atención verá su petición de ayuda y dónde se detuvo.",
    ),
    "help.button": ("Preciso de ajuda", "I need help", "Necesito ayuda"),
    "help.button_step": (
        "Preciso de ajuda com este passo",
        "I need help with this step",
        "Necesito ayuda con este paso",
    ),
    "help.asked_title": (
        "Um mediador vai ver o seu pedido de ajuda",
        "A mediator will see your request for help",
        "Un mediador verá su petición de ayuda",
    ),
    "help.asked_step": (
        "Pediu ajuda com: {step} ({service}).",
        "You asked for help with: {step} ({service}).",
        "Pidió ayuda con: {step} ({service}).",
    ),
    "help.asked_service": (
        "Pediu ajuda com: {service}.",
        "You asked for help with: {service}.",
        "Pidió ayuda con: {service}.",
    ),
    "help.next_heading": ("O que acontece agora", "What happens now", "Qué pasa ahora"),
    "help.next_seen": (
        "O balcão que trata o seu pedido vê-o da próxima vez que se atualizar, com o passo "
        "onde parou. Não precisa de voltar a explicar.",
        "The counter that handles your request sees it the next time it updates, with the "
        "step where you stopped. You do not need to explain again.",
        "El punto de atención que trata su solicitud lo ve la próxima vez que se actualice, "
        "con el paso donde se detuvo. No necesita explicarlo otra vez.",
    ),
    "help.next_contact": (
        "Como autorizou mensagens, podemos contactá-lo sobre isto. Também pode ir a "
        "qualquer balcão de atendimento com a referência {ref}.",
        "As you allowed messages, we may contact you about it. You can also go to any "
        "service counter with your reference {ref}.",
        "Como autorizó mensajes, podemos contactarle sobre esto. También puede ir a "
        "cualquier punto de atención con su referencia {ref}.",
    ),
    "help.next_visit": (
        "Não o podemos contactar, porque não autorizou mensagens. Vá a um balcão de "
        "atendimento com a referência {ref}: o mediador vê onde parou.",
        "We cannot contact you, because you did not allow messages. Please go to a service "
        "counter with your reference {ref}: the mediator will see where you stopped.",
        "No podemos contactarle, porque no autorizó mensajes. Vaya a un punto de atención "
        "con su referencia {ref}: el mediador verá dónde se detuvo.",
    ),
    "help.back_step": ("Voltar ao passo", "Back to the step", "Volver al paso"),
    "help.stale_title": (
        "Não foi possível pedir ajuda a partir dessa página",
        "We could not ask for help from that page",
        "No se pudo pedir ayuda desde esa página",
    ),
    "help.stale_body": (
        "A página pode estar desatualizada. Não enviámos nada. Volte ao seu pedido e tente "
        "outra vez.",
        "The page may be out of date. We have not sent anything. Go back to your request "
        "and try again.",
        "La página puede estar desactualizada. No hemos enviado nada. Vuelva a su solicitud "
        "e inténtelo otra vez.",
    ),
}
