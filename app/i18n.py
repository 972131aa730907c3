"""UI texts in Portuguese, English and Spanish, and the translator screens use.

The operator's language drives the UI; the citizen's language (kept on the
journey) drives the receipt, the handoff and what is read out to them. Both can
change at any time. Texts live in ``app.texts``, one entry per key with all
three languages, so a missing translation is a test failure, not a blank.
"""

from __future__ import annotations

from typing import Final, Literal, cast, get_args

from app.texts import TEXTS

Lang = Literal["pt", "en", "es"]
LANGS: Final[tuple[Lang, ...]] = get_args(Lang)
_INDEX: Final = {"pt": 0, "en": 1, "es": 2}


def as_lang(value: str) -> Lang:
    """``value`` if it is a UI language, else English."""
    return cast(Lang, value) if value in _INDEX else "en"


def tr(lang: str, key: str, /, **values: object) -> str:
    """The text ``key`` in ``lang`` with ``{placeholders}`` filled.

    An unknown key shows as itself, so a slip is visible but never a crash.
    """
    entry = TEXTS.get(key)
    if entry is None:
        return key
    text = entry[_INDEX.get(lang, 1)]
    return text.format(**values) if values else text


def next_lang(current: str, offered: tuple[str, ...]) -> Lang:
    """The language after ``current`` among those the site offers (cycling)."""
    langs = [lang for lang in offered if lang in _INDEX] or list(LANGS)
    index = langs.index(current) if current in langs else -1
    return as_lang(langs[(index + 1) % len(langs)])
