"""What the desk's calls return to the screens: small frozen values, no behaviour.

Widgets and messages import these rather than the desk, which does the work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from devices.printing.queue import DrainResult


@dataclass(frozen=True, slots=True)
class Found:
    """What typing or scanning something on home found.

    Attributes:
        journey_id: The journey, when found.
        problem: A text key saying why not (``home.not_found``, ...).
        via: ``reference`` or ``handoff``.
        link_hash: The token hash of a scanned link that matches no journey here: what
            the central store can be asked by (the token itself stays on this machine).
        matches: The journeys a name typed matches, when it is not just one.
    """

    journey_id: str | None
    problem: str | None = None
    via: str = "reference"
    link_hash: str | None = None
    matches: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class Handoff:
    """A handoff just issued; the token lives only here, on screen and on paper."""

    handoff_id: str
    url: str
    expires: str


@dataclass(frozen=True, slots=True)
class Earlier:
    """An answer known from another journey of the same citizen."""

    value: Any
    journey_id: str
    ref: str


@dataclass(frozen=True, slots=True)
class Printed:
    """The outcome of a print attempt."""

    result: DrainResult
    printer: str
