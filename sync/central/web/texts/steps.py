"""Texts of the steps done at home: questions, where a prefill came from, check your answers."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, tuple[str, str, str]]] = {
    "step.caption": ("{service}", "{service}", "{service}"),
    "step.save": ("Guardar e continuar", "Save and continue", "Guardar y continuar"),
    "step.optional": ("(opcional)", "(optional)", "(opcional)"),
    "step.not_here": (
        "Este passo não pode ser feito em casa. Faça-o num balcão de atendimento.",
        "This step cannot be done from home. Do it at a service counter.",
        "Este paso no se puede hacer desde casa. Hágalo en un punto de atención.",
    ),
    "step.saved": ("Guardado: {step}", "Saved: {step}", "Guardado: {step}"),
    "prefill.card": (
        "Do seu cartão de cidadão",
        "From your ID card",
        "De su documento de identidad",
    ),
    "prefill.earlier_journey": (
        "De um pedido seu anterior",
        "From an earlier request of yours",
        "De una solicitud suya anterior",
    ),
    "prefill.other_service": (
        "Da sua resposta para {service}",
        "From your answer for {service}",
        "De su respuesta para {service}",
    ),
    "prefill.counter": ("Registado no balcão", "Recorded at the counter", "Registrado en el punto"),
    "prefill.van": (
        "Registado na carrinha",
        "Recorded in the mobile van",
        "Registrado en la furgoneta",
    ),
    "prefill.kiosk": ("Registado no quiosque", "Recorded at a kiosk", "Registrado en un quiosco"),
    "prefill.home": ("Escrito por si em casa", "Typed by you at home", "Escrito por usted en casa"),
    "prefill.backoffice": (
        "Registado pela entidade",
        "Recorded by the agency",
        "Registrado por el organismo",
    ),
    "prefill.conflict": (
        "Há duas respostas diferentes; escolha a certa: {values}",
        "There are two different answers; give the right one: {values}",
        "Hay dos respuestas distintas; indique la correcta: {values}",
    ),
    "field.yes": ("Sim", "Yes", "Sí"),
    "field.no": ("Não", "No", "No"),
    "field.address_hint": (
        "Rua e número, código postal e localidade, por exemplo: Rua Augusta 10, 1100-053 Lisboa",
        "Street and number, postcode and town, for example: Rua Augusta 10, 1100-053 Lisboa",
        "Calle y número, código postal y localidad, por ejemplo: Rua Augusta 10, 1100-053 Lisboa",
    ),
    "field.date_hint": (
        "Por exemplo, 27 3 2024",
        "For example, 27 3 2024",
        "Por ejemplo, 27 3 2024",
    ),
    "field.document_hint": (
        "Um ficheiro {types}, até {size} MB. Verificamos o conteúdo do ficheiro.",
        "A {types} file, up to {size} MB. We check what the file holds.",
        "Un archivo {types}, de hasta {size} MB. Comprobamos el contenido del archivo.",
    ),
    "field.document_held": (
        "Já enviado: {name}. Envie outro só para o substituir.",
        "Already uploaded: {name}. Upload another only to replace it.",
        "Ya enviado: {name}. Envíe otro solo para sustituirlo.",
    ),
    "upload.too_big": (
        "O ficheiro tem {size} MB; o máximo é {max} MB.",
        "The file is {size} MB; the most is {max} MB.",
        "El archivo tiene {size} MB; el máximo es {max} MB.",
    ),
    "upload.bad_type": (
        "O ficheiro não é {types}. Verificamos o conteúdo, não o nome.",
        "The file is not {types}. We check what it holds, not its name.",
        "El archivo no es {types}. Comprobamos el contenido, no el nombre.",
    ),
    "upload.empty": ("O ficheiro está vazio.", "The file is empty.", "El archivo está vacío."),
    "upload.required": ("Escolha um ficheiro.", "Choose a file.", "Elija un archivo."),
    "check.title": (
        "Verifique as respostas: {service}",
        "Check your answers: {service}",
        "Compruebe sus respuestas: {service}",
    ),
    "check.lead": (
        "Ao enviar, o pedido segue para {agency}.",
        "When you send it, the request goes to {agency}.",
        "Al enviarla, la solicitud va a {agency}.",
    ),
    "check.question": ("Pergunta", "Question", "Pregunta"),
    "check.answer": ("Resposta", "Answer", "Respuesta"),
    "check.change": ("Alterar", "Change", "Cambiar"),
    "check.unanswered": ("Sem resposta", "Not answered", "Sin respuesta"),
    "check.send": ("Enviar", "Send", "Enviar"),
    "check.documents_first": (
        "Para enviar este pedido faltam os documentos abaixo. Envie-os daqui ou leve-os a"
        " um balcão de atendimento.",
        "To send this request, the documents below are still needed. Upload them from here"
        " or take them to a service counter.",
        "Para enviar esta solicitud faltan los documentos de abajo. Súbalos desde aquí o"
        " llévelos a un punto de atención.",
    ),
    "check.not_ready": (
        "Ainda faltam passos: {steps}.",
        "Some steps are still left: {steps}.",
        "Aún faltan pasos: {steps}.",
    ),
    "sent.title": ("Enviado", "Sent", "Enviado"),
    "sent.body": (
        "{service} foi enviado para {agency}. Verá aqui o estado que a entidade indicar.",
        "{service} was sent to {agency}. You will see here the status the agency posts.",
        "{service} se envió a {agency}. Verá aquí el estado que indique el organismo.",
    ),
}
