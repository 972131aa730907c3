"""The receipt of a journey, in the citizen's language, built from its state and the catalogue."""

from __future__ import annotations

import datetime as dt

from app.i18n import as_lang, tr
from devices.printing.receipt import Receipt, ServiceLine
from sync.catalogue.dates import show_date
from sync.catalogue.model import Catalogue
from sync.domain.fold import JourneyState
from sync.domain.ids import format_reference
from sync.domain.notify import may_contact, parse_utc
from sync.domain.progress import anything_at_home, continues_at_home, journey_progress


def build_receipt(
    state: JourneyState,
    catalogue: Catalogue,
    *,
    site_name: str,
    issued_at: dt.datetime,
    language: str,
    url: str | None,
) -> Receipt:
    """What the citizen takes home: per service what is done, left and to bring; no personal data.

    Raises:
        ValueError: the journey has no reference yet.
    """
    if state.ref is None:
        raise ValueError("a journey without a reference has no receipt")
    lang = as_lang(language)
    lines: list[ServiceLine] = []
    for progress in journey_progress(state, catalogue):
        service = progress.service
        if progress.submitted:
            where = ""
        elif continues_at_home(state, progress):
            where = tr(lang, "receipt.at_home")
        else:
            where = tr(lang, "receipt.any_counter")
        lines.append(
            ServiceLine(
                service=service.name.get(lang),
                done=tuple(s.title.get(lang) for s in progress.done),
                todo=tuple(s.title.get(lang) for s in progress.left),
                bring=tuple(d.name.get(lang) for d in progress.to_bring),
                continue_at=where,
            )
        )
    return Receipt(
        site_name=site_name,
        issued_at=issued_at.astimezone().replace(tzinfo=None),
        journey_ref=format_reference(state.ref),
        language=lang,
        services=tuple(lines),
        handoff_url=url,
        at_home=anything_at_home(state, catalogue),
        reminders=_reminders(state, issued_at, lang),
    )


def _reminders(state: JourneyState, issued_at: dt.datetime, lang: str) -> tuple[str, ...]:
    """ "We will remind you on ..." for each reminder still to come, when the citizen
    agreed to messages."""
    if not may_contact(state):
        return ()
    return tuple(
        tr(lang, "receipt.reminder", date=show_date(parse_utc(r.at).astimezone().date().isoformat(),
                                                    lang), what=r.what)
        for r in sorted(state.reminders.values(), key=lambda r: r.at)
        if not r.cancelled and parse_utc(r.at) > issued_at
    )  # fmt: skip
