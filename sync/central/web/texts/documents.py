"""Texts of a service's documents page: upload what the service asks for, from home."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, tuple[str, str, str]]] = {
    "journey.upload_link": (
        "Enviar documentos de {service} a partir daqui",
        "Upload documents for {service} from here",
        "Enviar documentos de {service} desde aquí",
    ),
    "documents.title": (
        "Documentos: {service}",
        "Documents: {service}",
        "Documentos: {service}",
    ),
    "documents.lead": (
        "Pode enviar estes documentos daqui em vez de os levar. Verificamos o conteúdo de "
        "cada ficheiro.",
        "You can upload these documents here instead of bringing them. We check what each "
        "file holds.",
        "Puede enviar estos documentos desde aquí en vez de llevarlos. Comprobamos el "
        "contenido de cada archivo.",
    ),
    "documents.sent": (
        "Este serviço já foi enviado: já não pode juntar documentos aqui. Se a entidade "
        "pedir mais algum, leve-o a um balcão de atendimento.",
        "This service was already sent: you cannot add documents here any more. If the "
        "agency asks for another, take it to a service counter.",
        "Este servicio ya se envió: ya no puede añadir documentos aquí. Si el organismo pide "
        "otro, llévelo a un punto de atención.",
    ),
    "documents.checked": ("Visto num balcão", "Seen at a counter", "Visto en un punto"),
    "documents.in_step": (
        "Envie-o no passo: {step}",
        "Upload it in the step: {step}",
        "Envíelo en el paso: {step}",
    ),
    "documents.uploaded_tag": ("Enviado", "Uploaded", "Enviado"),
    "documents.uploaded": (
        "Já enviou este documento. Envie outro só para o substituir.",
        "You have already uploaded this document. Upload another only to replace it.",
        "Ya envió este documento. Envíe otro solo para sustituirlo.",
    ),
    "documents.file_label": (
        "Ficheiro: {document}",
        "File: {document}",
        "Archivo: {document}",
    ),
    "documents.upload": ("Enviar", "Upload", "Enviar"),
    "documents.done": (
        "Recebemos: {document}.",
        "We have received: {document}.",
        "Hemos recibido: {document}.",
    ),
    "documents.unknown": (
        "Escolha um documento desta página.",
        "Choose a document from this page.",
        "Elija un documento de esta página.",
    ),
    "documents.all_in": (
        "Já tem todos os documentos e passos: pode verificar e enviar o pedido.",
        "Every document and step is in: you can check and send the request.",
        "Ya tiene todos los documentos y pasos: puede comprobar y enviar la solicitud.",
    ),
    "documents.none": (
        "Este serviço não pede documentos para enviar daqui.",
        "This service asks for no documents you can upload here.",
        "Este servicio no pide documentos que pueda enviar desde aquí.",
    ),
}
