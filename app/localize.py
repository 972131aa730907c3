"""Footer and help texts of key bindings in the operator's language.

Bindings are declared with a text key as their description (``key.help``);
``localize_bindings`` rewrites a node's bindings with the translated texts.
"""

from __future__ import annotations

import dataclasses

from textual.dom import DOMNode

from app.i18n import tr

TEXTUAL_KEYS: dict[str, str] = {
    "Focus Next": "key.focus_next",
    "Focus Previous": "key.focus_previous",
    "Copy selected text": "key.copy",
}
"""Textual's own binding descriptions (in English) and the text key of each."""


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Give every binding of ``node`` its description in ``lang``.

    The footer is told only when a description changed: it rebuilds all its keys
    each time it is told, which a screen being mounted would otherwise pay twice.
    """
    stash: dict[tuple[str, str], str] = node.__dict__.setdefault("_binding_text_keys", {})
    changed = False
    for key, bindings in list(node._bindings.key_to_bindings.items()):
        translated = []
        for binding in bindings:
            text_key = stash.setdefault((binding.key, binding.action), binding.description)
            text_key = TEXTUAL_KEYS.get(text_key, text_key)
            description = tr(lang, text_key) if text_key.startswith("key.") else text_key
            changed = changed or description != binding.description
            translated.append(dataclasses.replace(binding, description=description))
        node._bindings.key_to_bindings[key] = translated
    if changed:
        node.refresh_bindings()


def binding_text_key(node: DOMNode, key: str, action: str) -> str | None:
    """The text key a binding was declared with (for the help screen)."""
    stash: dict[tuple[str, str], str] = node.__dict__.get("_binding_text_keys", {})
    return stash.get((key, action))
