"""Checking a typed answer against its catalogue field; pure, ``today`` is an argument."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from sync.catalogue.dates import show_date
from sync.catalogue.model import LANGS, Field, Lang
from sync.errors import FieldInvalid

Value = str | int | float | bool | dict[str, Any]
"""A checked answer, ready for JSON: text, ISO date, number, choice value, yes/no,
address ``{street, postal_code, municipality}`` or document
``{document, checked, filename?}``."""

POSTAL_CODES = (re.compile(r"\b(\d{4})-(\d{3})\b"), re.compile(r"\b(\d{4}) ?(\d{3})\b"))
"""Valmora's postcodes are four digits, a hyphen and three digits: ``1000-001``; the
hyphen is looked for first, then the same digits typed without it."""

YES = frozenset({"yes", "y", "true", "1", "sim", "s", "si", "seen", "checked", "ok"})
NO = frozenset({"no", "n", "false", "0", "nao"})
DOCUMENT_EXTENSIONS = frozenset({"pdf", "jpg", "jpeg", "png", "heic", "tif", "tiff"})

MESSAGES: dict[str, dict[Lang, str]] = {
    "required": {
        "pt": "Preencha este campo.",
        "en": "Please fill in this field.",
        "es": "Rellene este campo.",
    },
    "too_short": {
        "pt": "Escreva pelo menos {min_length} caracteres.",
        "en": "Write at least {min_length} characters.",
        "es": "Escriba al menos {min_length} caracteres.",
    },
    "too_long": {
        "pt": "Escreva no máximo {max_length} caracteres.",
        "en": "Write at most {max_length} characters.",
        "es": "Escriba como máximo {max_length} caracteres.",
    },
    "pattern": {
        "pt": "O valor não tem o formato esperado.",
        "en": "This is not in the expected format.",
        "es": "El valor no tiene el formato esperado.",
    },
    "pattern_example": {
        "pt": "O valor não tem o formato esperado, por exemplo {example}.",
        "en": "This is not in the expected format, for example {example}.",
        "es": "El valor no tiene el formato esperado, por ejemplo {example}.",
    },
    "capitals": {
        "pt": "Escreva em maiúsculas: {capitals}.",
        "en": "Write it in capital letters: {capitals}.",
        "es": "Escríbalo en mayúsculas: {capitals}.",
    },
    "digits": {
        "pt": "Escreva {count} algarismos; escreveu {typed}.",
        "en": "Write {count} digits; you typed {typed}.",
        "es": "Escriba {count} cifras; ha escrito {typed}.",
    },
    "digits_others": {
        "pt": "Escreva {count} algarismos, sem letras nem sinais; escreveu {typed} algarismos.",
        "en": "Write {count} digits, no letters or signs; you typed {typed} digits.",
        "es": "Escriba {count} cifras, sin letras ni signos; ha escrito {typed} cifras.",
    },
    "whole_number_format": {
        "pt": "Escreva um número inteiro, por exemplo {example}.",
        "en": "Write a whole number, for example {example}.",
        "es": "Escriba un número entero, por ejemplo {example}.",
    },
    "date_format": {
        "pt": "Escreva a data como dia/mês/ano, por exemplo 31/12/1980.",
        "en": "Write the date as day/month/year, for example 31/12/1980.",
        "es": "Escriba la fecha como día/mes/año, por ejemplo 31/12/1980.",
    },
    "date_invalid": {
        "pt": "Esta data não existe.",
        "en": "This date does not exist.",
        "es": "Esta fecha no existe.",
    },
    "date_after_today": {
        "pt": "A data não pode ser posterior a hoje ({today}).",
        "en": "The date cannot be later than today ({today}).",
        "es": "La fecha no puede ser posterior a hoy ({today}).",
    },
    "date_before_today": {
        "pt": "A data não pode ser anterior a hoje ({today}).",
        "en": "The date cannot be earlier than today ({today}).",
        "es": "La fecha no puede ser anterior a hoy ({today}).",
    },
    "number_format": {
        "pt": "Escreva um número, por exemplo 1250 ou 1250,50.",
        "en": "Write a number, for example 1250 or 1250.50.",
        "es": "Escriba un número, por ejemplo 1250 o 1250,50.",
    },
    "number_ambiguous": {
        "pt": "Não é claro se {raw} tem casas decimais; escreva sem separador de milhares.",
        "en": "It is unclear whether {raw} has decimals; write it without a thousands separator.",
        "es": "No está claro si {raw} tiene decimales; escríbalo sin separador de miles.",
    },
    "number_integer": {
        "pt": "Escreva um número inteiro.",
        "en": "Write a whole number.",
        "es": "Escriba un número entero.",
    },
    "number_too_small": {
        "pt": "O valor mínimo é {min}.",
        "en": "The smallest allowed value is {min}.",
        "es": "El valor mínimo es {min}.",
    },
    "number_too_large": {
        "pt": "O valor máximo é {max}.",
        "en": "The largest allowed value is {max}.",
        "es": "El valor máximo es {max}.",
    },
    "year_after_this_year": {
        "pt": "O ano não pode ser posterior a {year}.",
        "en": "The year cannot be later than {year}.",
        "es": "El año no puede ser posterior a {year}.",
    },
    "choice_unknown": {
        "pt": "Escolha uma destas opções: {options}.",
        "en": "Choose one of: {options}.",
        "es": "Elija una de estas opciones: {options}.",
    },
    "yesno": {
        "pt": "Responda sim ou não.",
        "en": "Answer yes or no.",
        "es": "Responda sí o no.",
    },
    "address_postal_code": {
        "pt": "Indique o código postal, por exemplo 1000-001.",
        "en": "Include the postcode, for example 1000-001.",
        "es": "Indique el código postal, por ejemplo 1000-001.",
    },
    "address_street": {
        "pt": "Indique a rua e o número antes do código postal.",
        "en": "Give the street and number before the postcode.",
        "es": "Indique la calle y el número antes del código postal.",
    },
    "address_municipality": {
        "pt": "Indique a localidade depois do código postal.",
        "en": "Give the town after the postcode.",
        "es": "Indique la localidad después del código postal.",
    },
    "document": {
        "pt": "Marque o documento como visto ou indique o nome do ficheiro (PDF, JPG ou PNG).",
        "en": "Mark the document as seen, or give the file name (PDF, JPG or PNG).",
        "es": "Marque el documento como visto o indique el nombre del archivo (PDF, JPG o PNG).",
    },
}
"""Every message ``validate_value`` may give, per language; ``{name}`` is a parameter."""


def validate_value(field: Field, raw: str, today: date) -> Value:
    """Check and normalise an answer typed for ``field``.

    An empty answer is ``required``; whether the field may be left empty is the
    step's business (``Step.is_required``), so callers skip empty optional answers.

    Args:
        field: The catalogue field asked.
        raw: What was typed (surrounding blanks are ignored).
        today: The local date, for ``not_after_today``, ``not_before_today`` and
            ``not_after_this_year``.

    Returns:
        The JSON-ready value: ``str`` for text, an ISO date, the choice's value;
        ``int`` or ``float`` for numbers; ``bool`` for yes/no; a dict for an address
        (``street``, ``postal_code``, ``municipality``) or a document
        (``document``, ``checked``, and ``filename`` when uploaded).

    Raises:
        FieldInvalid: The answer does not fit; carries a message id, its parameters
            and the message in pt, en and es.
    """
    text = raw.strip()
    if not text:
        raise _invalid(field, "required")
    if field.type == "text":
        return _text(field, text)
    if field.type == "date":
        return _date(field, text, today)
    if field.type == "number":
        return _number(field, text, today)
    if field.type == "choice":
        return _choice(field, text)
    if field.type == "yesno":
        return _yesno(field, text)
    if field.type == "address":
        return _address(field, text)
    return _document(field, text)


def fold(text: str) -> str:
    """``text`` without accents or case, for forgiving comparisons (NFKD fold)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _invalid(field: Field, code: str, **params: str | int | float) -> FieldInvalid:
    messages: dict[str, str] = {}
    for lang in LANGS:
        shown = {name: _show(value, lang) for name, value in params.items()}
        if code == "choice_unknown":
            shown["options"] = ", ".join(option.label.get(lang) for option in field.options)
        messages[lang] = MESSAGES[code][lang].format(**shown)
    return FieldInvalid(field.key, code, dict(params), messages)


