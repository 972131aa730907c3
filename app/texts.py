"""Every UI text of the app: key -> (Portuguese, English, Spanish).

``{name}`` marks a value filled in at run time. Keys group by screen
(``home.*``), by kind (``key.*`` for footer keys, ``col.*`` for table columns).
"""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, tuple[str, str, str]]] = {
    # languages
    "lang.pt": ("português", "Portuguese", "portugués"),
    "lang.en": ("inglês", "English", "inglés"),
    "lang.es": ("espanhol", "Spanish", "español"),
    "lang.citizen_now": (
        "Língua do cidadão: {lang}",
        "Citizen's language: {lang}",
        "Idioma del ciudadano: {lang}",
    ),
    # keys (footer and help)
    "key.help": ("Ajuda", "Help", "Ayuda"),
    "key.language": ("Língua", "Language", "Idioma"),
    "key.citizen_language": ("Língua do cidadão", "Citizen language", "Idioma ciudadano"),
    "key.retry": ("Repetir", "Retry", "Reintentar"),
    "key.quit": ("Sair", "Quit", "Salir"),
    "key.new_journey": ("Novo atendimento", "New journey", "Nueva atención"),
    "key.linked_journey": ("Atendimento ligado", "Linked journey", "Atención vinculada"),
    "key.reload": ("Atualizar", "Refresh", "Actualizar"),
    "key.lock": ("Bloquear", "Lock", "Bloquear"),
    "key.sign_out": ("Terminar sessão", "Sign out", "Cerrar sesión"),
    "key.read_card": ("Ler cartão", "Read card", "Leer tarjeta"),
    "key.confirm": ("Confirmar", "Confirm", "Confirmar"),
    "key.back": ("Voltar", "Back", "Volver"),
    "key.timeline": ("Histórico", "Timeline", "Historial"),
    "key.steps": ("Passos", "Steps", "Pasos"),
    "key.services": ("Serviços", "Services", "Servicios"),
    "key.finish": ("Concluir", "Finish", "Terminar"),
    "key.consent": ("Consentimento", "Consent", "Consentimiento"),
    "key.qr_full": ("Código em grande", "Code full screen", "Código en grande"),
    "key.continue_journey": ("Continuar o aberto", "Continue open one", "Continuar la abierta"),
    "key.close_journey": ("Fechar atendimento", "Close journey", "Cerrar atención"),
    "key.go_on": ("Continuar", "Continue", "Continuar"),
    "key.remove": ("Retirar", "Remove", "Quitar"),
    "key.next_step": ("Passo seguinte", "Next step", "Paso siguiente"),
    "key.previous_step": ("Passo anterior", "Previous step", "Paso anterior"),
    "key.review": ("Resumo", "Review", "Resumen"),
    "key.reprint": ("Reimprimir", "Reprint", "Reimprimir"),
    "key.feedback": ("Enviar opinião", "Send feedback", "Enviar opinión"),
    "key.score": ("Nota de 1 a 5", "Score 1 to 5", "Nota de 1 a 5"),
    "key.home": ("Início", "Home", "Inicio"),
    "key.close": ("Fechar", "Close", "Cerrar"),
    # Textual's own keys (its English descriptions are mapped in app.localize)
    "key.focus_next": ("Campo seguinte", "Focus next", "Campo siguiente"),
    "key.focus_previous": ("Campo anterior", "Focus previous", "Campo anterior"),
    "key.copy": (
        "Copiar o texto selecionado",
        "Copy selected text",
        "Copiar el texto seleccionado",
    ),
    # Textual's toast on Ctrl+C (which copies, it does not quit)
    "app.quit_title": ("Quer sair?", "Do you want to quit?", "¿Quiere salir?"),
    "app.quit_hint": (
        "Prima {quit_key} para sair da aplicação.",
        "Press {quit_key} to quit the app.",
        "Pulse {quit_key} para salir de la aplicación.",
    ),
    # header
    "status.operator": ("Operador", "Operator", "Operador"),
    "status.ui": ("Interface", "UI", "Interfaz"),
    "status.citizen": ("Cidadão", "Citizen", "Ciudadano"),
    "status.waiting": (
        "{count} por sincronizar",
        "{count} to sync",
        "{count} por sincronizar",
    ),
    "status.synced": ("tudo sincronizado", "all synced", "todo sincronizado"),
    "status.synced_at": ("sincronizado {time}", "synced {time}", "sincronizado {time}"),
    "status.offline_since": (
        "sem ligação desde {time}",
        "offline since {time}",
        "sin conexión desde {time}",
    ),
    "status.not_enrolled": (
        "não registado: counterpart enrol CÓDIGO",
        "not enrolled: counterpart enrol CODE",
        "no registrado: counterpart enrol CÓDIGO",
    ),
    "status.sync_refused": ("sincronização recusada", "sync refused", "sincronización rechazada"),
    # failures
    "fail.title": ("Algo correu mal", "Something went wrong", "Algo salió mal"),
    "fail.retry_hint": (
        "Prima Ctrl+R para tentar de novo.",
        "Press Ctrl+R to try again.",
        "Pulse Ctrl+R para reintentar.",
    ),
    "fail.nothing_to_retry": ("Nada para repetir.", "Nothing to retry.", "Nada que reintentar."),
    # sign-in
    "signin.title": ("Entrar", "Sign in", "Iniciar sesión"),
    "signin.locked": (
        "Ecrã bloqueado — {name}",
        "Screen locked — {name}",
        "Pantalla bloqueada — {name}",
    ),
    "signin.operator": ("Operador", "Operator", "Operador"),
    "signin.operator_placeholder": ("identificador", "operator id", "identificador"),
    "signin.pin": ("PIN", "PIN", "PIN"),
    "signin.checking": ("A verificar…", "Checking…", "Comprobando…"),
    "signin.refused": (
        "Operador ou PIN errado.",
        "Wrong operator or PIN.",
        "Operador o PIN incorrecto.",
    ),
    "signin.tries_left": (
        "Operador ou PIN errado. Restam {tries} tentativas antes do bloqueio.",
        "Wrong operator or PIN. {tries} tries left before sign-in locks.",
        "Operador o PIN incorrecto. Quedan {tries} intentos antes del bloqueo.",
    ),
    "signin.wait": (
        "Operador ou PIN errado. Espere {seconds} s antes de tentar de novo; restam {tries} "
        "tentativas antes do bloqueio.",
        "Wrong operator or PIN. Wait {seconds} s before trying again; {tries} tries left "
        "before sign-in locks.",
        "Operador o PIN incorrecto. Espere {seconds} s antes de volver a intentarlo; quedan "
        "{tries} intentos antes del bloqueo.",
    ),
    "signin.locked_out": (
        "Demasiados PIN errados: a entrada está bloqueada até às {time}.",
        "Too many wrong PINs: sign-in is locked until {time}.",
        "Demasiados PIN incorrectos: el acceso está bloqueado hasta las {time}.",
    ),
    "signin.demo": (
        "Demonstração: este posto não tinha operadores, por isso foi criado o operador "
        "«{id}» com o PIN {pin}.",
        "Demo site: this store had no operator, so operator “{id}” was created with PIN {pin}.",
        "Demostración: este puesto no tenía operadores, así que se creó el operador "
        "«{id}» con el PIN {pin}.",
    ),
    "signin.lock_hint": (
        "Escreva o seu PIN para continuar; Ctrl+O termina a sessão.",
        "Type your PIN to go on; Ctrl+O signs out.",
        "Escriba su PIN para continuar; Ctrl+O cierra la sesión.",
    ),
    # home
    "home.resume": ("Retomar:", "Resume:", "Retomar:"),
    "home.resume_placeholder": (
        "referência (K7Q-4M2-XP9), nome do cidadão, ou leia o QR de um talão",
        "a reference (K7Q-4M2-XP9), the citizen's name, or scan a receipt's QR",
        "referencia (K7Q-4M2-XP9), nombre del ciudadano, o lea el QR de un recibo",
    ),
    "home.today": ("Atendimentos de hoje", "Today's journeys", "Atenciones de hoy"),
    "home.empty": (
        "Ainda não há atendimentos hoje. Ctrl+N começa um.",
        "No journeys yet today. Ctrl+N starts one.",
        "Aún no hay atenciones hoy. Ctrl+N empieza una.",
    ),
    "home.unidentified": ("(por identificar)", "(not identified)", "(sin identificar)"),
    "home.looking": ("A procurar…", "Looking…", "Buscando…"),
    "home.type_something": (
        "Escreva uma referência.",
        "Type a reference.",
        "Escriba una referencia.",
    ),
    "home.bad_reference": (
        "Não é uma referência válida: confira os 9 caracteres.",
        "Not a valid reference: check the 9 characters.",
        "No es una referencia válida: revise los 9 caracteres.",
    ),
    "home.abandoned": (
        "{ref} ficou sem nenhum serviço: fechado como abandonado.",
        "{ref} was left without any service: closed as abandoned.",
        "{ref} quedó sin ningún servicio: cerrada como abandonada.",
    ),
    "home.abandoned_many": (
        "{ref} ficaram sem nenhum serviço: fechados como abandonados.",
        "{ref} were left without any service: closed as abandoned.",
        "{ref} quedaron sin ningún servicio: cerradas como abandonadas.",
    ),
    "home.no_name": (
        "Nenhum atendimento neste posto para esse nome.",
        "No journey on this machine for that name.",
        "Ninguna atención en este puesto con ese nombre.",
    ),
    "home.names": (
        "{count} atendimentos para esse nome: escolha um na lista (Enter abre).",
        "{count} journeys for that name: pick one in the list (Enter opens it).",
        "{count} atenciones con ese nombre: elija una en la lista (Intro la abre).",
    ),
    "home.short_address": (
        "Esse é o endereço para o cidadão: escreva aqui a referência impressa acima dele.",
        "That is the citizen's address: type here the reference printed above it.",
        "Esa es la dirección para el ciudadano: escriba aquí la referencia impresa encima.",
    ),
    "home.not_here": (
        "Esta referência não está neste posto, e este posto não está ligado a uma central.",
        "This reference is not on this machine, and this machine has no central store to ask.",
        "Esta referencia no está en este puesto, y este puesto no está conectado a una central.",
    ),
    "home.asking": (
        "{ref} não está neste posto: a pedir à central…",
        "{ref} is not on this machine: asking the central store…",
        "{ref} no está en este puesto: pidiéndola a la central…",
    ),
    "home.central_unknown": (
        "Nenhum atendimento tem a referência {ref}, nem aqui nem na central. Se foi começado "
        "numa carrinha que ainda não sincronizou, F6 começa um atendimento ligado a ele; "
        "juntam-se quando ele chegar.",
        "No journey has the reference {ref}, here or in the central store. If it was started "
        "in a van that has not synced yet, F6 starts a journey linked to it; the two join when "
        "it arrives.",
        "Ninguna atención tiene la referencia {ref}, ni aquí ni en la central. Si se empezó en "
        "una furgoneta que aún no ha sincronizado, F6 empieza una atención vinculada; se unen "
        "cuando llegue.",
    ),
    "home.central_offline": (
        "Sem ligação à central: não é possível trazer {ref} agora. F6 começa um atendimento "
        "ligado a ele; juntam-se quando a rede voltar.",
        "The central store cannot be reached now, so {ref} cannot be fetched. F6 starts a "
        "journey linked to it; the two join when the network is back.",
        "Sin conexión con la central: no se puede traer {ref} ahora. F6 empieza una atención "
        "vinculada; se unen cuando vuelva la red.",
    ),
    "home.central_not_enrolled": (
        "Este posto não está registado na central (counterpart enrol CÓDIGO): não é possível "
        "trazer {ref}. F6 começa um atendimento ligado a ele; juntam-se depois do registo.",
        "This machine is not enrolled with the central store (counterpart enrol CODE), so {ref} "
        "cannot be fetched. F6 starts a journey linked to it; the two join once enrolled.",
        "Este puesto no está registrado en la central (counterpart enrol CÓDIGO): no se puede "
        "traer {ref}. F6 empieza una atención vinculada; se unen tras el registro.",
    ),
    "home.central_refused": (
        "A central recusou enviar {ref} ({detail}). F6 começa um atendimento ligado a ele.",
        "The central store refused to send {ref} ({detail}). F6 starts a journey linked to it.",
        "La central se negó a enviar {ref} ({detail}). F6 empieza una atención vinculada.",
    ),
    "home.link_unknown": (
        "Este código QR não corresponde a nenhum atendimento neste posto.",
        "This QR code matches no journey on this machine.",
        "Este código QR no corresponde a ninguna atención en este puesto.",
    ),
    "home.asking_link": (
        "Este código QR não está neste posto: a pedir à central…",
        "This QR code is not on this machine: asking the central store…",
        "Este código QR no está en este puesto: pidiéndolo a la central…",
    ),
    "home.link_central_unknown": (
        "Este código QR não corresponde a nenhum atendimento, nem aqui nem na central (pode "
        "ainda não ter sincronizado): escreva a referência impressa no talão.",
        "This QR code matches no journey, here or in the central store (it may not have "
        "synced yet): type the reference printed on the receipt.",
        "Este código QR no corresponde a ninguna atención, ni aquí ni en la central (puede que "
        "aún no se haya sincronizado): escriba la referencia impresa en el recibo.",
    ),
    "home.link_central_offline": (
        "Este código QR não corresponde a nenhum atendimento neste posto, e a central não "
        "responde agora: escreva a referência impressa no talão.",
        "This QR code matches no journey on this machine, and the central store cannot be "
        "reached now: type the reference printed on the receipt.",
        "Este código QR no corresponde a ninguna atención en este puesto, y la central no "
        "responde ahora: escriba la referencia impresa en el recibo.",
    ),
    "home.link_central_not_enrolled": (
        "Este código QR não corresponde a nenhum atendimento neste posto, e este posto não está "
        "registado na central (counterpart enrol CÓDIGO): escreva a referência impressa no talão.",
        "This QR code matches no journey on this machine, and this machine is not enrolled "
        "with the central store (counterpart enrol CODE): type the reference printed on the "
        "receipt.",
        "Este código QR no corresponde a ninguna atención en este puesto, y este puesto no está "
        "registrado en la central (counterpart enrol CÓDIGO): escriba la referencia impresa en "
        "el recibo.",
    ),
    "home.link_central_refused": (
        "A central recusou enviar o atendimento deste código QR ({detail}): escreva a "
        "referência impressa no talão.",
        "The central store refused to send this QR code's journey ({detail}): type the "
        "reference printed on the receipt.",
        "La central se negó a enviar la atención de este código QR ({detail}): escriba la "
        "referencia impresa en el recibo.",
    ),
    "review.linked": ("Ligado a", "Linked to", "Vinculada a"),
    "linked.explain": (
        "Atendimento novo, ligado a {ref}: junta-se a ele quando a central o enviar.",
        "A new journey, linked to {ref}: it joins that one when the central store sends it.",
        "Atención nueva, vinculada a {ref}: se une a ella cuando la central la envíe.",
    ),
    "home.link_revoked": (
        "Este código QR foi substituído por um talão mais recente.",
        "This QR code was replaced by a newer receipt.",
        "Este código QR fue sustituido por un recibo más reciente.",
    ),
    "home.link_expired": (
        "Este código QR expirou; use a referência do talão.",
        "This QR code has expired; use the receipt's reference.",
        "Este código QR ha caducado; use la referencia del recibo.",
    ),
    "col.ref": ("Referência", "Reference", "Referencia"),
    "col.citizen": ("Cidadão", "Citizen", "Ciudadano"),
    "col.services": ("Serviços", "Services", "Servicios"),
    "col.last": ("Última", "Last", "Última"),
    "col.channel": ("Canal", "Channel", "Canal"),
    "col.state": ("Estado", "State", "Estado"),
    "state.open": ("aberto", "open", "abierta"),
    "state.closed": ("fechado", "closed", "cerrada"),
    "channel.counter": ("balcão", "counter", "mostrador"),
    "channel.van": ("carrinha", "van", "furgoneta"),
    "channel.kiosk": ("quiosque", "kiosk", "quiosco"),
    "channel.web": ("em casa", "at home", "en casa"),
    "channel.backoffice": ("serviços", "back office", "back office"),
    # identify
    "identify.returning": (
        "{name} tem um atendimento aberto {ref} com {services}: F7 continua-o, "
        "Ctrl+S começa outro.",
        "{name} has an open journey {ref} with {services}: F7 continues it, "
        "Ctrl+S starts a new one.",
        "{name} tiene una atención abierta {ref} con {services}: F7 la continúa, "
        "Ctrl+S empieza otra.",
    ),
    "identify.elsewhere": (
        "{name} tem um atendimento aberto {ref} em {site} com {services}, última "
        "atividade {when}: F7 continua-o, Ctrl+S começa outro.",
        "{name} has an open journey {ref} at {site} with {services}, last active "
        "{when}: F7 continues it, Ctrl+S starts a new one.",
        "{name} tiene una atención abierta {ref} en {site} con {services}, última "
        "actividad {when}: F7 la continúa, Ctrl+S empieza otra.",
    ),
    "count.services_one": ("1 serviço", "1 service", "1 servicio"),
    "count.services_many": ("{count} serviços", "{count} services", "{count} servicios"),
    "identify.elsewhere_fetching": (
        "A trazer {ref} da central…",
        "Fetching {ref} from the central store…",
        "Trayendo {ref} de la central…",
    ),
    "identify.elsewhere_failed": (
        "Não foi possível trazer {ref} da central agora; Ctrl+S começa um atendimento novo.",
        "{ref} could not be fetched from the central store now; Ctrl+S starts a new journey.",
        "No se pudo traer {ref} de la central ahora; Ctrl+S empieza una atención nueva.",
    ),
    "identify.returning_more": (
        "(e mais {count} aberto(s): procure pelo nome em Início)",
        "(and {count} more open: find them by name on Home)",
        "(y {count} más abierta(s): búsquelas por nombre en Inicio)",
    ),
    "identify.title": ("Quem é o cidadão?", "Who is the citizen?", "¿Quién es el ciudadano?"),
    "identify.card": ("Cartão de cidadão", "Identity card", "Documento de identidad"),
    "identify.no_reader": (
        "Este posto não tem leitor de cartões.",
        "This machine has no card reader.",
        "Este puesto no tiene lector de tarjetas.",
    ),
    "identify.pick_demo": (
        "Leitor simulado: escolha um cartão de demonstração e prima Enter.",
        "Simulated reader: pick a demo card and press Enter.",
        "Lector simulado: elija una tarjeta de demostración y pulse Intro.",
    ),
    "identify.insert": (
        "Insira o cartão e prima F4.",
        "Insert the card and press F4.",
        "Inserte la tarjeta y pulse F4.",
    ),
    "identify.nothing_read": ("Nenhum cartão lido.", "No card read.", "Ninguna tarjeta leída."),
    "identify.read_ok": ("Cartão lido.", "Card read.", "Tarjeta leída."),
    "identify.read_partial": (
        "Cartão lido; falta completar a data de nascimento.",
        "Card read; the date of birth is to be completed.",
        "Tarjeta leída; falta completar la fecha de nacimiento.",
    ),
    "identify.birth_date_partial": (
        "O cartão não tem a data de nascimento completa (só {known}). "
        "Pergunte ao cidadão e escreva-a (Enter confirma):",
        "The card does not give the full date of birth (only {known}). "
        "Ask the citizen and type it (Enter confirms):",
        "La tarjeta no tiene la fecha de nacimiento completa (solo {known}). "
        "Pregunte al ciudadano y escríbala (Intro confirma):",
    ),
    "identify.birth_date_not_card": (
        "O cartão diz {known}; esta data não corresponde.",
        "The card says {known}; this date does not match it.",
        "La tarjeta dice {known}; esta fecha no coincide.",
    ),
    "identify.source": ("Origem", "Source", "Origen"),
    "identify.read_from": (
        "cartão, lido em {source}",
        "card, read on {source}",
        "tarjeta, leída en {source}",
    ),
    "identify.typed": ("escrito pelo mediador", "typed by the mediator", "escrito por el mediador"),
    "identify.manual": (
        "Ou escreva os dados (Ctrl+S confirma)",
        "Or type the identity (Ctrl+S confirms)",
        "O escriba los datos (Ctrl+S confirma)",
    ),
    "identify.citizen_language": (
        "Língua do cidadão: {lang} (F3 muda). Ctrl+S começa o atendimento.",
        "Citizen's language: {lang} (F3 changes it). Ctrl+S starts the journey.",
        "Idioma del ciudadano: {lang} (F3 lo cambia). Ctrl+S empieza la atención.",
    ),
    "identify.method.card": ("por cartão", "by card", "por tarjeta"),
    "identify.method.manual": ("escrito à mão", "typed by hand", "escrito a mano"),
    "identify.method.handoff": ("pela ligação", "through the link", "por el enlace"),
    "field.name": ("Nome", "Name", "Nombre"),
    "field.birth_date": ("Nascimento", "Born", "Nacimiento"),
    "field.national_number": ("N.º nacional", "National no.", "N.º nacional"),
    "field.nationality": ("Nacionalidade", "Nationality", "Nacionalidad"),
    "field.address": ("Morada", "Address", "Dirección"),
    "field.card_number": ("N.º do cartão", "Card no.", "N.º de tarjeta"),
    # consent
    "consent.title": ("Consentimento", "Consent", "Consentimiento"),
    "consent.intro": (
        "Leia cada finalidade ao cidadão (em {lang}) e marque as que aceita. Ctrl+S confirma.",
        "Read each purpose to the citizen (in {lang}) and tick those they accept. Ctrl+S confirms.",
        "Lea cada finalidad al ciudadano (en {lang}) y marque las que acepta. Ctrl+S confirma.",
    ),
    "consent.services": (
        "Enviar o que nos disser hoje aos organismos dos serviços que escolher, para tratarem "
        "os seus pedidos.",
        "Send what you tell us today to the agencies of the services you choose, so they can "
        "handle your requests.",
        "Enviar lo que nos diga hoy a los organismos de los servicios que elija, para que "
        "tramiten sus solicitudes.",
    ),
    "consent.prefill": (
        "Reutilizar o que nos disse em visitas anteriores, para não ter de repetir.",
        "Reuse what you told us on earlier visits, so you need not repeat it.",
        "Reutilizar lo que nos dijo en visitas anteriores, para no tener que repetirlo.",
    ),
    "consent.handoff": (
        "Dar-lhe uma ligação para continuar em casa, no telemóvel.",
        "Give you a link to continue at home on your phone.",
        "Darle un enlace para continuar en casa, en el móvil.",
    ),
    "consent.contact": (
        "Contactá-lo por telefone ou correio eletrónico sobre estes pedidos.",
        "Contact you by phone or email about these requests.",
        "Contactarle por teléfono o correo electrónico sobre estas solicitudes.",
    ),
    "consent.required": ("necessário", "needed", "necesario"),
    "consent.contact_address": (
        "E-mail ou telemóvel (+351...) para as mensagens",
        "E-mail or mobile number (+351...) for the messages",
        "Correo o móvil (+34...) para los mensajes",
    ),
    "consent.contact_needed": (
        "Para mensagens, escreva um e-mail ou um telemóvel com o indicativo (+351...).",
        "For messages, type an e-mail address or a mobile number with its code (+351...).",
        "Para mensajes, escriba un correo o un móvil con su prefijo (+34...).",
    ),
    "consent.need_services": (
        "Sem o primeiro consentimento não podemos tratar os pedidos.",
        "Without the first consent the requests cannot be handled.",
        "Sin el primer consentimiento no podemos tramitar las solicitudes.",
    ),
    "consent.short.services": ("tratar os pedidos", "handle requests", "tramitar solicitudes"),
    "consent.short.prefill": ("reutilizar dados", "reuse answers", "reutilizar datos"),
    "consent.short.handoff": ("continuar em casa", "continue at home", "continuar en casa"),
    "consent.short.contact": ("contactar", "contact", "contactar"),
    # services
    "services.offers": ("Também pode precisar", "They may also need", "También puede necesitar"),
    "services.offers_for": (
        "Também para {circumstances} (Enter junta):",
        "Also for {circumstances} (Enter adds):",
        "También para {circumstances} (Intro añade):",
    ),
    "services.title": ("Escolher serviços", "Choose services", "Elegir servicios"),
    "services.placeholder": (
        "escreva o que o cidadão precisa: mudar de casa, carta de condução…",
        "type what the citizen needs: moving house, driving licence…",
        "escriba lo que necesita el ciudadano: mudanza, permiso de conducir…",
    ),
    "services.circumstances": ("Situações de vida", "Life circumstances", "Situaciones de vida"),
    "services.results": ("Serviços", "Services", "Servicios"),
    "services.results_for": ("Serviços: {query}", "Services: {query}", "Servicios: {query}"),
    "services.results_close": (
        "Serviços parecidos com: {query}",
        "Services close to: {query}",
        "Servicios parecidos a: {query}",
    ),
    "services.no_match": (
        "Nenhum serviço corresponde a «{query}»",
        "No service matches '{query}'",
        "Ningún servicio coincide con «{query}»",
    ),
    "services.chosen": ("Neste atendimento", "In this journey", "En esta atención"),
    "services.remove_hint": (
        "Delete retira o serviço escolhido. Ctrl+S continua.",
        "Delete removes the highlighted service. Ctrl+S goes on.",
        "Supr quita el servicio elegido. Ctrl+S continúa.",
    ),
    "services.none_yet": (
        "Escolha pelo menos um serviço.",
        "Choose at least one service.",
        "Elija al menos un servicio.",
    ),
    # steps
    "steps.done_here": (
        "Feito aqui, presencialmente",
        "Done here, in person",
        "Hecho aquí, en persona",
    ),
    "steps.title": ("Passos", "Steps", "Pasos"),
    "steps.none": ("Não há passos.", "There are no steps.", "No hay pasos."),
    "steps.documents": ("Documentos", "Documents", "Documentos"),
    "steps.document_uploaded": ("já enviado", "already uploaded", "ya subido"),
    "steps.documents_title": (
        "Documentos a apresentar: marque os que viu (Espaço)",
        "Documents to show: tick those you have seen (Space)",
        "Documentos a presentar: marque los que ha visto (Espacio)",
    ),
    "steps.channels": (
        "pode fazer-se: {channels}",
        "can be done: {channels}",
        "se puede hacer: {channels}",
    ),
    "steps.shared": ("também para {services}", "also for {services}", "también para {services}"),
    "steps.asked_once": (
        "— já respondido em {service} · {step}",
        "— already given in {service} · {step}",
        "— ya respondido en {service} · {step}",
    ),
    "steps.options": ("Opções: {options}", "Options: {options}", "Opciones: {options}"),
    "steps.yesno": ("Responda sim ou não.", "Answer yes or no.", "Responda sí o no."),
    "steps.date_hint": ("dia/mês/ano", "day/month/year", "día/mes/año"),
    "steps.document_hint": (
        "«sim» se viu o documento, ou o nome do ficheiro.",
        "“yes” if you saw the document, or the file name.",
        "«sí» si vio el documento, o el nombre del archivo.",
    ),
    "steps.conflict": (
        "Foram registados dois valores sem que um visse o outro. Qual fica?",
        "Two values were recorded without seeing each other. Which one stands?",
        "Se registraron dos valores sin que uno viera al otro. ¿Cuál queda?",
    ),
    "steps.conflict_hint": (
        "Escolha um dos valores acima, ou escreva outro e prima Enter.",
        "Pick one of the values above, or type another and press Enter.",
        "Elija uno de los valores de arriba, o escriba otro y pulse Intro.",
    ),
    "steps.not_saved": (
        "Por guardar: {fields}. Corrija o valor, ou apague-o para deixar sem resposta.",
        "Not saved: {fields}. Correct the value, or clear it to leave it unanswered.",
        "Sin guardar: {fields}. Corrija el valor, o bórrelo para dejarlo sin respuesta.",
    ),
    "steps.saved": ("guardado · {origin}", "saved · {origin}", "guardado · {origin}"),
    "steps.prefill": (
        "já conhecido do atendimento {ref}: Enter confirma",
        "known from journey {ref}: Enter confirms",
        "conocido de la atención {ref}: Intro confirma",
    ),
    "origin.card": ("do cartão", "from the card", "de la tarjeta"),
    "origin.earlier_journey": (
        "de um atendimento anterior",
        "from an earlier journey",
        "de una atención anterior",
    ),
    "origin.other_service": ("de outro serviço", "from another service", "de otro servicio"),
    "origin.counter": ("no balcão", "at the counter", "en el mostrador"),
    "origin.van": ("na carrinha", "in the van", "en la furgoneta"),
    "origin.kiosk": ("no quiosque", "at a kiosk", "en un quiosco"),
    "origin.home": ("em casa", "at home", "en casa"),
    "origin.backoffice": ("pelos serviços", "by the back office", "por el back office"),
    "source.card": ("cartão", "card", "tarjeta"),
    "source.earlier_journey": ("atendimento anterior", "earlier journey", "atención anterior"),
    "source.typed": ("escrito", "typed", "escrito"),
    "value.yes": ("sim", "yes", "sí"),
    "value.no": ("não", "no", "no"),
    "value.seen": ("visto", "seen", "visto"),
    "value.not_seen": ("não visto", "not seen", "no visto"),
    # review
    "journey.loading": ("A carregar…", "Loading…", "Cargando…"),
    "review.title": ("Atendimento {ref}", "Journey {ref}", "Atención {ref}"),
    "review.unidentified": (
        "Cidadão por identificar",
        "Citizen not identified",
        "Ciudadano sin identificar",
    ),
    "review.consents": ("Consentimentos", "Consents", "Consentimientos"),
    "review.no_consent": ("nenhum", "none", "ninguno"),
    "review.no_services": (
        "Ainda sem serviços: Ctrl+A para escolher.",
        "No services yet: Ctrl+A to choose.",
        "Aún sin servicios: Ctrl+A para elegir.",
    ),
    "review.none_closed": (
        "Fechado sem nenhum serviço.",
        "Closed without any service.",
        "Cerrado sin ningún servicio.",
    ),
    "review.conflicts": (
        "{count} resposta(s) em conflito: Ctrl+E para decidir.",
        "{count} answer(s) in conflict: Ctrl+E to decide.",
        "{count} respuesta(s) en conflicto: Ctrl+E para decidir.",
    ),
    "review.closed": ("Fechado: {reason}", "Closed: {reason}", "Cerrada: {reason}"),
    "review.closed_no_change": (
        "Este atendimento está fechado ({reason}): já nada muda nele. Para algo novo, "
        "comece um atendimento com o cartão do cidadão.",
        "This journey is closed ({reason}): nothing in it changes any more. For something "
        "new, start a journey from the citizen's card.",
        "Esta atención está cerrada ({reason}): ya nada cambia en ella. Para algo nuevo, "
        "empiece una atención con la tarjeta del ciudadano.",
    ),
    "review.closed_no_receipt": (
        "Este atendimento está fechado ({reason}) sem nada a entregar: não tem talão.",
        "This journey is closed ({reason}) with nothing to hand over: it has no receipt.",
        "Esta atención está cerrada ({reason}) sin nada que entregar: no tiene recibo.",
    ),
    "review.close_prompt": (
        "Fechar este atendimento: escolha o motivo e prima Enter (Esc: cancelar).",
        "Close this journey: pick the reason and press Enter (Esc: cancel).",
        "Cerrar esta atención: elija el motivo y pulse Intro (Esc: cancelar).",
    ),
    "review.close_failed": (
        "Não foi fechado: {reason}",
        "Not closed: {reason}",
        "No se cerró: {reason}",
    ),
    "close.reason.abandoned": ("abandonado", "abandoned", "abandonada"),
    "close.reason.completed": ("tudo entregue", "all submitted", "todo presentado"),
    "close.reason.resolved": ("resolvido", "resolved", "resuelta"),
    "close.reason.withdrawn": (
        "o cidadão desistiu",
        "the citizen withdrew",
        "el ciudadano desistió",
    ),
    "close.reason.duplicate": ("duplicado", "duplicate", "duplicada"),
    "close.reason.mistake": ("aberto por engano", "opened by mistake", "abierta por error"),
    "review.no_handoff": (
        "Sem ligação para casa ainda.",
        "No link home yet.",
        "Aún sin enlace para casa.",
    ),
    "review.handoff": (
        "Ligação para casa válida até {date}.",
        "Link home valid until {date}.",
        "Enlace para casa válido hasta {date}.",
    ),
    "review.help.web": (
        "O cidadão pediu ajuda em casa ({when})",
        "The citizen asked for help from home ({when})",
        "El ciudadano pidió ayuda desde casa ({when})",
    ),
    "review.help.kiosk": (
        "O cidadão pediu ajuda num quiosque ({when})",
        "The citizen asked for help at a kiosk ({when})",
        "El ciudadano pidió ayuda en un quiosco ({when})",
    ),
    "review.unknown_service": ("serviço desconhecido", "unknown service", "servicio desconocido"),
    "review.submitted": ("submetido", "submitted", "presentado"),
    "review.ready": ("pronto a submeter", "ready to submit", "listo para presentar"),
    "review.in_progress": ("em curso", "in progress", "en curso"),
    "review.documents_missing": ("faltam documentos", "documents missing", "faltan documentos"),
    "review.documents_first": (
        "Não é enviado sem os documentos: {what}. Marque-os na página Documentos do serviço"
        " (Ctrl+E), ou prima Ctrl+F de novo para concluir sem o enviar.",
        "Not sent without its documents: {what}. Tick them on the service's Documents page"
        " (Ctrl+E), or press Ctrl+F again to finish without sending it.",
        "No se envía sin sus documentos: {what}. Márquelos en la página Documentos del"
        " servicio (Ctrl+E), o pulse Ctrl+F de nuevo para terminar sin enviarlo.",
    ),
    "col.service": ("Serviço", "Service", "Servicio"),
    "col.done": ("Feito", "Done", "Hecho"),
    "col.left": ("Falta", "Left", "Falta"),
    "col.home": ("Em casa?", "At home?", "¿En casa?"),
    "col.bring": ("Trazer", "Bring", "Traer"),
    "col.status": ("Estado", "Status", "Estado"),
    # finish
    "finish.title": ("Concluir {ref}", "Finish {ref}", "Terminar {ref}"),
    "finish.at_home": (
        "pode terminar em casa",
        "can be finished at home",
        "puede terminarse en casa",
    ),
    "finish.left": (
        "falta um passo no balcão",
        "a step is left at a counter",
        "falta un paso en un mostrador",
    ),
    "finish.documents_missing": (
        "não enviado, faltam: {documents}",
        "not sent, missing: {documents}",
        "no enviado, faltan: {documents}",
    ),
    "finish.documents_at_home": (
        "não enviado, faltam: {documents} (pode enviá-los de casa)",
        "not sent, missing: {documents} (they can be uploaded at home)",
        "no enviado, faltan: {documents} (puede subirlos desde casa)",
    ),
    "finish.printing": ("A imprimir o talão…", "Printing the receipt…", "Imprimiendo el recibo…"),
    "finish.printed": (
        "Talão impresso: {printer}",
        "Receipt printed: {printer}",
        "Recibo impreso: {printer}",
    ),
    "finish.no_printer": (
        "Este posto não tem impressora.",
        "This machine has no printer.",
        "Este puesto no tiene impresora.",
    ),
    "finish.print_failed": (
        "O talão ficou em espera: {reason}. Sai sozinho quando a impressora responder; "
        "Ctrl+R tenta já.",
        "The receipt is waiting: {reason}. It prints by itself when the printer answers; "
        "Ctrl+R tries now.",
        "El recibo quedó en espera: {reason}. Se imprime solo cuando la impresora responda; "
        "Ctrl+R reintenta ya.",
    ),
    "print.came_back": (
        "A impressora voltou: talões impressos de {refs}.",
        "The printer is back: receipts printed for {refs}.",
        "La impresora ha vuelto: recibos impresos de {refs}.",
    ),
    "print.waiting_on_quit": (
        "Há talões à espera da impressora ({refs}): saem no próximo arranque. "
        "Ctrl+Q de novo para sair.",
        "Receipts are waiting for the printer ({refs}): they print at the next start. "
        "Ctrl+Q again to quit.",
        "Hay recibos esperando a la impresora ({refs}): se imprimen al próximo arranque. "
        "Ctrl+Q otra vez para salir.",
    ),
    "finish.or_type": (
        "Sem câmara? Vá a {address} e escreva a referência {ref}.",
        "No camera? Go to {address} and type the reference {ref}.",
        "¿Sin cámara? Vaya a {address} y escriba la referencia {ref}.",
    ),
    "finish.qr_too_small": (
        "O código não cabe neste ecrã: quem o atende mostra-o em ecrã inteiro (F8).",
        "The code does not fit on this screen: the person helping you shows it full screen (F8).",
        "El código no cabe en esta pantalla: quien le atiende lo muestra en grande (F8).",
    ),
    "finish.scan": (
        "Continue em casa: leia o código",
        "Continue at home: scan the code",
        "Continúe en casa: lea el código",
    ),
    "finish.follow": (
        "Acompanhe o seu pedido em casa: leia o código",
        "Follow your request at home: scan the code",
        "Consulte su solicitud en casa: escanee el código",
    ),
    "finish.online_try": (
        "Experimente já, aqui: abra o código no seu telemóvel; o que fizer lá aparece aqui.",
        "Try it now, here: open the code on your phone; what you do there shows here.",
        "Pruébelo ya, aquí: abra el código en su móvil; lo que haga allí aparece aquí.",
    ),
    "finish.online_confirmed": (
        "✓ Ligação aberta e confirmada online ({time})",
        "✓ Link opened and confirmed online ({time})",
        "✓ Enlace abierto y confirmado en línea ({time})",
    ),
    "finish.online_step": (
        "✓ Feito online: {step} ({service})",
        "✓ Done online: {step} ({service})",
        "✓ Hecho en línea: {step} ({service})",
    ),
    "finish.online_answers": (
        "✓ Respondido online: {fields}",
        "✓ Answered online: {fields}",
        "✓ Respondido en línea: {fields}",
    ),
    "finish.feedback": (
        "Como correu? (1 a 5, depois Ctrl+S)",
        "How did it go? (1 to 5, then Ctrl+S)",
        "¿Qué tal fue? (1 a 5, luego Ctrl+S)",
    ),
    "finish.comment": ("comentário (opcional)", "comment (optional)", "comentario (opcional)"),
    "finish.no_handoff": (
        "Sem ligação para casa: o cidadão não a aceitou (Ctrl+K na revisão pergunta de novo). "
        "Com a referência do talão, qualquer balcão retoma o atendimento.",
        "No link home: the citizen did not agree to one (Ctrl+K on the review asks again). "
        "With the receipt's reference any counter resumes the journey.",
        "Sin enlace para casa: el ciudadano no lo aceptó (Ctrl+K en la revisión vuelve a "
        "preguntar). Con la referencia del recibo, cualquier mostrador retoma la atención.",
    ),
    "finish.pick_score": ("Escolha de 1 a 5.", "Pick 1 to 5.", "Elija de 1 a 5."),
    "finish.thanks": (
        "Obrigado pela opinião.",
        "Thank you for the feedback.",
        "Gracias por su opinión.",
    ),
    # receipt (citizen's language)
    "receipt.reminder": (
        "Vamos lembrá-lo a {date}: {what}",
        "We will remind you on {date}: {what}",
        "Le recordaremos el {date}: {what}",
    ),
    "receipt.at_home": ("em casa (código QR)", "at home (QR code)", "en casa (código QR)"),
    "receipt.any_counter": ("qualquer balcão", "any counter", "cualquier mostrador"),
    # timeline
    "timeline.title": (
        "Histórico de {ref} — {name}",
        "Timeline of {ref} — {name}",
        "Historial de {ref} — {name}",
    ),
    "col.when": ("Quando", "When", "Cuándo"),
    "col.who": ("Quem", "Who", "Quién"),
    "col.what": ("O quê", "What", "Qué"),
    "col.where": ("Onde", "Where", "Dónde"),
    "actor.operator": ("operador", "operator", "operador"),
    "actor.agency": ("organismo", "agency", "organismo"),
    "actor.citizen": ("cidadão", "citizen", "ciudadano"),
    "actor.system": ("sistema", "system", "sistema"),
    "event.journey.started": (
        "Atendimento iniciado (língua {lang})",
        "Journey started (language {lang})",
        "Atención iniciada (idioma {lang})",
    ),
    "event.journey.linked": (
        "Ligado ao atendimento {ref}",
        "Linked to journey {ref}",
        "Vinculada a la atención {ref}",
    ),
    "event.journey.linked.offline": (
        "Começado sem ligação; continua o atendimento {ref}",
        "Started offline; continues journey {ref}",
        "Empezada sin conexión; continúa la atención {ref}",
    ),
    "event.journey.linked.merged": (
        "Trazido da central; continua no atendimento ligado {ref}",
        "Fetched from the central store; continued in linked journey {ref}",
        "Traída de la central; continúa en la atención vinculada {ref}",
    ),
    "event.citizen.identified": (
        "Cidadão identificado {method}",
        "Citizen identified {method}",
        "Ciudadano identificado {method}",
    ),
    "event.consent.given": (
        "Consentimento: {purposes}",
        "Consent given: {purposes}",
        "Consentimiento: {purposes}",
    ),
    "event.consent.withdrawn": (
        "Consentimento retirado: {purposes}",
        "Consent withdrawn: {purposes}",
        "Consentimiento retirado: {purposes}",
    ),
    "event.service.added": (
        "Serviço acrescentado: {service}",
        "Service added: {service}",
        "Servicio añadido: {service}",
    ),
    "event.service.removed": (
        "Serviço retirado: {service}",
        "Service removed: {service}",
        "Servicio quitado: {service}",
    ),
    "event.service.submitted": (
        "Submetido: {service}",
        "Submitted: {service}",
        "Presentado: {service}",
    ),
    "event.answer.recorded": (
        "{field}: {value} ({source})",
        "{field}: {value} ({source})",
        "{field}: {value} ({source})",
    ),
    "event.document.checked": (
        "Documento {document}: {ok}",
        "Document {document}: {ok}",
        "Documento {document}: {ok}",
    ),
    "event.document.uploaded": ("Documento enviado", "Document uploaded", "Documento subido"),
    "event.step.completed": (
        "Passo feito: {step} ({service})",
        "Step done: {step} ({service})",
        "Paso hecho: {step} ({service})",
    ),
    "event.handoff.issued": (
        "Ligação para casa emitida, válida até {date}",
        "Link home issued, valid until {date}",
        "Enlace para casa emitido, válido hasta {date}",
    ),
    "event.handoff.redeemed": (
        "Ligação usada em casa",
        "Link used at home",
        "Enlace usado en casa",
    ),
    "event.handoff.revoked": (
        "Ligação anulada ({reason})",
        "Link revoked ({reason})",
        "Enlace anulado ({reason})",
    ),
    "event.receipt.printed": (
        "Talão impresso ({lang})",
        "Receipt printed ({lang})",
        "Recibo impreso ({lang})",
    ),
    "event.assistance.requested": ("Pedido de ajuda", "Help requested", "Ayuda solicitada"),
    "event.assistance.requested.at": (
        "Pedido de ajuda: {place}",
        "Help requested: {place}",
        "Ayuda solicitada: {place}",
    ),
    "event.note.added": ("Nota: {text}", "Note: {text}", "Nota: {text}"),
    "event.status.changed": ("{service}: {status}", "{service}: {status}", "{service}: {status}"),
    "event.reminder.scheduled": (
        "Lembrete marcado",
        "Reminder scheduled",
        "Recordatorio programado",
    ),
    "event.reminder.cancelled": (
        "Lembrete cancelado",
        "Reminder cancelled",
        "Recordatorio cancelado",
    ),
    "event.notification.sent": (
        "Mensagem enviada ({channel})",
        "Message sent ({channel})",
        "Mensaje enviado ({channel})",
    ),
    "event.notification.failed": (
        "Mensagem NÃO enviada ({channel}): {reason}",
        "Message NOT sent ({channel}): {reason}",
        "Mensaje NO enviado ({channel}): {reason}",
    ),
    "event.feedback.given": ("Opinião: {score}/5", "Feedback: {score}/5", "Opinión: {score}/5"),
    "event.journey.closed": (
        "Atendimento fechado ({reason})",
        "Journey closed ({reason})",
        "Atención cerrada ({reason})",
    ),
    # reminders
    "key.reminders": ("Lembretes", "Reminders", "Recordatorios"),
    "key.schedule_reminder": ("Marcar", "Schedule", "Programar"),
    "key.cancel_reminder": ("Cancelar lembrete", "Cancel reminder", "Cancelar recordatorio"),
    "reminders.title": ("Lembretes · {ref}", "Reminders · {ref}", "Recordatorios · {ref}"),
    "reminders.no_contact": (
        "O cidadão não autorizou mensagens (ou não deu contacto): os lembretes não são enviados.",
        "The citizen has not agreed to messages (or gave no contact): reminders are not sent.",
        "El ciudadano no autorizó mensajes (o no dio contacto): no se envían recordatorios.",
    ),
    "reminders.day": (
        "Dia (AAAA-MM-DD; enviado às 9:00)",
        "Day (YYYY-MM-DD; sent at 9:00)",
        "Día (AAAA-MM-DD; se envía a las 9:00)",
    ),
    "reminders.what": (
        "O que fazer (sem dados pessoais), p. ex. trazer o contrato de arrendamento",
        "What to do (no personal data), e.g. bring your rental contract",
        "Qué hacer (sin datos personales), p. ej. traer el contrato de alquiler",
    ),
    "reminders.col.day": ("Dia", "Day", "Día"),
    "reminders.col.what": ("O quê", "What", "Qué"),
    "reminders.col.state": ("Estado", "State", "Estado"),
    "reminders.scheduled": ("marcado", "scheduled", "programado"),
    "reminders.cancelled": ("cancelado", "cancelled", "cancelado"),
    "reminders.none": ("Nenhum lembrete", "No reminders", "Ningún recordatorio"),
    "reminders.bad_day": (
        "«{typed}» não é um dia: escreva AAAA-MM-DD.",
        "“{typed}” is not a day: type YYYY-MM-DD.",
        "«{typed}» no es un día: escriba AAAA-MM-DD.",
    ),
    "reminders.past": (
        "Esse dia já passou: escolha um dia a seguir a hoje.",
        "That day has passed: choose a day after today.",
        "Ese día ya pasó: elija un día posterior a hoy.",
    ),
    "reminders.what_needed": (
        "Diga o que fazer (até 200 caracteres).",
        "Say what to do (up to 200 characters).",
        "Diga qué hacer (hasta 200 caracteres).",
    ),
    "help.reminders": (
        "Lembretes: escreva o dia e o que fazer e prima Ctrl+S; Ctrl+D cancela o lembrete "
        "selecionado. Só são enviados se o cidadão autorizou mensagens.",
        "Reminders: type the day and what to do and press Ctrl+S; Ctrl+D cancels the "
        "highlighted one. They are sent only if the citizen agreed to messages.",
        "Recordatorios: escriba el día y qué hacer y pulse Ctrl+S; Ctrl+D cancela el "
        "seleccionado. Solo se envían si el ciudadano autorizó mensajes.",
    ),
    # help
    "help.title": ("Ajuda", "Help", "Ayuda"),
    "help.keys": ("Teclas deste ecrã", "Keys on this screen", "Teclas de esta pantalla"),
    "help.general": (
        "F1 ajuda · F2 muda a língua da interface · F3 muda a língua do cidadão · Ctrl+R repete "
        "o que falhou · Ctrl+Q sai. Tudo o que confirma fica guardado de imediato.",
        "F1 help · F2 switches the UI language · F3 switches the citizen's language · Ctrl+R "
        "retries what failed · Ctrl+Q quits. Everything you confirm is saved at once.",
        "F1 ayuda · F2 cambia el idioma de la interfaz · F3 cambia el idioma del ciudadano · "
        "Ctrl+R reintenta lo que falló · Ctrl+Q sale. Todo lo que confirma se guarda al momento.",
    ),
    "help.help": ("Esta ajuda.", "This help.", "Esta ayuda."),
    "help.signin": (
        "Entre com o seu identificador de operador e o PIN. Depois de algum tempo sem uso, o "
        "ecrã bloqueia e pede o PIN outra vez.",
        "Sign in with your operator id and PIN. After a while without use the screen locks "
        "and asks for the PIN again.",
        "Entre con su identificador de operador y su PIN. Tras un tiempo sin uso, la pantalla "
        "se bloquea y pide el PIN de nuevo.",
    ),
    "help.home": (
        "Os atendimentos de hoje neste posto. Para retomar um, escreva a referência do talão "
        "ou leia o código QR com o leitor: o que for escrito em qualquer ponto deste ecrã vai "
        "para o campo Retomar. Enter numa linha abre o atendimento. Uma referência ou um "
        "código QR que não está neste posto é pedido à central; se uma referência não puder "
        "vir, F6 começa um atendimento ligado a ela, que se junta quando ela chegar.",
        "Today's journeys at this machine. To resume one, type the receipt's reference or scan "
        "its QR code: whatever is typed anywhere on this screen goes to the Resume field. "
        "Enter on a row opens that journey. A reference or QR code that is not on this machine "
        "is asked of the central store; if a reference cannot come, F6 starts a journey linked "
        "to it, which joins it when it arrives.",
        "Las atenciones de hoy en este puesto. Para retomar una, escriba la referencia del "
        "recibo o lea su código QR: lo que se escriba en cualquier parte de esta pantalla va "
        "al campo Retomar. Intro en una fila abre la atención. Una referencia o un código QR "
        "que no está en este puesto se pide a la central; si una referencia no puede venir, "
        "F6 empieza una atención vinculada, que se une a ella cuando llegue.",
    ),
    "help.identify": (
        "Leia o cartão do cidadão ou escreva os dados. Mostra-se o que foi lido e de onde. "
        "Ctrl+S começa o atendimento.",
        "Read the citizen's card or type the identity. What was read, and from where, is "
        "shown. Ctrl+S starts the journey.",
        "Lea la tarjeta del ciudadano o escriba los datos. Se muestra lo leído y de dónde. "
        "Ctrl+S empieza la atención.",
    ),
    "help.consent": (
        "Leia cada finalidade ao cidadão. Só com «reutilizar dados» se propõem respostas de "
        "atendimentos anteriores.",
        "Read each purpose to the citizen. Answers from earlier journeys are offered only with "
        "“reuse answers”.",
        "Lea cada finalidad al ciudadano. Solo con «reutilizar datos» se proponen respuestas "
        "de atenciones anteriores.",
    ),
    "help.services": (
        "Escreva palavras ou escolha uma situação de vida; Enter num serviço acrescenta-o. "
        "Pode juntar serviços de vários organismos.",
        "Type words or pick a life circumstance; Enter on a service adds it. Services of "
        "several agencies can go in one journey.",
        "Escriba palabras o elija una situación de vida; Intro en un servicio lo añade. Se "
        "pueden juntar servicios de varios organismos.",
    ),
    "help.steps": (
        "Cada resposta é guardada quando prime Enter. O que já se sabe aparece preenchido com "
        "a origem; uma pergunta comum a dois serviços faz-se uma vez. Enter no último campo, "
        "ou PageDown, passa ao passo seguinte; PageUp volta ao anterior.",
        "Each answer is saved when you press Enter. What is already known is filled in with "
        "its source; a question two services share is asked once. Enter on the last field, "
        "or PageDown, goes to the next step; PageUp back to the one before.",
        "Cada respuesta se guarda al pulsar Intro. Lo ya conocido aparece con su origen; una "
        "pregunta común a dos servicios se hace una vez. Intro en el último campo, o "
        "AvPág, pasa al paso siguiente; RePág vuelve al anterior.",
    ),
    "help.review": (
        "O que está feito, o que falta e o que se pode terminar em casa. Ctrl+F submete, "
        "imprime o talão e mostra o código QR.",
        "What is done, what is left and what can be finished at home. Ctrl+F submits, prints "
        "the receipt and shows the QR code.",
        "Lo hecho, lo que falta y lo que puede terminarse en casa. Ctrl+F presenta, imprime el "
        "recibo y muestra el código QR.",
    ),
    "help.finish": (
        "Os serviços completos foram submetidos; o código QR leva o cidadão ao atendimento em "
        "casa. Peça a opinião de 1 a 5.",
        "Complete services were submitted; the QR code takes the citizen to the journey at "
        "home. Ask for feedback from 1 to 5.",
        "Los servicios completos se presentaron; el código QR lleva al ciudadano a la atención "
        "en casa. Pida su opinión de 1 a 5.",
    ),
    "help.timeline": (
        "Tudo o que aconteceu neste atendimento, em todos os canais, do mais recente ao mais "
        "antigo.",
        "Everything that happened in this journey, on every channel, newest first.",
        "Todo lo ocurrido en esta atención, en todos los canales, de lo más reciente a lo más "
        "antiguo.",
    ),
    # the van: the header, the day screen, clocks found off
    "key.day": ("Dia", "Day", "Día"),
    "van.last_sync": (
        "última sincronização há {ago}",
        "last sync {ago} ago",
        "última sincronización hace {ago}",
    ),
    "van.last_sync_now": (
        "sincronizado agora mesmo",
        "synced just now",
        "sincronizado ahora mismo",
    ),
    "van.never_synced": ("nunca sincronizado", "never synced", "nunca sincronizado"),
    "van.waiting": (
        "{count} eventos por enviar",
        "{count} events waiting",
        "{count} eventos por enviar",
    ),
    "van.waiting_one": ("1 evento por enviar", "1 event waiting", "1 evento por enviar"),
    "van.nothing_waiting": ("nada por enviar", "nothing waiting", "nada por enviar"),
    "van.offline": ("sem rede", "no network", "sin red"),
    "van.link_found": (
        "Rede encontrada: {pushed} eventos enviados, {pulled} recebidos.",
        "Network found: {pushed} events sent, {pulled} received.",
        "Red encontrada: {pushed} eventos enviados, {pulled} recibidos.",
    ),
    "van.held": (
        "sincroniza após Enter",
        "sync waits for Enter",
        "sincroniza tras Intro",
    ),
    "van.days": ("{n} d", "{n} d", "{n} d"),
    "van.hours": ("{n} h", "{n} h", "{n} h"),
    "van.minutes": ("{n} min", "{n} min", "{n} min"),
    "van.under_a_minute": ("menos de 1 min", "under 1 min", "menos de 1 min"),
    "day.title": ("O dia nesta carrinha", "The day in this van", "El día en esta furgoneta"),
    "day.journeys": ("Atendimentos de hoje", "Today's journeys", "Atenciones de hoy"),
    "day.no_journeys": (
        "Ainda nenhum atendimento hoje.",
        "No journeys yet today.",
        "Aún ninguna atención hoy.",
    ),
    "day.waiting": ("Por sincronizar", "Waiting to sync", "Por sincronizar"),
    "day.waiting_none": (
        "Nada espera: a central tem tudo.",
        "Nothing waits: the central store holds everything.",
        "Nada espera: la central lo tiene todo.",
    ),
    "day.waiting_line": (
        "{count} eventos deste aparelho em {journeys} atendimentos",
        "{count} events of this device in {journeys} journeys",
        "{count} eventos de este equipo en {journeys} atenciones",
    ),
    "day.parked": (
        "Retidos pela central",
        "Parked by the central store",
        "Retenidos por la central",
    ),
    "day.parked_none": ("Nada retido.", "Nothing parked.", "Nada retenido."),
    "day.receipts": (
        "Talões à espera de papel",
        "Receipts waiting for paper",
        "Recibos a la espera de papel",
    ),
    "day.receipts_none": (
        "Todos os talões saíram.",
        "Every receipt is out.",
        "Todos los recibos han salido.",
    ),
    "day.receipt_line": (
        "{ref} · {attempts} tentativas · {error}",
        "{ref} · {attempts} attempts · {error}",
        "{ref} · {attempts} intentos · {error}",
    ),
    "col.waiting": ("Por enviar", "Waiting", "Por enviar"),
    "col.event": ("Evento", "Event", "Evento"),
    "col.reason": ("Motivo", "Reason", "Motivo"),
    "help.day": (
        "O dia desta carrinha: os atendimentos de hoje, o que espera pela rede, o que a central "
        "reteve e porquê, e os talões à espera de papel. Sincroniza sozinha quando encontra "
        "rede, exceto a meio de um campo por guardar.",
        "This van's day: today's journeys, what waits for a network, what the central store "
        "parked and why, and the receipts waiting for paper. It syncs by itself when it finds "
        "a network, except in the middle of a field not yet saved.",
        "El día de esta furgoneta: las atenciones de hoy, lo que espera a la red, lo que la "
        "central retuvo y por qué, y los recibos a la espera de papel. Sincroniza sola al "
        "encontrar red, salvo a mitad de un campo sin guardar.",
    ),
    "clock.slow": (
        "registado por um relógio {amount} atrasado",
        "recorded by a clock {amount} slow",
        "registrado por un reloj {amount} atrasado",
    ),
    "clock.fast": (
        "registado por um relógio {amount} adiantado",
        "recorded by a clock {amount} fast",
        "registrado por un reloj {amount} adelantado",
    ),
    "event.clock.offset": (
        "A central encontrou o relógio de {device} {offset}",
        "The central store found the clock of {device} {offset}",
        "La central encontró el reloj de {device} {offset}",
    ),
    "clock.off_slow": ("{amount} atrasado", "{amount} slow", "{amount} atrasado"),
    "clock.off_fast": ("{amount} adiantado", "{amount} fast", "{amount} adelantado"),
    "clock.day": ("1 dia", "1 day", "1 día"),
    "clock.days": ("{n} dias", "{n} days", "{n} días"),
    # counterpart catalogue (the table's columns and words)
    "catalogue.service": ("Serviço", "Service", "Servicio"),
    "catalogue.steps": ("Passos", "Steps", "Pasos"),
    "catalogue.at_home": ("Em casa", "At home", "En casa"),
    "catalogue.fee": ("Taxa", "Fee", "Tasa"),
    "catalogue.days": ("Dias", "Days", "Días"),
    "catalogue.life_events": ("Situações de vida", "Life events", "Situaciones vitales"),
    "catalogue.free": ("gratuito", "free", "gratuito"),
    "catalogue.total": (
        "{services} serviços de {agencies} organismos (catálogo {version})",
        "{services} services from {agencies} agencies (catalogue {version})",
        "{services} servicios de {agencies} organismos (catálogo {version})",
    ),
}
