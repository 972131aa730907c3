"""A large, made-up catalogue for benchmarks and tests, reproducible from a seed."""

from __future__ import annotations

import random
from typing import Any

from sync.catalogue.loader import build_catalogue
from sync.catalogue.model import FIELD_TYPES, LANGS, Catalogue

_SYLLABLES = {
    "pt": [
        "ca",
        "ção",
        "de",
        "li",
        "ma",
        "ré",
        "vo",
        "ta",
        "pe",
        "ni",
        "lu",
        "sa",
        "gem",
        "ção",
        "to",
        "bra",
        "fé",
        "mu",
        "ri",
        "ção",
        "ás",
        "ol",
    ],
    "en": [
        "ta",
        "ber",
        "on",
        "ing",
        "li",
        "mar",
        "vo",
        "ter",
        "ex",
        "port",
        "ham",
        "ly",
        "ness",
        "sto",
        "ren",
        "dal",
        "wick",
        "ford",
    ],
    "es": [
        "ca",
        "ción",
        "de",
        "li",
        "ma",
        "ré",
        "vo",
        "ta",
        "pe",
        "ni",
        "lu",
        "sa",
        "ñe",
        "ro",
        "ción",
        "to",
        "bra",
        "fé",
        "mu",
        "rí",
        "ál",
        "ol",
    ],
}
_CHANNEL_SETS = (
    ["counter", "van", "kiosk", "web"],
    ["counter", "van"],
    ["counter", "van", "web"],
    ["counter"],
)


def _word(rng: random.Random, lang: str) -> str:
    return "".join(rng.choice(_SYLLABLES[lang]) for _ in range(rng.randint(2, 4)))


def _phrase(rng: random.Random, lang: str, low: int, high: int) -> str:
    return " ".join(_word(rng, lang) for _ in range(rng.randint(low, high))).capitalize()


def _text(rng: random.Random, low: int = 2, high: int = 4) -> dict[str, str]:
    return {lang: _phrase(rng, lang, low, high) for lang in LANGS}


def _field(rng: random.Random, kind: str) -> dict[str, Any]:
    field: dict[str, Any] = {"type": kind, "label": _text(rng)}
    if kind == "text":
        field |= {"min_length": 1, "max_length": 120}
    elif kind == "number":
        field |= {"min": 0, "max": 10_000, "integer": rng.random() < 0.5}
    elif kind == "date":
        field["not_after_today"] = True
    elif kind == "choice":
        field["options"] = [{"value": f"option-{i}", "label": _text(rng, 1, 2)} for i in range(3)]
    elif kind == "document":
        field["document"] = "doc-0"
    return field


def synthetic_catalogue(n_services: int, seed: int = 0) -> Catalogue:
    """A checked catalogue of ``n_services`` made-up services in pt, en and es.

    Built through the same checks as the TOML loader, with about 50 services per
    agency, 200 shared fields, 20 documents and 12 circumstances.

    Args:
        n_services: How many services to make.
        seed: The random seed; the same seed gives the same catalogue.

    Returns:
        The catalogue.
    """
    rng = random.Random(seed)
    circumstances = {f"circ-{i}": {"name": _text(rng)} for i in range(12)}
    documents = {f"doc-{i}": {"name": _text(rng)} for i in range(20)}
    fields = {
        f"ns{i % 10}.field_{i}": _field(rng, FIELD_TYPES[i % len(FIELD_TYPES)]) for i in range(200)
    }
    keys = list(fields)
    tables: list[tuple[str, dict[str, Any]]] = [
        (
            "catalogue.toml",
            {
                "catalogue": {
                    "country": {lang: "Valmora" for lang in LANGS},
                    "currency": "EUR",
                    "version": f"synthetic-{seed}",
                },
                "circumstances": circumstances,
                "documents": documents,
                "fields": fields,
            },
        )
    ]
    n_agencies = max(1, n_services // 50)
    for a in range(n_agencies):
        agency_id = f"agency-{a}"
        services = []
        for s in range(a, n_services, n_agencies):
            asked = rng.sample(keys, rng.randint(1, 12))
            cut = sorted(rng.sample(range(1, len(asked)), min(3, len(asked) - 1)))
            groups = [asked[i:j] for i, j in zip([0, *cut], [*cut, len(asked)], strict=True)]
            services.append(
                {
                    "id": f"{agency_id}.service-{s}",
                    "name": _text(rng, 2, 4),
                    "summary": _text(rng, 8, 15),
                    "keywords": {lang: [_word(rng, lang) for _ in range(3)] for lang in LANGS},
                    "circumstances": rng.sample(list(circumstances), rng.randint(0, 2)),
                    "fee_cents": rng.choice([0, 0, 500, 1500, 3000]),
                    "expected_days": rng.randint(0, 30),
                    "documents": rng.sample(list(documents), rng.randint(0, 3)),
                    "steps": [
                        {
                            "id": f"step-{g}",
                            "title": _text(rng),
                            "channels": rng.choice(_CHANNEL_SETS),
                            "fields": group,
                        }
                        for g, group in enumerate(groups)
                    ],
                }
            )
        tables.append(
            (
                f"{agency_id}.toml",
                {
                    "agency": {"id": agency_id, "name": _text(rng), "short": _text(rng, 1, 1)},
                    "services": services,
                },
            )
        )
    return build_catalogue(tables)