def _show(value: str | int | float, lang: Lang) -> str:
    """A parameter as the reader of ``lang`` writes it (dates and decimal commas)."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return show_date(value, lang)
    if isinstance(value, float):
        shown = f"{value:g}"
        return shown if lang == "en" else shown.replace(".", ",")
    return str(value)


def _text(field: Field, text: str) -> str:
    if field.min_length is not None and len(text) < field.min_length:
        raise _invalid(field, "too_short", min_length=field.min_length)
    if field.max_length is not None and len(text) > field.max_length:
        raise _invalid(field, "too_long", max_length=field.max_length)
    if field.pattern is not None and not re.fullmatch(field.pattern, text):
        digits = _DIGITS_ONLY.fullmatch(field.pattern)
        if digits is not None:  # say what is expected, and what was typed
            typed = sum(c.isdigit() for c in text)
            others = len(text) - typed
            raise _invalid(
                field,
                "digits_others" if others else "digits",
                count=int(digits.group(1)),
                typed=typed,
            )
        if re.fullmatch(field.pattern, text.upper()):  # right but for the case: say so
            raise _invalid(field, "capitals", capitals=text.upper())
        if field.example is not None:
            raise _invalid(field, "pattern_example", example=field.example)
        raise _invalid(field, "pattern")
    return text


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def _date(field: Field, text: str, today: date) -> str:
    if match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DMY.match(text):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise _invalid(field, "date_format")
    try:
        value = date(year, month, day)
    except ValueError:
        raise _invalid(field, "date_invalid") from None
    if field.not_after_today and value > today:
        raise _invalid(field, "date_after_today", today=today.isoformat())
    if field.not_before_today and value < today:
        raise _invalid(field, "date_before_today", today=today.isoformat())
    return value.isoformat()


_DIGITS_ONLY = re.compile(r"^\^?(?:\[0-9\]|\\d)\{(\d+)\}\$?$")
"""A pattern of exactly N digits (``^[0-9]{11}$``), whose message can say so."""

_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}([.,])\d{3}$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}([.,])\d{3}(\1\d{3})+$")


def _number(field: Field, text: str, today: date) -> int | float:
    compact = re.sub(r"[\s\u00a0\u202f'_]", "", text).removesuffix("€")
    if _GROUPED.match(compact):
        # "1.500" or "1,500": a thousands separator or a decimal mark, depending on who typed it
        raise _invalid(field, "number_ambiguous", raw=compact)
    if _THOUSANDS.match(compact):
        compact = re.sub(r"[.,]", "", compact)
    elif "," in compact and "." in compact:
        thousands, decimal = (".", ",") if compact.rfind(",") > compact.rfind(".") else (",", ".")
        compact = compact.replace(thousands, "").replace(decimal, ".")
    else:
        compact = compact.replace(",", ".")
    if not _PLAIN_NUMBER.match(compact):
        if field.integer:  # an example that fits the field: no 1250.50 for a household
            low = field.min if field.min is not None else 1
            example = int(min(max(low, 3), field.max if field.max is not None else 3))
            raise _invalid(field, "whole_number_format", example=example)
        raise _invalid(field, "number_format")
    value: int | float = float(compact) if "." in compact else int(compact)
    if field.integer:
        if isinstance(value, float) and not value.is_integer():
            raise _invalid(field, "number_integer")
        value = int(value)
    if field.min is not None and value < field.min:
        raise _invalid(field, "number_too_small", min=field.min)
    if field.max is not None and value > field.max:
        raise _invalid(field, "number_too_large", max=field.max)
    if field.not_after_this_year and value > today.year:
        raise _invalid(field, "year_after_this_year", year=today.year)
    return value


def _choice(field: Field, text: str) -> str:
    wanted = fold(text)
    for option in field.options:
        if wanted == fold(option.value) or any(
            wanted == fold(label) for _, label in option.label.items()
        ):
            return option.value
    raise _invalid(field, "choice_unknown")


def _yesno(field: Field, text: str) -> bool:
    answer = fold(text).rstrip(".!")
    if answer in YES:
        return True
    if answer in NO:
        return False
    raise _invalid(field, "yesno")


def _address(field: Field, text: str) -> dict[str, Any]:
    lines = [part.strip() for part in re.split(r"[\n,;]", text) if part.strip()]
    found = [
        (index, match)
        for pattern in POSTAL_CODES
        for index, line in enumerate(lines)
        if (match := pattern.search(line)) is not None
    ]
    for index, match in found[:1]:
        line = lines[index]
        before = [*lines[:index], line[: match.start()].strip()]
        after = [line[match.end() :].strip(), *lines[index + 1 :]]
        street = ", ".join(part for part in before if part)
        municipality = ", ".join(part for part in after if part)
        if not street:
            raise _invalid(field, "address_street")
        if not municipality:
            raise _invalid(field, "address_municipality")
        return {
            "street": street,
            "postal_code": f"{match.group(1)}-{match.group(2)}",
            "municipality": municipality,
        }
    raise _invalid(field, "address_postal_code")


def _document(field: Field, text: str) -> dict[str, Any]:
    answer = fold(text).rstrip(".!")
    if answer in YES:
        return {"document": field.document, "checked": True}
    if answer in NO:
        return {"document": field.document, "checked": False}
    name = text.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension in DOCUMENT_EXTENSIONS and len(name) <= 255 and not name.startswith("."):
        return {"document": field.document, "checked": False, "filename": name}
    raise _invalid(field, "document")
