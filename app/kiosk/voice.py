"""Reading a screen aloud through espeak-ng, in the citizen's language, to the headphone jack.

``EspeakSpeaker.say`` blocks until the sentence is spoken (call it from a worker);
``synthesize`` writes the same speech to a WAV file instead (for tests and
checks). ``SilentSpeaker`` only remembers what it was asked to say (``[kiosk]
speech = "off"``, and the Pilot tests).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Final, Protocol

VOICES: Final = {"pt": "pt", "en": "en-gb", "es": "es"}
"""espeak-ng's voice for each language of the kiosk."""
WORDS_PER_MINUTE: Final = 150
"""A little slower than espeak-ng's 175: many of the kiosk's citizens need it."""
TIMEOUT: Final = 60.0
"""Seconds a sentence may take before it is cut off."""


class SpeechFailed(OSError):
    """espeak-ng is missing or failed (an ``OSError``: a worker reports it, not a bug)."""

    title = "Listen"


class Speaker(Protocol):
    """Reads a text aloud."""

    def say(self, text: str, lang: str) -> None:
        """Speak ``text`` in ``lang``; blocks until done.

        Raises:
            SpeechFailed: nothing could be spoken.
        """
        ...


def _command(text: str, lang: str, wav: Path | None) -> list[str]:
    binary = shutil.which("espeak-ng")
    if binary is None:
        raise SpeechFailed("espeak-ng is not installed")
    command = [binary, "-v", VOICES.get(lang, "en-gb"), "-s", str(WORDS_PER_MINUTE)]
    if wav is not None:
        command += ["-w", str(wav)]
    return [*command, "--", text]


def _run(command: list[str]) -> None:
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        raise SpeechFailed(f"espeak-ng failed: {exc}") from exc


def synthesize(text: str, lang: str, wav: Path) -> None:
    """Write ``text`` spoken in ``lang`` to the WAV file ``wav``.

    Raises:
        SpeechFailed: espeak-ng is missing or failed.
    """
    _run(_command(text, lang, wav))


class EspeakSpeaker:
    """Speaks through espeak-ng to the default audio output."""

    def say(self, text: str, lang: str) -> None:
        """Speak ``text`` in ``lang``; blocks until done."""
        _run(_command(text, lang, None))


class SilentSpeaker:
    """Speaks nothing; remembers the last text (the spoken text holds no personal data)."""

    def __init__(self) -> None:
        self.last: tuple[str, str] | None = None

    def say(self, text: str, lang: str) -> None:
        """Remember ``(text, lang)``."""
        self.last = (text, lang)
