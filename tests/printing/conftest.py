"""Shared receipts for the printing tests."""

from __future__ import annotations

from datetime import datetime

import pytest

from devices.printing.receipt import Receipt, ServiceLine
from devices.printing.texts import Language

HANDOFF_URL = "https://continuar.example.gov.pt/c/q3Vb9Kx2LmP8rT4wYz1nGAh7Rk2Wd5Xe"
"""A handoff link as a receipt prints it, its token as long as a real one (32 characters)."""

SERVICES: dict[Language, tuple[ServiceLine, ...]] = {
    "pt": (
        ServiceLine(
            "Renovação da autorização de residência",
            done=("Formulário preenchido", "Documentos de identificação verificados"),
            todo=("Pagar a taxa de renovação", "Recolha de dados biométricos"),
            bring=("Passaporte válido", "Fotografia recente a cores"),
            continue_at="Em casa, ou na Loja do Cidadão de Laranjeiras",
        ),
        ServiceLine("Alteração de morada", done=("Pedido submetido",)),
    ),
    "en": (
        ServiceLine(
            "Residence permit renewal",
            done=("Form filled in", "Identity documents checked"),
            todo=("Pay the renewal fee", "Biometric data capture"),
            bring=("Valid passport", "Recent colour photograph"),
            continue_at="At home, or at the Laranjeiras citizen spot",
        ),
        ServiceLine("Change of address", done=("Request submitted",)),
    ),
    "es": (
        ServiceLine(
            "Renovación del permiso de residencia",
            done=("Formulario cumplimentado", "Documentos de identidad revisados"),
            todo=("Pagar la tasa de renovación", "Toma de datos biométricos"),
            bring=("Pasaporte válido", "Fotografía reciente en color"),
            continue_at="En casa, o en la oficina de atención de Laranjeiras",
        ),
        ServiceLine("Cambio de domicilio", done=("Solicitud presentada",)),
    ),
}


def make_receipt(language: Language = "en", *, handoff_url: str | None = HANDOFF_URL) -> Receipt:
    """Return a two-service receipt in a language."""
    return Receipt(
        site_name="Loja do Cidadão Laranjeiras",
        issued_at=datetime(2025, 3, 14, 10, 42),
        journey_ref="K7Q-4M2-XP9",
        language=language,
        services=SERVICES[language],
        handoff_url=handoff_url,
    )


@pytest.fixture
def receipt() -> Receipt:
    """An English receipt with a handoff URL."""
    return make_receipt("en")
