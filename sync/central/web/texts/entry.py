"""Texts of the way in: the link from the receipt, the reference form, the date of birth."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, tuple[str, str, str]]] = {
    "confirm.title": (
        "Confirme que é você",
        "Confirm it is you",
        "Confirme que es usted",
    ),
    "confirm.lead": (
        "Este é o seu pedido feito num balcão de atendimento. Para o ver, indique a sua data "
        "de nascimento.",
        "This is the request you started at a service counter. To see it, give your date of birth.",
        "Esta es la solicitud que empezó en un punto de atención. Para verla, indique su "
        "fecha de nacimiento.",
    ),
    "confirm.services": (
        "Serviços deste pedido:",
        "Services in this request:",
        "Servicios de esta solicitud:",
    ),
    "dob.legend": ("Data de nascimento", "Date of birth", "Fecha de nacimiento"),
    "dob.hint": ("Por exemplo, 27 3 1985", "For example, 27 3 1985", "Por ejemplo, 27 3 1985"),
    "dob.day": ("Dia", "Day", "Día"),
    "dob.month": ("Mês", "Month", "Mes"),
    "dob.year": ("Ano", "Year", "Año"),
    "dob.wrong": (
        "A data de nascimento não é a deste pedido. Pode tentar mais {left} vezes.",
        "The date of birth is not the one of this request. You can try {left} more times.",
        "La fecha de nacimiento no es la de esta solicitud. Puede intentarlo {left} veces más.",
    ),
    "dob.incomplete": (
        "Indique o dia, o mês e o ano, em números.",
        "Give the day, the month and the year, as numbers.",
        "Indique el día, el mes y el año, en números.",
    ),
    "locked.title": (
        "Tente mais tarde",
        "Try again later",
        "Inténtelo más tarde",
    ),
    "locked.body": (
        "Houve demasiadas tentativas erradas. Por segurança, esta entrada está bloqueada até "
        "às {until} (hora UTC). Pode também pedir um recibo novo em qualquer balcão.",
        "There were too many wrong tries. For your security, this way in is locked until "
        "{until} (UTC). You can also ask for a new receipt at any service counter.",
        "Hubo demasiados intentos fallidos. Por seguridad, esta entrada está bloqueada hasta "
        "las {until} (hora UTC). También puede pedir un recibo nuevo en cualquier punto de "
        "atención.",
    ),
    "cannot.title": (
        "Não conseguimos abrir esta ligação",
        "We cannot open this link",
        "No podemos abrir este enlace",
    ),
    "cannot.onway": (
        "Se o recibo é de hoje, o seu pedido pode ainda estar a caminho: tente outra vez "
        "daqui a algumas horas.",
        "If your receipt is from today, your request may still be on its way to us: try "
        "again in a few hours.",
        "Si su recibo es de hoy, su solicitud puede estar todavía en camino: inténtelo otra "
        "vez dentro de unas horas.",
    ),
    "cannot.old": (
        "Uma ligação deixa de funcionar ao fim de 30 dias, ou quando um balcão lhe dá um "
        "recibo novo. Use o recibo mais recente.",
        "A link stops working after 30 days, or when a counter gives you a new receipt. Use "
        "your newest receipt.",
        "Un enlace deja de funcionar a los 30 días, o cuando un punto de atención le da un "
        "recibo nuevo. Use el recibo más reciente.",
    ),
    "cannot.reference": (
        "Também pode escrever a referência do recibo em {address}.",
        "You can also type the reference on your receipt at {address}.",
        "También puede escribir la referencia del recibo en {address}.",
    ),
    "cannot.counter": (
        "Ou vá a qualquer balcão de atendimento: o seu pedido continua lá.",
        "Or go to any service counter: your request carries on there.",
        "O vaya a cualquier punto de atención: su solicitud continúa allí.",
    ),
    "find.title": (
        "Continuar um pedido",
        "Continue a request",
        "Continuar una solicitud",
    ),
    "find.lead": (
        "Escreva a referência impressa no seu recibo e a sua data de nascimento.",
        "Type the reference printed on your receipt and your date of birth.",
        "Escriba la referencia impresa en su recibo y su fecha de nacimiento.",
    ),
    "find.reference": ("Referência", "Reference", "Referencia"),
    "find.reference_hint": (
        "9 letras e números, por exemplo GEG-0V6-86Q",
        "9 letters and numbers, for example GEG-0V6-86Q",
        "9 letras y números, por ejemplo GEG-0V6-86Q",
    ),
    "find.reference_bad": (
        "Escreva a referência como está no recibo: 9 letras e números.",
        "Type the reference as it is on the receipt: 9 letters and numbers.",
        "Escriba la referencia como está en el recibo: 9 letras y números.",
    ),
    "find.not_matched": (
        "A referência e a data de nascimento não correspondem a um pedido. Verifique as "
        "duas. Pode tentar mais {left} vezes.",
        "The reference and the date of birth do not match a request. Check both. You can "
        "try {left} more times.",
        "La referencia y la fecha de nacimiento no corresponden a una solicitud. Compruebe "
        "las dos. Puede intentarlo {left} veces más.",
    ),
    "slow.title": ("Aguarde um momento", "Please wait a moment", "Espere un momento"),
    "slow.body": (
        "Recebemos muitos pedidos deste aparelho. Tente outra vez daqui a {seconds} segundos.",
        "We received many requests from this device. Try again in {seconds} seconds.",
        "Recibimos muchas solicitudes de este dispositivo. Inténtelo otra vez dentro de "
        "{seconds} segundos.",
    ),
}
