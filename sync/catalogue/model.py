"""The typed, frozen service catalogue: agencies, services, steps, fields and documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from types import MappingProxyType
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, StrictBool, StrictFloat, StrictInt, StrictStr
from pydantic import Field as Spec

Lang = Literal["pt", "en", "es"]
"""A language every catalogue text is written in."""

LANGS: tuple[Lang, ...] = ("pt", "en", "es")

FieldType = Literal["text", "date", "number", "choice", "yesno", "address", "document"]
"""The kinds of answer a field asks for."""

FIELD_TYPES: tuple[FieldType, ...] = (
    "text",
    "date",
    "number",
    "choice",
    "yesno",
    "address",
    "document",
)

Channel = Literal["counter", "van", "kiosk", "web"]
"""Where a step may be completed: at a counter, in a van, at a kiosk, or at home on the web."""

CHANNELS: tuple[Channel, ...] = ("counter", "van", "kiosk", "web")


class _Frozen(BaseModel):
    # defer_build: the validators are built when a catalogue is first read (in the
    # app, a worker after its first screen), not when this module is imported.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(_Frozen):
    """A user-facing text in the three catalogue languages."""

    pt: StrictStr = Spec(min_length=1)
    en: StrictStr = Spec(min_length=1)
    es: StrictStr = Spec(min_length=1)

    def get(self, lang: Lang | str) -> str:
        """The text in ``lang``; English for a language the catalogue does not hold.

        Args:
            lang: A language code such as ``"pt"``.

        Returns:
            The text in that language.
        """
        if lang == "pt":
            return self.pt
        if lang == "es":
            return self.es
        return self.en

    def items(self) -> Iterator[tuple[Lang, str]]:
        """Each language with its text, in catalogue order."""
        yield "pt", self.pt
        yield "en", self.en
        yield "es", self.es


class Keywords(_Frozen):
    """Search words beyond a service's name, per language."""

    pt: tuple[StrictStr, ...] = ()
    en: tuple[StrictStr, ...] = ()
    es: tuple[StrictStr, ...] = ()

    def get(self, lang: Lang | str) -> tuple[str, ...]:
        """The keywords in ``lang`` (English for an unknown language)."""
        if lang == "pt":
            return self.pt
        if lang == "es":
            return self.es
        return self.en


class Circumstance(_Frozen):
    """A life circumstance that groups services (moving house, a new baby, ...).

    ``core`` names, in order, the services nearly everyone in this circumstance needs
    (for moving house: the address changes); they are listed before its other
    services. Each must be a service that lists this circumstance.
    """

    id: StrictStr
    name: Text
    core: tuple[StrictStr, ...] = ()


class Document(_Frozen):
    """A document a citizen may have to bring or upload."""

    id: StrictStr
    name: Text


class Option(_Frozen):
    """One answer of a choice field."""

    value: StrictStr = Spec(min_length=1)
    label: Text


class Field(_Frozen):
    """A question asked of the citizen, shared by key across services.

    Only the constraints of the field's ``type`` may be set (the loader checks it):
    text takes ``min_length``, ``max_length``, ``pattern`` and ``example`` (a value that
    matches, quoted when an answer does not); number takes ``min``,
    ``max``, ``integer``, ``not_after_this_year`` (a year); date takes
    ``not_after_today``, ``not_before_today``; choice takes ``options``; document
    takes ``document``.
    """

    key: StrictStr
    type: FieldType
    label: Text
    help: Text | None = None
    min_length: StrictInt | None = Spec(default=None, ge=0)
    max_length: StrictInt | None = Spec(default=None, ge=1)
    pattern: StrictStr | None = None
    example: StrictStr | None = None
    min: StrictInt | StrictFloat | None = None
    max: StrictInt | StrictFloat | None = None
    integer: StrictBool = False
    not_after_this_year: StrictBool = False
    not_after_today: StrictBool = False
    not_before_today: StrictBool = False
    options: tuple[Option, ...] = ()
    document: StrictStr | None = None

    def option(self, value: str) -> Option | None:
        """The option whose value is ``value``, if this is a choice field that has it."""
        for option in self.options:
            if option.value == value:
                return option
        return None


