"""What the "listen" button reads aloud: a screen's heading, question and choices, never
the citizen's personal data.

Screens say what to read as a ``Speech`` built from their texts and the
catalogue's titles, never from what the citizen typed or their card gave;
``spoken_text`` then drops, as a second guard, every part that holds one of the
journey's personal values (name, birth date, national number, reference,
answers). It is pure, so a test can hold it to that.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MIN_PERSONAL = 3
"""Personal values shorter than this are not looked for (a "2" would drop every number)."""


@dataclass(frozen=True, slots=True)
class Speech:
    """What one screen reads aloud.

    Attributes:
        heading: The screen's title.
        question: What it asks or says.
        choices: The labels of what can be done there.
    """

    heading: str
    question: str = ""
    choices: tuple[str, ...] = ()


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[▶◀✓☑☐⌫⇧]", " ", text)).strip()


def _squash(text: str) -> str:
    return re.sub(r"[\s\-./]", "", text).casefold()


def spoken_text(speech: Speech, personal: Iterable[str] = ()) -> str:
    """The sentences to speak for ``speech``, without any part holding a personal value.

    Args:
        speech: The screen's heading, question and choices.
        personal: The citizen's personal values (name, birth date, numbers, reference);
            a part that holds one, ignoring case, blanks and separators, is not spoken.
    """
    secrets = [_squash(value) for value in personal if len(_squash(value)) >= MIN_PERSONAL]
    parts = [speech.heading, speech.question, *speech.choices]
    kept: list[str] = []
    for part in parts:
        plain = _plain(part)
        if plain and not any(secret in _squash(plain) for secret in secrets):
            kept.append(plain if plain.endswith((".", "?", "!", ":")) else plain + ".")
    return " ".join(kept)


def personal_values(values: Iterable[object]) -> list[str]:
    """Every text in ``values`` and in the dicts and lists inside them (answers, addresses)."""
    found: list[str] = []
    for value in values:
        if isinstance(value, dict):
            found.extend(personal_values(value.values()))
        elif isinstance(value, list | tuple):
            found.extend(personal_values(value))
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            found.append(str(value))
    return found
