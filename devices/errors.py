"""The exception tree of the ``devices`` package.

- ``DeviceError``: base; ``title`` is a short heading a mediator understands.

Card and printer errors subclass it in ``devices.cards.errors`` and
``devices.printing.errors``.
"""

from __future__ import annotations


class DeviceError(Exception):
    """Base of every error raised by the ``devices`` package."""

    title = "Device error"
