"""What was read from a card (or typed), and from where."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from app.session import session_of
from app.values import show_address
from app.widgets.tones import toned
from sync.catalogue.dates import show_date
from sync.domain.identity import Identity


class IdentityCard(Static):
    """Shows an identity with its source; empty until ``show`` is called."""

    DEFAULT_CLASSES = "identity-card"

    def show(self, identity: Identity | None) -> None:
        """Display ``identity`` (None clears)."""
        app = session_of(self)
        if identity is None:
            self.update(Text(app.t("identify.nothing_read"), style="dim italic"))
            return
        table = Table.grid(padding=(0, 2))
        table.add_column(style="dim")
        table.add_column()
        rows = [
            ("field.name", identity.name),
            ("field.birth_date", show_date(identity.birth_date, app.ui_language)),
            ("field.national_number", identity.national_number),
            ("field.nationality", identity.nationality),
            ("field.address", show_address(identity.address) if identity.address else ""),
            ("field.card_number", identity.card_number),
        ]
        for key, value in rows:
            if value:
                table.add_row(app.t(key), value)
        source = app.t("identify.read_from", source=identity.read_from)
        if identity.method != "card":
            source = app.t("identify.typed")
        table.add_row(app.t("identify.source"), toned(self, source, "note"))
        self.update(table)