class Step(_Frozen):
    """A part of a service: a few fields, completed through some channels."""

    id: StrictStr = Spec(min_length=1)
    title: Text
    channels: tuple[Channel, ...] = Spec(min_length=1)
    fields: tuple[StrictStr, ...] = ()
    optional: tuple[StrictStr, ...] = ()

    def allows(self, channel: Channel | str) -> bool:
        """Whether this step may be completed through ``channel``."""
        return channel in self.channels

    def is_required(self, key: str) -> bool:
        """Whether the field ``key`` must be answered to complete this step."""
        return key in self.fields and key not in self.optional


class Service(_Frozen):
    """A public service an agency offers: what it asks, what to bring, what it costs."""

    id: StrictStr
    agency_id: StrictStr
    name: Text
    summary: Text
    keywords: Keywords = Keywords()
    circumstances: tuple[StrictStr, ...] = ()
    fee_cents: StrictInt = Spec(ge=0)
    expected_days: StrictInt = Spec(ge=0)
    documents: tuple[StrictStr, ...] = ()
    steps: tuple[Step, ...] = Spec(min_length=1)

    @property
    def field_keys(self) -> tuple[str, ...]:
        """Every field key the service asks for, in step order."""
        return tuple(key for step in self.steps for key in step.fields)

    def step(self, step_id: str) -> Step:
        """The step ``step_id``; raises KeyError for a step the service does not have."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(f"service {self.id!r} has no step {step_id!r}")

    def web_completable(self) -> bool:
        """Whether every step may be completed at home on the web."""
        return all(step.allows("web") for step in self.steps)


class Agency(_Frozen):
    """A public body that offers services."""

    id: StrictStr
    name: Text
    short: Text


def agency_of(service_id: str) -> str:
    """The agency a service id names: every id is ``<agency>.<name>`` (the loader refuses
    any other), so a journey's services say their agencies without a catalogue at hand."""
    return service_id.partition(".")[0]


class CatalogueInfo(_Frozen):
    """The ``[catalogue]`` table: the country, its currency and the catalogue's version."""

    country: Text
    currency: StrictStr = Spec(pattern=r"^[A-Z]{3}$")
    version: StrictStr = Spec(min_length=1)


def _frozen_map(items: Iterable[tuple[str, Any]]) -> Mapping[str, Any]:
    return MappingProxyType(dict(items))


