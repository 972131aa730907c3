"""Texts of the accessibility statement (EU Web Accessibility Directive) and the report form."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, tuple[str, str, str]]] = {
    "a11y.title": (
        "Declaração de acessibilidade",
        "Accessibility statement",
        "Declaración de accesibilidad",
    ),
    "a11y.intro": (
        "{operator} quer que estas páginas possam ser usadas pelo maior número possível de "
        "pessoas. Esta declaração aplica-se às páginas onde continua um pedido em casa "
        "({address}). É feita ao abrigo da Diretiva (UE) 2016/2102, sobre a acessibilidade "
        "dos sítios web dos organismos do setor público.",
        "{operator} wants these pages to be usable by as many people as possible. This "
        "statement applies to the pages where you continue a request at home ({address}). "
        "It is made under Directive (EU) 2016/2102 on the accessibility of the websites of "
        "public sector bodies.",
        "{operator} quiere que estas páginas puedan usarlas el mayor número posible de "
        "personas. Esta declaración se aplica a las páginas donde continúa una solicitud "
        "desde casa ({address}). Se hace en virtud de la Directiva (UE) 2016/2102, sobre la "
        "accesibilidad de los sitios web de los organismos del sector público.",
    ),
    "a11y.able_heading": (
        "O que deve conseguir fazer",
        "What you should be able to do",
        "Lo que debería poder hacer",
    ),
    "a11y.able_keyboard": (
        "usar todas as páginas só com o teclado;",
        "use every page with a keyboard alone;",
        "usar todas las páginas solo con el teclado;",
    ),
    "a11y.able_reader": (
        "usar todas as páginas com um leitor de ecrã;",
        "use every page with a screen reader;",
        "usar todas las páginas con un lector de pantalla;",
    ),
    "a11y.able_zoom": (
        "aumentar o texto até 400% sem o texto sair do ecrã;",
        "zoom in up to 400% without the text going off the screen;",
        "ampliar hasta el 400 % sin que el texto salga de la pantalla;",
    ),
    "a11y.able_nojs": (
        "usar as páginas sem JavaScript e num telemóvel;",
        "use the pages without JavaScript, and on a phone;",
        "usar las páginas sin JavaScript y en un móvil;",
    ),
    "a11y.able_languages": (
        "escolher português, inglês ou espanhol em qualquer página.",
        "choose Portuguese, English or Spanish on any page.",
        "elegir portugués, inglés o español en cualquier página.",
    ),
    "a11y.status_heading": (
        "Estado de conformidade",
        "Compliance status",
        "Situación de cumplimiento",
    ),
    "a11y.status_body": (
        "Estas páginas estão parcialmente conformes com as Diretrizes de Acessibilidade para "
        "Conteúdo Web (WCAG) 2.1, nível AA, e com a norma europeia EN 301 549, por causa "
        "dos problemas indicados abaixo.",
        "These pages are partially compliant with the Web Content Accessibility Guidelines "
        "(WCAG) 2.1, level AA, and the European standard EN 301 549, because of the problems "
        "listed below.",
        "Estas páginas cumplen parcialmente las Pautas de Accesibilidad para el Contenido "
        "Web (WCAG) 2.1, nivel AA, y la norma europea EN 301 549, por los problemas que se "
        "indican abajo.",
    ),
    "a11y.not_heading": (
        "Conteúdo que não é acessível",
        "Content that is not accessible",
        "Contenido que no es accesible",
    ),
    "a11y.not_lead": (
        "Sabemos destes problemas:",
        "We know of these problems:",
        "Conocemos estos problemas:",
    ),
    "a11y.not_timeout": (
        "Por segurança, a sessão termina ao fim de {minutes} minutos, sem aviso antes e sem forma "
        "de pedir mais tempo (WCAG 2.2.1, tempo ajustável). O que guardou fica guardado: "
        "abra outra vez a ligação do recibo para continuar.",
        "For your security, a session ends after {minutes} minutes, with no warning before and "
        "no way to ask for more time (WCAG 2.2.1, Timing Adjustable). What you saved is "
        "kept: open the link on your receipt again to continue.",
        "Por seguridad, la sesión termina a los {minutes} minutos, sin aviso previo y sin forma de "
        "pedir más tiempo (WCAG 2.2.1, tiempo ajustable). Lo que guardó se conserva: abra "
        "otra vez el enlace del recibo para continuar.",
    ),
    "a11y.not_file_button": (
        "O botão para escolher um ficheiro é o do seu navegador: o texto dele pode estar "
        "noutra língua que não a da página (WCAG 3.1.2, língua das partes).",
        "The button to choose a file is your browser's own: its words may be in another "
        "language than the page's (WCAG 3.1.2, Language of Parts).",
        "El botón para elegir un archivo es el de su navegador: su texto puede estar en "
        "otro idioma que el de la página (WCAG 3.1.2, idioma de las partes).",
    ),
    "a11y.scope_heading": (
        "Conteúdo fora do âmbito da diretiva",
        "Content outside the scope of the Directive",
        "Contenido fuera del ámbito de la directiva",
    ),
    "a11y.scope_uploads": (
        "Os ficheiros que envia (PDF e fotografias) são seus: não os verificamos quanto à "
        "acessibilidade.",
        "The files you upload (PDFs and photos) are yours: we do not check them for accessibility.",
        "Los archivos que envía (PDF y fotos) son suyos: no comprobamos su accesibilidad.",
    ),
    "a11y.prepared_heading": (
        "Como preparámos esta declaração",
        "How we prepared this statement",
        "Cómo preparamos esta declaración",
    ),
    "a11y.prepared_body": (
        "Esta declaração foi preparada em {date}, com base numa autoavaliação da equipa "
        "que faz estas páginas. Cada página é testada em todas as línguas com o axe-core no "
        "navegador Chromium, à largura de um telemóvel e também sem JavaScript, e "
        "verificada à mão: só com o teclado, com um leitor de ecrã e com o texto aumentado "
        "até 400%.",
        "This statement was prepared on {date}, from a self-assessment by the team that "
        "builds these pages. Each page is tested in every language with axe-core in the "
        "Chromium browser, at phone width and also without JavaScript, and checked by hand: "
        "with a keyboard alone, with a screen reader and with the text zoomed to 400%.",
        "Esta declaración se preparó el {date}, a partir de una autoevaluación del equipo "
        "que hace estas páginas. Cada página se prueba en todos los idiomas con axe-core en "
        "el navegador Chromium, al ancho de un móvil y también sin JavaScript, y se revisa a "
        "mano: solo con el teclado, con un lector de pantalla y con el texto ampliado al "
        "400 %.",
    ),
    "a11y.feedback_heading": (
        "Comunicar um problema ou pedir outro formato",
        "Report a problem or ask for another format",
        "Informar de un problema o pedir otro formato",
    ),
    "a11y.feedback_body": (
        "Se encontrar um problema nestas páginas, ou precisar de uma página em letra grande, "
        "áudio, leitura fácil ou outro formato, diga-nos qual é a página e o que precisa.",
        "If you find a problem on these pages, or need a page in large print, audio, easy "
        "read or another format, tell us which page it is and what you need.",
        "Si encuentra un problema en estas páginas, o necesita una página en letra grande, "
        "audio, lectura fácil u otro formato, díganos qué página es y qué necesita.",
    ),
    "a11y.feedback_form": (
        "Use o formulário para comunicar um problema",
        "Use the form to report a problem",
        "Use el formulario para informar de un problema",
    ),
    "a11y.feedback_write": (
        "Ou escreva para {operator}:",
        "Or write to {operator}:",
        "O escriba a {operator}:",
    ),
    "a11y.feedback_counter": (
        "Também pode pedir ajuda em qualquer balcão de atendimento.",
        "You can also ask for help at any service counter.",
        "También puede pedir ayuda en cualquier punto de atención.",
    ),
    "a11y.enforcement_heading": (
        "Se não ficar satisfeito com a resposta",
        "If you are not happy with our answer",
        "Si no queda satisfecho con la respuesta",
    ),
    "a11y.enforcement_body": (
        "Pode apresentar queixa ao organismo que, em {country}, acompanha e faz cumprir a "
        "acessibilidade dos sítios web do setor público, ao abrigo da Diretiva (UE) "
        "2016/2102 (o procedimento de execução). Um mediador em qualquer balcão de "
        "atendimento pode dizer-lhe como.",
        "You can complain to the body in {country} that monitors and enforces the "
        "accessibility of public sector websites under Directive (EU) 2016/2102 (the "
        "enforcement procedure). A mediator at any service counter can tell you how.",
        "Puede presentar una queja ante el organismo que, en {country}, supervisa y hace "
        "cumplir la accesibilidad de los sitios web del sector público, en virtud de la "
        "Directiva (UE) 2016/2102 (el procedimiento de aplicación). Un mediador en cualquier "
        "punto de atención puede decirle cómo.",
    ),
    "report.title": (
        "Comunicar um problema de acessibilidade",
        "Report an accessibility problem",
        "Informar de un problema de accesibilidad",
    ),
    "report.lead": (
        "Diga-nos o que não funcionou para si, ou em que formato precisa de uma página. Não "
        "precisa de ter um pedido aberto.",
        "Tell us what did not work for you, or which format you need a page in. You do not "
        "need to have a request open.",
        "Díganos qué no le funcionó, o en qué formato necesita una página. No necesita "
        "tener una solicitud abierta.",
    ),
    "report.wants_legend": ("O que precisa?", "What do you need?", "¿Qué necesita?"),
    "report.wants.problem": (
        "Comunicar um problema numa página",
        "Report a problem with a page",
        "Informar de un problema en una página",
    ),
    "report.wants.large_print": (
        "A página em letra grande",
        "The page in large print",
        "La página en letra grande",
    ),
    "report.wants.audio": ("A página em áudio", "The page as audio", "La página en audio"),
    "report.wants.easy_read": (
        "A página em leitura fácil",
        "The page in easy read",
        "La página en lectura fácil",
    ),
    "report.wants.other": (
        "A página noutro formato (diga qual)",
        "The page in another format (say which)",
        "La página en otro formato (diga cuál)",
    ),
    "report.page": (
        "A que página se refere?",
        "Which page is it about?",
        "¿A qué página se refiere?",
    ),
    "report.page_hint": (
        "Por exemplo, o título da página ou o que estava a tentar fazer. Não escreva a "
        "ligação do seu recibo.",
        "For example, the page's title or what you were trying to do. Do not write the "
        "link from your receipt.",
        "Por ejemplo, el título de la página o lo que intentaba hacer. No escriba el enlace "
        "de su recibo.",
    ),
    "report.problem": ("Conte-nos mais", "Tell us more", "Cuéntenos más"),
    "report.problem_hint": (
        "Descreva o problema, ou o formato de que precisa (para um problema ou outro "
        "formato, é necessário). Não escreva dados pessoais, como o número do cartão de "
        "cidadão.",
        "Describe the problem, or the format you need (needed for a problem or another "
        "format). Do not write personal details such as your ID card number.",
        "Describa el problema, o el formato que necesita (necesario para un problema u otro "
        "formato). No escriba datos personales, como el número de su documento de "
        "identidad.",
    ),
    "report.contact": (
        "Como lhe podemos responder?",
        "How can we answer you?",
        "¿Cómo podemos responderle?",
    ),
    "report.optional": ("(opcional)", "(optional)", "(opcional)"),
    "report.contact_hint": (
        "Um endereço de e-mail ou um número de telefone, só se quiser resposta. Usamo-lo "
        "apenas para responder a esta mensagem.",
        "An email address or a phone number, only if you want an answer. We use it only to "
        "answer this message.",
        "Una dirección de correo o un número de teléfono, solo si quiere respuesta. Lo "
        "usamos solo para responder a este mensaje.",
    ),
    "report.send": ("Enviar", "Send", "Enviar"),
    "report.error.wants": (
        "Escolha o que precisa.",
        "Choose what you need.",
        "Elija lo que necesita.",
    ),
    "report.error.page.missing": (
        "Diga-nos a que página se refere.",
        "Tell us which page it is about.",
        "Díganos a qué página se refiere.",
    ),
    "report.error.problem.missing": (
        "Conte-nos qual é o problema ou o formato de que precisa.",
        "Tell us what the problem is or which format you need.",
        "Cuéntenos cuál es el problema o qué formato necesita.",
    ),
    "report.error.too_long": (
        "Escreva no máximo {max} caracteres.",
        "Write at most {max} characters.",
        "Escriba como máximo {max} caracteres.",
    ),
    "report.sent_title": (
        "Recebemos a sua mensagem",
        "We have received your message",
        "Hemos recibido su mensaje",
    ),
    "report.sent_contact": (
        "Vamos responder-lhe pelo contacto que deixou.",
        "We will answer you using the contact you left.",
        "Le responderemos por el contacto que dejó.",
    ),
    "report.sent_no_contact": (
        "Não deixou contacto, por isso não lhe podemos responder. Se quiser resposta, envie "
        "outra mensagem com um contacto, ou pergunte num balcão de atendimento.",
        "You left no contact, so we cannot answer you. If you want an answer, send another "
        "message with a contact, or ask at a service counter.",
        "No dejó contacto, así que no podemos responderle. Si quiere respuesta, envíe otro "
        "mensaje con un contacto, o pregunte en un punto de atención.",
    ),
    "report.sent_thanks": (
        "Obrigado: ajuda-nos a melhorar estas páginas para todos.",
        "Thank you: it helps us make these pages better for everyone.",
        "Gracias: nos ayuda a mejorar estas páginas para todos.",
    ),
    "report.too_many_title": (
        "Recebemos muitas mensagens deste endereço",
        "We have had many messages from this address",
        "Hemos recibido muchos mensajes desde esta dirección",
    ),
    "report.too_many_body": (
        "Não guardámos esta. Tente outra vez daqui a {minutes} minutos, ou peça ajuda num "
        "balcão de atendimento.",
        "We have not kept this one. Try again in {minutes} minutes, or ask for help at a "
        "service counter.",
        "No hemos guardado este. Inténtelo otra vez dentro de {minutes} minutos, o pida "
        "ayuda en un punto de atención.",
    ),
}
