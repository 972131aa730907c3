"""A citizen asking for a person from where they are: what ``assistance.requested`` records,
and how they will be answered.

The request names the screen the citizen was on and, when they were on one, the
service and the step (``sync.domain.events``), so the mediator who sees it knows
where they stopped. A service that is not the journey's, or a step that is not the
service's, makes no request (a stale or forged form). The citizen is contacted
only when they gave the ``contact`` consent; otherwise they are told to come to a
counter, where the mediator sees the request with the journey.
"""

from __future__ import annotations

import re
from typing import Final, Literal

from sync.catalogue.model import Catalogue
from sync.domain.consent import allows_contact
from sync.domain.drafts import Draft
from sync.domain.fold import JourneyState

Answer = Literal["contact", "visit"]
"""How a request for help is answered: the citizen is contacted, or comes to a counter."""

_SCREEN: Final = re.compile(r"^[a-z][a-z0-9-]{0,31}$")


def help_asked(
    state: JourneyState,
    catalogue: Catalogue,
    *,
    screen: str,
    service: str | None = None,
    step: str | None = None,
) -> Draft | None:
    """The ``assistance.requested`` draft for help asked on ``screen``, or None.

    Args:
        screen: The screen's short name (``journey``, ``step``, ...).
        service: The service the citizen was on, if any: one of the journey's.
        step: The step the citizen was on, if any: one of ``service``'s.

    Returns:
        None when the screen's name is not one, the service is not the journey's or
        the catalogue's, or the step is given without its service or is not one of it.
    """
    if not _SCREEN.match(screen):
        return None
    data: dict[str, str] = {"screen": screen}
    if service is not None:
        found = catalogue.services.get(service)
        if found is None or service not in state.services:
            return None
        data["service"] = service
    if step is not None:
        if service is None or step not in {s.id for s in catalogue.services[service].steps}:
            return None
        data["step"] = step
    return "assistance.requested", data


def answered_by(state: JourneyState) -> Answer:
    """How the citizen's request for help will be answered."""
    return "contact" if allows_contact(state) else "visit"
