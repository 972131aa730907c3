"""Every text of the citizen's pages: key -> (Portuguese, English, Spanish).

Each topic has its own module (``common``, ``entry``, ``journey``, ...); ``say``
finds a key in any of them. ``{name}`` marks a value filled in at run time.
Plain language: short sentences, no jargon, "you" for the citizen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sync.catalogue.model import Lang
from sync.central.web.texts import (
    accessibility,
    assistance,
    common,
    consent,
    documents,
    entry,
    journey,
    more,
    reads,
    steps,
    stop,
)

_INDEX: Final = {"pt": 0, "en": 1, "es": 2}


def _merge(*tables: Mapping[str, tuple[str, str, str]]) -> dict[str, tuple[str, str, str]]:
    merged: dict[str, tuple[str, str, str]] = {}
    for table in tables:
        for key, value in table.items():
            if key in merged:
                raise KeyError(f"text {key!r} is defined twice")
            merged[key] = value
    return merged


TEXTS: Final = _merge(
    common.TEXTS,
    entry.TEXTS,
    journey.TEXTS,
    steps.TEXTS,
    consent.TEXTS,
    reads.TEXTS,
    assistance.TEXTS,
    more.TEXTS,
    documents.TEXTS,
    accessibility.TEXTS,
    stop.TEXTS,
)
"""Every text, by key."""


def say(lang: Lang, key: str, **values: object) -> str:
    """The text ``key`` in ``lang`` with its ``{values}`` filled in.

    Raises:
        KeyError: no such text (a template's typo is found by the tests, not by a citizen).
    """
    text = TEXTS[key][_INDEX[lang]]
    return text.format(**values) if values else text
