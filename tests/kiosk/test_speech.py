""" "Listen" speaks a screen's heading, question and choices through espeak-ng in pt, en and
es, and never the citizen's personal data (``app.kiosk.speech.spoken_text`` is pure)."""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

import pytest

from app.kiosk.speech import Speech, personal_values, spoken_text
from app.kiosk.texts import say
from app.kiosk.voice import SilentSpeaker, synthesize
from sync.store.store import LocalStore
from tests.app.conftest import settle
from tests.kiosk.conftest import SIZE, KioskFactory, seed_kiosk_journey, tap

MARIE = ["Marie Élise Peeters", "1987-03-07", "87030712345", "GEG0V686Q", "GEG-0V6-86Q"]


def test_a_part_holding_personal_data_is_not_spoken() -> None:
    speech = Speech(
        "Is it you? Marie Élise Peeters",
        "Tell us your date of birth.",
        ("Confirm", "born 07/03/1987 ", "ref geg-0v6-86q", "nn 87.03.07-123.45"),
    )
    text = spoken_text(speech, [*MARIE, "1987-03-07", "07/03/1987", "87.03.07-123.45"])
    assert text == "Tell us your date of birth. Confirm."
    assert spoken_text(Speech("Welcome", "", ("◀ Back", "Next ▶"))) == "Welcome. Back. Next."
    assert personal_values([{"street": "Rua Nova 5"}, 3, True, ["x"]]) == ["Rua Nova 5", "3", "x"]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
@pytest.mark.parametrize("lang", ["pt", "en", "es"])
def test_espeak_speaks_a_screen_in_each_language(lang: str, tmp_path: Path) -> None:
    speech = Speech(
        say(lang, "birth.title"),
        say(lang, "birth.question"),
        (say(lang, "birth.confirm"), say(lang, "nav.back"), "Marie Élise Peeters"),
    )
    text = spoken_text(speech, MARIE)
    for value in MARIE:
        assert value.casefold() not in text.casefold()
    wav = tmp_path / f"{lang}.wav"
    synthesize(text, lang, wav)
    with wave.open(str(wav)) as sound:
        seconds = sound.getnframes() / sound.getframerate()
        frames = sound.readframes(sound.getnframes())
    assert seconds > 0.5
    assert any(frames[i] not in (0, 255) for i in range(0, len(frames), 97))  # not silence


@pytest.mark.anyio
async def test_the_listen_button_speaks_the_screen_without_the_journey(
    make_kiosk: KioskFactory, store: LocalStore
) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        journey_id = seed_kiosk_journey(app)
        app.session.choose_language("es")
        app.session.journey_id = journey_id
        await tap(pilot, "#bar-listen")
        speaker = app.session.speaker
        assert isinstance(speaker, SilentSpeaker) and speaker.last is not None
        text, lang = speaker.last
        assert lang == "es" and "Toque la pantalla para empezar." in text
        state = store.journey(journey_id)
        assert state.citizen is not None
        for value in (state.citizen.name, state.ref or "", "12345678901", "Rua Nova 5"):
            assert value not in text
        await pilot.press("f1")
        await settle(pilot)
