"""Texts every page shares: the header, the footer, languages, buttons, errors."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, tuple[str, str, str]]] = {
    "site.name": ("Continuar o seu pedido", "Continue your request", "Continuar su solicitud"),
    "site.skip": ("Saltar para o conteúdo", "Skip to main content", "Saltar al contenido"),
    "site.languages": ("Língua", "Language", "Idioma"),
    "lang.pt": ("Português", "Português", "Português"),
    "lang.en": ("English", "English", "English"),
    "lang.es": ("Español", "Español", "Español"),
    "footer.accessibility": (
        "Declaração de acessibilidade",
        "Accessibility statement",
        "Declaración de accesibilidad",
    ),
    "footer.report": (
        "Comunicar um problema de acessibilidade",
        "Report an accessibility problem",
        "Informar de un problema de accesibilidad",
    ),
    "footer.start": ("Página inicial", "Start page", "Página de inicio"),
    "button.continue": ("Continuar", "Continue", "Continuar"),
    "button.back": ("Voltar", "Back", "Volver"),
    "error.title_prefix": ("Erro: ", "Error: ", "Error: "),
    "error.summary": ("Há um problema", "There is a problem", "Hay un problema"),
    "error.hidden": ("Erro:", "Error:", "Error:"),
    "csrf.title": (
        "Este formulário expirou",
        "This form has expired",
        "Este formulario ha caducado",
    ),
    "csrf.body": (
        "Não guardámos nada. Volte à página anterior, atualize-a e envie o formulário outra vez.",
        "We have not saved anything. Go back to the previous page, refresh it and send the "
        "form again.",
        "No hemos guardado nada. Vuelva a la página anterior, actualícela y envíe el "
        "formulario otra vez.",
    ),
    "notfound.title": ("Página não encontrada", "Page not found", "Página no encontrada"),
    "notfound.body": (
        "Verifique o endereço, ou comece na página inicial.",
        "Check the address, or begin at the start page.",
        "Compruebe la dirección, o empiece en la página de inicio.",
    ),
    "expired.title": (
        "A sua sessão terminou",
        "Your session has ended",
        "Su sesión ha terminado",
    ),
    "expired.body": (
        "Por segurança, a sessão termina ao fim de 30 minutos. O que já enviou está guardado. "
        "Abra outra vez a ligação do seu recibo para continuar.",
        "For your security, a session ends after 30 minutes. What you already sent is saved. "
        "Open the link on your receipt again to continue.",
        "Por seguridad, la sesión termina a los 30 minutos. Lo que ya envió está guardado. "
        "Abra otra vez el enlace de su recibo para continuar.",
    ),
    "toolarge.title": (
        "O ficheiro é demasiado grande",
        "The file is too big",
        "El archivo es demasiado grande",
    ),
}
