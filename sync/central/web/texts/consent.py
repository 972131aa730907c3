"""Texts of the permissions page: each consent purpose in plain words, and withdrawing one."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, tuple[str, str, str]]] = {
    "nav.consent": ("As suas autorizações", "Your permissions", "Sus permisos"),
    "consent.title": ("As suas autorizações", "Your permissions", "Sus permisos"),
    "consent.lead": (
        "Quando começou o pedido, disse-nos o que podemos fazer com os seus dados. "
        "Aqui vê o que autorizou e pode retirar uma autorização.",
        "When you started your request, you told us what we may do with your details. "
        "Here you see what you allowed, and you can withdraw a permission.",
        "Cuando empezó su solicitud, nos dijo qué podemos hacer con sus datos. "
        "Aquí ve lo que autorizó y puede retirar un permiso.",
    ),
    "consent.given_heading": (
        "Autorizações que deu",
        "Permissions you gave",
        "Permisos que dio",
    ),
    "consent.not_given_heading": (
        "Autorizações que não deu",
        "Permissions you did not give",
        "Permisos que no dio",
    ),
    "consent.none_given": (
        "Não deu nenhuma autorização.",
        "You have not given any permission.",
        "No ha dado ningún permiso.",
    ),
    "consent.give_at_counter": (
        "Para dar uma destas autorizações, peça num balcão de atendimento.",
        "To give one of these permissions, ask at a service counter.",
        "Para dar uno de estos permisos, pídalo en un punto de atención.",
    ),
    "consent.contact_heading": (
        "Onde enviamos as mensagens",
        "Where we send your messages",
        "Dónde enviamos sus mensajes",
    ),
    "consent.contact_label": (
        "O seu e-mail ou telemóvel",
        "Your e-mail address or mobile number",
        "Su correo electrónico o móvil",
    ),
    "consent.contact_hint": (
        "Enviamos-lhe uma mensagem quando houver novidades. Um telemóvel com o indicativo, "
        "por exemplo +351 912 345 678.",
        "We send you a message when there is news. A mobile number with its country code, "
        "for example +351 912 345 678.",
        "Le enviamos un mensaje cuando haya novedades. Un móvil con su prefijo, "
        "por ejemplo +34 612 345 678.",
    ),
    "consent.contact_now_email": (
        "Agora enviamos por e-mail.",
        "We now send them by e-mail.",
        "Ahora los enviamos por correo.",
    ),
    "consent.contact_now_sms": (
        "Agora enviamos por SMS.",
        "We now send them by text message.",
        "Ahora los enviamos por SMS.",
    ),
    "consent.contact_give": ("Receber mensagens", "Get messages", "Recibir mensajes"),
    "consent.contact_bad": (
        "Escreva um e-mail, como nome@exemplo.pt, ou um telemóvel com o indicativo, como "
        "+351 912 345 678.",
        "Enter an e-mail address, like name@example.com, or a mobile number with its country "
        "code, like +351 912 345 678.",
        "Escriba un correo, como nombre@ejemplo.es, o un móvil con su prefijo, como "
        "+34 612 345 678.",
    ),
    "consent.tag_given": ("Autorizado", "Allowed", "Autorizado"),
    "consent.withdraw": ("Retirar", "Withdraw", "Retirar"),
    "consent.required_note": (
        "Esta não pode ser retirada aqui: sem ela não podemos tratar o seu pedido. "
        "Se quer parar o pedido, um mediador pode fazê-lo consigo.",
        "You cannot withdraw this one here: without it we cannot handle your request. "
        "If you want to stop your request, a mediator can do it with you.",
        "Este no se puede retirar aquí: sin él no podemos tramitar su solicitud. "
        "Si quiere parar la solicitud, un mediador puede hacerlo con usted.",
    ),
    "consent.withdrawn_notice": (
        "Retirou a autorização: {purpose}. O balcão também o vai ver.",
        "You withdrew the permission: {purpose}. The counter will see it too.",
        "Retiró el permiso: {purpose}. El punto de atención también lo verá.",
    ),
    "consent.unknown": (
        "Escolha uma autorização que deu.",
        "Choose a permission you gave.",
        "Elija un permiso que dio.",
    ),
    "purpose.services.title": (
        "Tratar o seu pedido",
        "Handle your request",
        "Tramitar su solicitud",
    ),
    "purpose.services.body": (
        "Usamos as suas respostas para tratar os serviços que escolheu e enviá-los às "
        "entidades. Sem esta autorização o pedido não pode continuar.",
        "We use your answers to handle the services you chose and send them to the "
        "agencies. Without this permission your request cannot go on.",
        "Usamos sus respuestas para tramitar los servicios que eligió y enviarlos a los "
        "organismos. Sin este permiso la solicitud no puede continuar.",
    ),
    "purpose.prefill.title": (
        "Usar respostas que já deu",
        "Reuse answers you gave before",
        "Usar respuestas que ya dio",
    ),
    "purpose.prefill.body": (
        "Podemos preencher respostas que deu em pedidos anteriores, para não as escrever "
        "outra vez. Mostramos sempre de onde veio cada resposta.",
        "We may fill in answers you gave in earlier requests, so you do not type them "
        "again. We always show where each answer came from.",
        "Podemos rellenar respuestas que dio en solicitudes anteriores, para que no las "
        "escriba otra vez. Siempre mostramos de dónde viene cada respuesta.",
    ),
    "purpose.handoff.title": (
        "Continuar em casa",
        "Continue at home",
        "Continuar en casa",
    ),
    "purpose.handoff.body": (
        "A ligação do seu recibo deixa-o continuar o pedido aqui, na internet. Se retirar "
        "esta autorização, a ligação deixa de funcionar e a sessão termina.",
        "The link on your receipt lets you continue your request here, online. If you "
        "withdraw this permission, the link stops working and you are signed out.",
        "El enlace de su recibo le permite continuar la solicitud aquí, por internet. Si "
        "retira este permiso, el enlace deja de funcionar y se cierra la sesión.",
    ),
    "purpose.contact.title": (
        "Mensagens sobre o pedido",
        "Messages about your request",
        "Mensajes sobre la solicitud",
    ),
    "purpose.contact.body": (
        "Podemos enviar-lhe uma mensagem quando uma entidade der notícias do seu pedido ou "
        "um passo estiver à espera. As mensagens têm a referência, nunca os seus dados.",
        "We may send you a message when an agency has news about your request or a step "
        "is waiting. Messages carry your reference, never your personal details.",
        "Podemos enviarle un mensaje cuando un organismo tenga novedades de su solicitud o "
        "un paso esté esperando. Los mensajes llevan la referencia, nunca sus datos.",
    ),
    "consent_confirm.title": (
        "Retirar a autorização para continuar em casa?",
        "Withdraw the permission to continue at home?",
        "¿Retirar el permiso para continuar en casa?",
    ),
    "consent_confirm.if": ("Se a retirar:", "If you withdraw it:", "Si lo retira:"),
    "consent_confirm.link": (
        "a ligação do seu recibo deixa de funcionar;",
        "the link on your receipt stops working;",
        "el enlace de su recibo deja de funcionar;",
    ),
    "consent_confirm.signed_out": (
        "a sessão termina agora e não pode voltar a esta página;",
        "you are signed out now and cannot come back to these pages;",
        "la sesión termina ahora y no puede volver a estas páginas;",
    ),
    "consent_confirm.kept": (
        "o que já guardou fica guardado, e o pedido continua num balcão de atendimento.",
        "what you saved is kept, and your request goes on at a service counter.",
        "lo que ya guardó se conserva, y la solicitud sigue en un punto de atención.",
    ),
    "consent_confirm.yes": (
        "Sim, retirar e sair",
        "Yes, withdraw it and sign out",
        "Sí, retirar y salir",
    ),
    "consent_confirm.no": (
        "Não, manter a autorização",
        "No, keep the permission",
        "No, mantener el permiso",
    ),
    "consent_ended.title": (
        "Retirou a autorização para continuar em casa",
        "You withdrew the permission to continue at home",
        "Retiró el permiso para continuar en casa",
    ),
    "consent_ended.body": (
        "A ligação do seu recibo já não funciona e a sessão terminou. O que guardou fica guardado.",
        "The link on your receipt no longer works and you are signed out. What you saved is kept.",
        "El enlace de su recibo ya no funciona y la sesión ha terminado. Lo que guardó se "
        "conserva.",
    ),
    "consent_ended.next": (
        "Para continuar, vá a um balcão de atendimento com a referência {ref}.",
        "To go on, go to a service counter with your reference {ref}.",
        "Para continuar, vaya a un punto de atención con su referencia {ref}.",
    ),
    "consent_required.title": (
        "Esta autorização não pode ser retirada aqui",
        "This permission cannot be withdrawn here",
        "Este permiso no se puede retirar aquí",
    ),
    "consent_required.body": (
        "Sem ela não podemos tratar o seu pedido: retirá-la pararia o pedido. Não mudámos nada.",
        "Without it we cannot handle your request: withdrawing it would stop your request. "
        "We have not changed anything.",
        "Sin él no podemos tramitar su solicitud: retirarlo pararía la solicitud. No hemos "
        "cambiado nada.",
    ),
    "consent_required.next": (
        "Se quer parar o pedido, vá a um balcão de atendimento com a referência {ref}. "
        "Um mediador para-o consigo e diz-lhe o que acontece ao que já foi enviado.",
        "If you want to stop your request, go to a service counter with your reference "
        "{ref}. A mediator will stop it with you and tell you what happens to what was "
        "already sent.",
        "Si quiere parar la solicitud, vaya a un punto de atención con su referencia {ref}. "
        "Un mediador la parará con usted y le dirá qué pasa con lo que ya se envió.",
    ),
    "home_off.title": (
        "Este pedido não pode ser continuado em casa",
        "This request cannot be continued at home",
        "Esta solicitud no se puede continuar en casa",
    ),
    "home_off.body": (
        "Não há autorização para continuar este pedido em casa (foi retirada, ou não foi "
        "dada). O que guardou fica guardado.",
        "There is no permission to continue this request at home (it was withdrawn, or "
        "not given). What you saved is kept.",
        "No hay permiso para continuar esta solicitud en casa (se retiró, o no se dio). Lo "
        "que guardó se conserva.",
    ),
    "home_off.next": (
        "Num balcão de atendimento, com a referência {ref}, um mediador pode continuar o "
        "pedido consigo ou dar-lhe uma nova ligação.",
        "At a service counter, with your reference {ref}, a mediator can go on with your "
        "request or give you a new link.",
        "En un punto de atención, con su referencia {ref}, un mediador puede seguir con su "
        "solicitud o darle un nuevo enlace.",
    ),
}
