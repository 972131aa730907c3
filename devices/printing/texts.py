"""The fixed texts printed on a receipt, in Portuguese, English and Spanish."""

from __future__ import annotations

from typing import Final, Literal, get_args

Language = Literal["pt", "en", "es"]
"""A language a receipt can be printed in."""

LANGUAGES: Final[tuple[Language, ...]] = get_args(Language)

TextKey = Literal[
    "title",
    "reference",
    "done",
    "todo",
    "bring",
    "continue_at",
    "scan",
    "follow",
    "or_type",
    "keep",
    "test_title",
    "test_service",
    "test_done",
    "test_todo",
    "test_bring",
    "test_continue",
]
"""The name of one fixed text."""

DATE_FORMAT: Final = "%d/%m/%Y %H:%M"
"""How the date and time are printed; numeric so no locale is needed."""

TEXTS: Final[dict[Language, dict[TextKey, str]]] = {
    "pt": {
        "title": "Comprovativo de atendimento",
        "reference": "Referência",
        "done": "Feito",
        "todo": "Falta fazer",
        "bring": "Trazer",
        "continue_at": "Continuar em",
        "scan": "Continue em casa: leia o código",
        "follow": "Acompanhe o seu pedido em casa: leia o código",
        "or_type": "Sem câmara? Vá a {address} e escreva a referência acima.",
        "keep": "Guarde este talão. Com a referência, qualquer balcão retoma o seu pedido.",
        "test_title": "Teste da impressora",
        "test_service": "Teste de impressão",
        "test_done": "Ligação à impressora; acentos: ação, informação, pêssego",
        "test_todo": "Ler o código com um telemóvel",
        "test_bring": "Nada: esta é uma página de teste",
        "test_continue": "Qualquer balcão",
    },
    "en": {
        "title": "Service receipt",
        "reference": "Reference",
        "done": "Done",
        "todo": "Still to do",
        "bring": "Bring",
        "continue_at": "Continue at",
        "scan": "Continue at home: scan the code",
        "follow": "Follow your request at home: scan the code",
        "or_type": "No camera? Go to {address} and type the reference above.",
        "keep": "Keep this receipt. With the reference, any counter can pick up your case.",
        "test_title": "Printer test",
        "test_service": "Print test",
        "test_done": "Connection to the printer; accents: ação, año, ¿qué?",
        "test_todo": "Scan the code with a phone",
        "test_bring": "Nothing: this is a test page",
        "test_continue": "Any counter",
    },
    "es": {
        "title": "Justificante de atención",
        "reference": "Referencia",
        "done": "Hecho",
        "todo": "Pendiente",
        "bring": "Traiga",
        "continue_at": "Continuar en",
        "scan": "Siga en casa: escanee el código",
        "follow": "Consulte su solicitud en casa: escanee el código",
        "or_type": "¿Sin cámara? Vaya a {address} y escriba la referencia de arriba.",
        "keep": (
            "Guarde este justificante. Con la referencia, cualquier mostrador retoma su trámite."
        ),
        "test_title": "Prueba de impresora",
        "test_service": "Prueba de impresión",
        "test_done": "Conexión con la impresora; acentos: año, información, ¿qué?",
        "test_todo": "Escanear el código con un móvil",
        "test_bring": "Nada: esta es una página de prueba",
        "test_continue": "Cualquier mostrador",
    },
}


def text(language: Language, key: TextKey) -> str:
    """Return one fixed text in a language.

    Args:
        language: ``"pt"``, ``"en"`` or ``"es"``.
        key: Which text, e.g. ``"reference"``.
    """
    return TEXTS[language][key]