@dataclass(frozen=True)
class Catalogue:
    """A whole, checked catalogue; every id a service refers to is defined.

    Build one with ``sync.catalogue.loader.load_catalogue`` (or ``build_catalogue``),
    which checks the references; the mappings keep the order of the files.
    """

    info: CatalogueInfo
    agencies: Mapping[str, Agency]
    services: Mapping[str, Service]
    fields: Mapping[str, Field]
    documents: Mapping[str, Document]
    circumstances: Mapping[str, Circumstance]
    _by_circumstance: Mapping[str, tuple[Service, ...]] = dataclass_field(init=False, repr=False)
    _by_agency: Mapping[str, tuple[Service, ...]] = dataclass_field(init=False, repr=False)
    _by_field: Mapping[str, tuple[Service, ...]] = dataclass_field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_circumstance: dict[str, list[Service]] = {c: [] for c in self.circumstances}
        by_agency: dict[str, list[Service]] = {a: [] for a in self.agencies}
        by_field: dict[str, list[Service]] = {f: [] for f in self.fields}
        for service in self.services.values():
            for circumstance in service.circumstances:
                by_circumstance.setdefault(circumstance, []).append(service)
            by_agency.setdefault(service.agency_id, []).append(service)
            for key in dict.fromkeys(service.field_keys):
                by_field.setdefault(key, []).append(service)
        for name, value in (
            ("agencies", self.agencies),
            ("services", self.services),
            ("fields", self.fields),
            ("documents", self.documents),
            ("circumstances", self.circumstances),
        ):
            object.__setattr__(self, name, _frozen_map(value.items()))
        for circumstance_id, grouped in by_circumstance.items():
            found = self.circumstances.get(circumstance_id)
            if found is not None and found.core:
                by_circumstance[circumstance_id] = _core_first(grouped, found.core)
        for name, groups in (
            ("_by_circumstance", by_circumstance),
            ("_by_agency", by_agency),
            ("_by_field", by_field),
        ):
            object.__setattr__(self, name, _frozen_map((k, tuple(v)) for k, v in groups.items()))

    def agency(self, agency_id: str) -> Agency:
        """The agency ``agency_id``; raises KeyError if the catalogue has none."""
        return self.agencies[agency_id]

    def service(self, service_id: str) -> Service:
        """The service ``service_id``; raises KeyError if the catalogue has none.

        A journey may name a service that a newer catalogue dropped; use
        ``catalogue.services.get(id)`` where that must not fail.
        """
        return self.services[service_id]

    def field(self, key: str) -> Field:
        """The field ``key``; raises KeyError if the catalogue has none."""
        return self.fields[key]

    def document(self, document_id: str) -> Document:
        """The document ``document_id``; raises KeyError if the catalogue has none."""
        return self.documents[document_id]

    def circumstance(self, circumstance_id: str) -> Circumstance:
        """The circumstance ``circumstance_id``; raises KeyError if the catalogue has none."""
        return self.circumstances[circumstance_id]

    def services_of(self, agency_id: str) -> tuple[Service, ...]:
        """The services of one agency, in catalogue order (empty for an unknown agency)."""
        return self._by_agency.get(agency_id, ())

    def services_for_circumstance(self, circumstance_id: str) -> tuple[Service, ...]:
        """The services grouped under a life circumstance: its core services first (in
        the order it names them), then the others in catalogue order."""
        return self._by_circumstance.get(circumstance_id, ())

    def services_asking(self, key: str) -> tuple[Service, ...]:
        """The services that ask for the field ``key``: where one answer lands."""
        return self._by_field.get(key, ())

    def fields_of(self, service: Service | str) -> tuple[Field, ...]:
        """The fields a service asks for, in step order.

        Args:
            service: A service or its id.

        Returns:
            Its fields, each once, in the order the steps ask them.
        """
        found = self.service(service) if isinstance(service, str) else service
        return tuple(self.fields[key] for key in dict.fromkeys(found.field_keys))

    def documents_of(self, service: Service | str) -> tuple[Document, ...]:
        """The documents to bring for a service, in catalogue order."""
        found = self.service(service) if isinstance(service, str) else service
        return tuple(self.documents[d] for d in found.documents)

    def fields_for(self, service_ids: Iterable[str]) -> tuple[Field, ...]:
        """Every field the given services ask for, each once: the journey's questions.

        Args:
            service_ids: The services of a journey.

        Returns:
            The union of their fields, in the order first asked.
        """
        keys: dict[str, None] = {}
        for service_id in service_ids:
            keys.update(dict.fromkeys(self.service(service_id).field_keys))
        return tuple(self.fields[key] for key in keys)

    def shared_fields(self, service_ids: Iterable[str]) -> tuple[Field, ...]:
        """The fields asked by two or more of the given services: answered once, used twice.

        Args:
            service_ids: The services of a journey.

        Returns:
            The shared fields, in the order first asked.
        """
        counts: dict[str, int] = {}
        for service_id in dict.fromkeys(service_ids):
            for key in dict.fromkeys(self.service(service_id).field_keys):
                counts[key] = counts.get(key, 0) + 1
        return tuple(self.fields[key] for key, count in counts.items() if count > 1)

    def to_json(self) -> dict[str, Any]:
        """The whole catalogue as JSON-ready data (for ``counterpart catalogue --json``)."""
        return {
            "catalogue": self.info.model_dump(mode="json"),
            "agencies": [a.model_dump(mode="json") for a in self.agencies.values()],
            "services": [
                s.model_dump(mode="json", exclude_none=True) for s in self.services.values()
            ],
            "fields": [
                f.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
                | {"key": f.key, "type": f.type}
                for f in self.fields.values()
            ],
            "documents": [d.model_dump(mode="json") for d in self.documents.values()],
            "circumstances": [c.model_dump(mode="json") for c in self.circumstances.values()],
        }


def _core_first(services: Sequence[Service], core: Sequence[str]) -> list[Service]:
    """``services`` with those named in ``core`` first, in that order; the others after,
    in their own order (a stable sort keeps it among equal keys)."""
    first = {service_id: n for n, service_id in enumerate(core)}
    return sorted(services, key=lambda service: first.get(service.id, len(first)))
