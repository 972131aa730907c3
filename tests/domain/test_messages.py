"""A status in a message is said in the citizen's language, never as the agency's raw code."""

from __future__ import annotations

import pytest

from sync.domain.messages import About, compose, status_in_words


@pytest.mark.parametrize(
    ("code", "language", "words"),
    [
        ("accepted", "pt", "aceite"),
        ("accepted", "es", "aceptada"),
        ("accepted", "en", "accepted"),
        ("APPROVED", "es", "aceptada"),
        ("in_progress", "pt", "em análise"),
        ("In progress", "es", "en trámite"),
        ("in-progress", "en", "being processed"),
        ("em análise", "en", "being processed"),
        ("needs_info", "pt", "faltam dados ou documentos"),
        ("ready_for_collection", "es", "lista para recoger"),
        ("rejected", "en", "not accepted"),
        ("Rechazada", "pt", "recusado"),
        ("cancelled", "es", "cancelada"),
        ("completed", "pt", "concluído"),
    ],
)
def test_a_known_status_code_is_said_in_the_citizens_words(
    code: str, language: str, words: str
) -> None:
    assert status_in_words(code, language) == words


@pytest.mark.parametrize(("language", "words"), [("pt", "atualizado"), ("en", "updated"),
                                                 ("es", "actualizada")])  # fmt: skip
def test_an_unknown_code_is_said_as_updated_never_as_written(language: str, words: str) -> None:
    assert status_in_words("ZX-17_WAITING_QA", language) == words


@pytest.mark.parametrize(
    ("language", "said", "raw"),
    [("pt", "em análise", "in_progress"), ("es", "en trámite", "in_progress"),
     ("en", "being processed", "in_progress"), ("es", "actualizada", "XQ_042")],
)  # fmt: skip
def test_a_status_message_says_the_status_in_the_citizens_language(
    language: str, said: str, raw: str
) -> None:
    about = About("status", "K7Q4M2XP9", service="Registo de nascimento", status=raw)
    for channel in ("email", "sms"):
        text = compose(about, language, channel)  # type: ignore[arg-type]
        assert said in text.body
        assert raw not in text.body
