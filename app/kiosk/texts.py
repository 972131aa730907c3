"""Every text of the kiosk, in plain words: key -> (Portuguese, English, Spanish).

Short sentences, no jargon, spoken as well as read. ``{name}`` marks a value
filled in at run time; ``say`` picks the citizen's language.
"""

from __future__ import annotations

from typing import Final

_INDEX: Final = {"pt": 0, "en": 1, "es": 2}

KIOSK_TEXTS: Final[dict[str, tuple[str, str, str]]] = {
    # the bar on every screen
    "bar.listen": ("Ouvir  F1", "Listen  F1", "Escuchar  F1"),
    "bar.mediator": ("Chamar ajuda  F2", "Call a mediator  F2", "Pedir ayuda  F2"),
    "bar.text_size": ("Letra  F3", "Text size  F3", "Letra  F3"),
    "bar.contrast": ("Contraste  F4", "Contrast  F4", "Contraste  F4"),
    "nav.back": ("◀ Voltar", "◀ Back", "◀ Volver"),
    "nav.next": ("Seguinte ▶", "Next ▶", "Siguiente ▶"),
    "nav.more": ("Mais ▶", "More ▶", "Más ▶"),
    # attract
    "attract.title": ("Bem-vindo", "Welcome", "Bienvenido"),
    "attract.body": (
        "Toque no ecrã para começar.\nTouch the screen to start.\nToque la pantalla para empezar.",
        "Touch the screen to start.\nToque no ecrã para começar.\nToque la pantalla para empezar.",
        "Toque la pantalla para empezar.\nToque no ecrã para começar.\nTouch the screen to start.",
    ),
    "attract.start": ("Começar", "Start", "Empezar"),
    # language
    "language.title": ("Escolha a sua língua", "Choose your language", "Elija su idioma"),
    "language.question": (
        "Em que língua quer continuar?",
        "Which language do you want?",
        "¿En qué idioma quiere continuar?",
    ),
    # start or continue
    "start.title": ("O que quer fazer?", "What do you want to do?", "¿Qué quiere hacer?"),
    "start.new": ("Começar um pedido novo", "Start something new", "Empezar algo nuevo"),
    "start.continue": (
        "Continuar com o meu talão",
        "Go on with my receipt",
        "Continuar con mi recibo",
    ),
    # find a journey
    "find.title": ("Continuar", "Go on", "Continuar"),
    "find.question": (
        "Passe o código QR do talão no leitor, ou escreva a referência do talão.",
        "Hold the QR code of your receipt to the scanner, or type the reference on it.",
        "Pase el código QR del recibo por el lector, o escriba la referencia del recibo.",
    ),
    "find.looking": ("A procurar…", "Looking…", "Buscando…"),
    "find.bad_reference": (
        "Esta referência não está certa. Veja o talão outra vez.",
        "This reference is not right. Look at the receipt again.",
        "Esta referencia no es correcta. Mire el recibo otra vez.",
    ),
    "find.not_found": (
        "Não encontrámos este pedido.",
        "We did not find this.",
        "No encontramos esto.",
    ),
    "find.offline": (
        "Agora não conseguimos chegar ao seu pedido. Chamámos uma pessoa para ajudar.",
        "We cannot reach your case just now. We have called a person to help.",
        "Ahora no podemos llegar a su trámite. Hemos llamado a una persona para ayudar.",
    ),
    "find.link_old": (
        "Este talão já não serve. Peça ajuda para um novo.",
        "This receipt no longer works. Ask for help to get a new one.",
        "Este recibo ya no sirve. Pida ayuda para uno nuevo.",
    ),
    # date of birth
    "birth.title": ("Quem é?", "Is it you?", "¿Es usted?"),
    "birth.question": (
        "Diga-nos a sua data de nascimento.",
        "Tell us your date of birth.",
        "Díganos su fecha de nacimiento.",
    ),
    "birth.wrong": (
        "Essa data não está certa. Pode tentar mais {left} vezes.",
        "That date is not right. You can try {left} more times.",
        "Esa fecha no es correcta. Puede intentarlo {left} veces más.",
    ),
    "birth.locked": (
        "Demasiadas tentativas. Tente outra vez às {time}, ou chame uma pessoa.",
        "Too many tries. Try again at {time}, or call a mediator.",
        "Demasiados intentos. Inténtelo otra vez a las {time}, o llame a una persona.",
    ),
    "birth.confirm": ("Confirmar", "Confirm", "Confirmar"),
    # identify
    "identify.title": ("Quem é?", "Who are you?", "¿Quién es?"),
    "identify.question": (
        "Coloque o seu cartão de cidadão no leitor, ou escreva o seu nome.",
        "Put your identity card in the reader, or type your name.",
        "Ponga su tarjeta de identidad en el lector, o escriba su nombre.",
    ),
    "identify.read_card": ("Ler o meu cartão", "Read my card", "Leer mi tarjeta"),
    "identify.type": ("Escrever o meu nome", "Type my name", "Escribir mi nombre"),
    "identify.reading": (
        "A ler o cartão… Não o tire.",
        "Reading the card… Please leave it in.",
        "Leyendo la tarjeta… No la quite.",
    ),
    "identify.no_reader": (
        "Este posto não tem leitor de cartões.",
        "This kiosk has no card reader.",
        "Este puesto no tiene lector de tarjetas.",
    ),
    "identify.card_failed": (
        "Não conseguimos ler o cartão. Tente outra vez ou escreva o seu nome.",
        "We could not read the card. Try again, or type your name.",
        "No pudimos leer la tarjeta. Inténtelo otra vez o escriba su nombre.",
    ),
    "identify.read_ok": ("Cartão lido.", "Card read.", "Tarjeta leída."),
    "identify.start": ("Sou eu, continuar", "That is me, go on", "Soy yo, continuar"),
    "identify.birth_partial": (
        "O cartão só diz {known} como data de nascimento. Escolha o dia e o mês abaixo.",
        "The card gives only {known} as your date of birth. Choose the day and month below.",
        "La tarjeta solo da {known} como fecha de nacimiento. Elija el día y el mes abajo.",
    ),
    "identify.birth_mismatch": (
        "Essa data não corresponde ao cartão ({known}). Escolha outra.",
        "That date does not match the card ({known}). Choose another.",
        "Esa fecha no coincide con la tarjeta ({known}). Elija otra.",
    ),
    "typed.title": ("O seu nome", "Your name", "Su nombre"),
    "typed.name": ("O seu nome completo", "Your full name", "Su nombre completo"),
    "typed.birth": ("A sua data de nascimento", "Your date of birth", "Su fecha de nacimiento"),
    # consent
    "consent.title": ("Antes de começar", "Before we start", "Antes de empezar"),
    "consent.question": (
        "Usamos as suas respostas só para os serviços que escolher. Pode também:",
        "We use your answers only for the services you choose. You can also:",
        "Usamos sus respuestas solo para los servicios que elija. También puede:",
    ),
    "consent.handoff": (
        "Receber um código para continuar em casa",
        "Get a code to go on at home",
        "Recibir un código para continuar en casa",
    ),
    "consent.prefill": (
        "Usar respostas que já nos deu antes",
        "Use answers you gave us before",
        "Usar respuestas que ya nos dio antes",
    ),
    "consent.contact": (
        "Receber uma mensagem quando houver novidades",
        "Get a message when there is news",
        "Recibir un mensaje cuando haya novedades",
    ),
    "consent.contact_address": (
        "O seu e-mail, ou o seu telemóvel com +351",
        "Your e-mail, or your mobile number with +351",
        "Su correo, o su móvil con +34",
    ),
    "consent.contact_needed": (
        "Escreva um e-mail (com @) ou um telemóvel com o indicativo, por exemplo +351912345678.",
        "Type an e-mail (with @) or a mobile number with its country code, like +351912345678.",
        "Escriba un correo (con @) o un móvil con su prefijo, por ejemplo +34612345678.",
    ),
    "consent.agree": ("Concordo, continuar", "I agree, go on", "Estoy de acuerdo, continuar"),
    "consent.yes": ("☑", "☑", "☑"),
    "consent.no": ("☐", "☐", "☐"),
    # services
    "services.title": ("O que precisa?", "What do you need?", "¿Qué necesita?"),
    "services.question": (
        "Escolha o que quer tratar hoje. Pode escolher mais do que um.",
        "Choose what you want to do today. You can choose more than one.",
        "Elija lo que quiere hacer hoy. Puede elegir más de uno.",
    ),
    "services.other": ("Outros", "Other things", "Otros"),
    "services.chosen": ("✓ {name}", "✓ {name}", "✓ {name}"),
    "services.none": (
        "Escolha pelo menos um.",
        "Choose at least one.",
        "Elija al menos uno.",
    ),
    # questions
    "question.title": ("{service}", "{service}", "{service}"),
    "question.count": (
        "Pergunta {n} de {total}",
        "Question {n} of {total}",
        "Pregunta {n} de {total}",
    ),
    "question.from_card": ("Do seu cartão.", "From your card.", "De su tarjeta."),
    "question.from_before": (
        "De uma visita anterior. Confirme ou mude.",
        "From an earlier visit. Check it or change it.",
        "De una visita anterior. Confírmela o cámbiela.",
    ),
    "question.yes": ("Sim", "Yes", "Sí"),
    "question.no": ("Não", "No", "No"),
    "question.document": (
        "Traga este documento quando for a um balcão: {document}.",
        "Bring this document when you go to a counter: {document}.",
        "Traiga este documento cuando vaya a un mostrador: {document}.",
    ),
    "question.optional": (
        "Pode deixar em branco.",
        "You may leave this empty.",
        "Puede dejarlo en blanco.",
    ),
    "question.none": (
        "Não há mais perguntas aqui.",
        "There are no more questions here.",
        "No hay más preguntas aquí.",
    ),
    # finish
    "finish.title": ("Pronto", "All done", "Listo"),
    "finish.question": (
        "As suas respostas estão guardadas. Quer o talão?",
        "Your answers are saved. Do you want your receipt?",
        "Sus respuestas están guardadas. ¿Quiere su recibo?",
    ),
    "finish.print": ("Imprimir o talão", "Print my receipt", "Imprimir mi recibo"),
    "finish.printing": ("A imprimir…", "Printing…", "Imprimiendo…"),
    "finish.printed": (
        "Tire o seu talão. Nele está o que falta fazer.",
        "Take your receipt. It says what is left to do.",
        "Coja su recibo. En él está lo que falta hacer.",
    ),
    "finish.waiting": (
        "A impressora não está a funcionar. O seu talão fica na fila e chamámos uma pessoa.",
        "The printer is not working. Your receipt waits in the queue and we have called a person.",
        "La impresora no funciona. Su recibo queda en la cola y hemos llamado a una persona.",
    ),
    "finish.offline": (
        "Sem rede agora: o seu pedido está guardado aqui e segue quando a rede voltar.",
        "No network just now: your case is saved here and goes on when the network is back.",
        "Sin red ahora: su trámite está guardado aquí y sigue cuando vuelva la red.",
    ),
    "finish.left": ("Ainda falta: {what}", "Still to do: {what}", "Aún falta: {what}"),
    "finish.done": ("Terminar", "Finish", "Terminar"),
    # mediator
    "mediator.title": ("Já vem alguém", "Someone is coming", "Ya viene alguien"),
    "mediator.body": (
        "Uma pessoa vem ajudar. O seu número é {ticket}.",
        "A person is coming to help you. Your number is {ticket}.",
        "Una persona viene a ayudarle. Su número es {ticket}.",
    ),
    "mediator.ok": ("Está bem", "OK", "De acuerdo"),
    # idle
    "idle.title": ("Ainda está aí?", "Are you still there?", "¿Sigue ahí?"),
    "idle.body": (
        "Por segurança, vamos limpar o ecrã dentro de {seconds} segundos.",
        "To keep your details safe, we will clear the screen in {seconds} seconds.",
        "Por seguridad, limpiaremos la pantalla en {seconds} segundos.",
    ),
    "idle.here": ("Ainda estou aqui", "I'm still here", "Sigo aquí"),
    # card pulled out
    "card_gone.title": ("Tirou o cartão", "Your card was taken out", "Ha quitado la tarjeta"),
    "card_gone.body": (
        "Quer continuar sem o cartão, ou parar aqui?",
        "Do you want to go on without it, or stop here?",
        "¿Quiere continuar sin la tarjeta, o parar aquí?",
    ),
    "card_gone.go_on": ("Continuar", "Go on", "Continuar"),
    "card_gone.stop": ("Parar", "Stop", "Parar"),
    # operator exit
    "exit.title": ("Operador", "Operator", "Operador"),
    "exit.question": ("PIN do operador", "Operator PIN", "PIN del operador"),
    "exit.refused": ("PIN errado.", "Wrong PIN.", "PIN incorrecto."),
    "exit.cancel": ("Cancelar", "Cancel", "Cancelar"),
    "exit.leave": ("Sair do quiosque", "Leave kiosk mode", "Salir del quiosco"),
    # faults
    "fault.title": ("Algo correu mal", "Something went wrong", "Algo ha ido mal"),
    "fault.body": (
        "O seu pedido está guardado. Chamámos uma pessoa para ajudar.",
        "Your case is saved. We have called a person to help.",
        "Su trámite está guardado. Hemos llamado a una persona para ayudar.",
    ),
    # the on-screen keyboard and the date picker
    "keys.space": ("espaço", "space", "espacio"),
    "keys.erase": ("⌫ apagar", "⌫ delete", "⌫ borrar"),
    "keys.shift": ("⇧ maiúsc.", "⇧ capitals", "⇧ mayús."),
    "date.day": ("Dia", "Day", "Día"),
    "date.month": ("Mês", "Month", "Mes"),
    "date.year": ("Ano", "Year", "Año"),
}


def say(lang: str, key: str, /, **values: object) -> str:
    """The kiosk text ``key`` in ``lang`` (English for another), ``{placeholders}`` filled.

    An unknown key shows as itself, so a slip is visible but never a crash.
    """
    entry = KIOSK_TEXTS.get(key)
    if entry is None:
        return key
    text = entry[_INDEX.get(lang, 1)]
    return text.format(**values) if values else text
