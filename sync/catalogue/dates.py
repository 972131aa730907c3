"""Dates as a citizen or a mediator writes them: day/month/year in every language of the
network (pt, en and es alike), the way the date fields read them back and their messages
ask for ("day/month/year, for example 31/12/1980"). Stored dates stay ISO."""

from __future__ import annotations

from datetime import date


def show_date(iso: str, lang: str) -> str:
    """An ISO date as the reader of ``lang`` writes it (31/12/1980); anything that is not
    an ISO date comes back as it is."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return written(day, lang)


def written(day: date, lang: str) -> str:
    """``day`` as the reader of ``lang`` writes it: day/month/year."""
    del lang  # every language of the network writes day/month/year
    return day.strftime("%d/%m/%Y")


def show_partial_date(known: str, lang: str) -> str:
    """What a card gives of a date (``1979`` or ``1979-05``) as the reader of ``lang``
    writes it: ``1979``, ``05/1979``."""
    del lang  # every language of the network writes day/month/year
    return "/".join(reversed(known.split("-")))
