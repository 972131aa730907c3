"""Reading a folder of catalogue TOML files into a checked ``Catalogue``.

Every ``*.toml`` in the folder is read; the first problem found stops the load with
a ``CatalogueError`` naming the file, the dotted key and the reason, and no file is
ever written. The format is described in docs/catalogue-format.md.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sync.catalogue.model import (
    CHANNELS,
    FIELD_TYPES,
    Agency,
    Catalogue,
    CatalogueInfo,
    Circumstance,
    Document,
    Field,
    Service,
)
from sync.errors import CatalogueError

TOP_LEVEL = ("catalogue", "circumstances", "documents", "fields", "agency", "services")
"""The tables a catalogue file may hold."""

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIELD_KEY = re.compile(r"^[a-z0-9_-]+\.[a-z0-9_-]+$")

TYPE_KEYS: dict[str, tuple[str, ...]] = {
    "text": ("min_length", "max_length", "pattern", "example"),
    "number": ("min", "max", "integer", "not_after_this_year"),
    "date": ("not_after_today", "not_before_today"),
    "choice": ("options",),
    "document": ("document",),
}
"""The constraints each field type takes; a constraint on another type is an error."""

_NOUNS = {"type": "field type", "channels": "channel"}


def load_catalogue(folder: Path) -> Catalogue:
    """Read every ``*.toml`` file in ``folder`` into one checked catalogue.

    Args:
        folder: The catalogue folder (``[catalogue] path`` in kiosk.toml).

    Returns:
        The catalogue, with every reference checked.

    Raises:
        CatalogueError: A file cannot be read or parsed, breaks the format, or refers
            to something no file defines. Names the file, the dotted key and the reason.
    """
    if not folder.is_dir():
        raise CatalogueError(str(folder), "(folder)", "not a folder of catalogue files")
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise CatalogueError(str(folder), "(folder)", "holds no *.toml catalogue files")
    return build_catalogue([(str(path), _read(path)) for path in files])


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise CatalogueError(str(path), "(file)", f"cannot be read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise CatalogueError(str(path), "(file)", f"not UTF-8 text (byte {exc.start})") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = re.search(r"\(at (line \d+, column \d+)\)", message)
        reason = re.sub(r"\s*\(at [^)]*\)", "", message) or "invalid TOML"
        key = where.group(1) if where else "(file)"
        raise CatalogueError(str(path), key, f"not valid TOML: {reason}") from exc


def build_catalogue(tables: Sequence[tuple[str, Mapping[str, Any]]]) -> Catalogue:
    """Check parsed catalogue tables and build the catalogue from them.

    Args:
        tables: Each file's name and its parsed TOML, in load order.

    Returns:
        The checked catalogue.

    Raises:
        CatalogueError: As for ``load_catalogue``.
    """
    builder = _Builder()
    for path, data in tables:
        builder.read_definitions(path, data)
    for path, data in tables:
        builder.read_agency(path, data)
    return builder.finish(tables[0][0] if tables else "(catalogue)")


class _Builder:
    """Collects definitions from every file, then checks and builds the services."""

    def __init__(self) -> None:
        self.info: CatalogueInfo | None = None
        self.info_path = ""
        self.circumstances: dict[str, Circumstance] = {}
        self.documents: dict[str, Document] = {}
        self.fields: dict[str, Field] = {}
        self.agencies: dict[str, Agency] = {}
        self.services: dict[str, Service] = {}
        self.defined_in: dict[tuple[str, str], str] = {}

    def read_definitions(self, path: str, data: Mapping[str, Any]) -> None:
        for key in data:
            if key not in TOP_LEVEL:
                raise CatalogueError(path, key, _unknown("table", key, TOP_LEVEL))
        if "catalogue" in data:
            if self.info is not None:
                raise CatalogueError(
                    path, "catalogue", f"defined twice: also in {_name(self.info_path)}"
                )
            self.info = _parse(CatalogueInfo, data["catalogue"], path, "catalogue")
            self.info_path = path
        for id_, raw in _table(path, data, "circumstances").items():
            where = f"circumstances.{id_}"
            self._define(path, "circumstances", id_, where, ID)
            self.circumstances[id_] = _parse(
                Circumstance, _with(raw, path, where, id=id_), path, where
            )
        for id_, raw in _table(path, data, "documents").items():
            where = f"documents.{id_}"
            self._define(path, "documents", id_, where, ID)
            self.documents[id_] = _parse(Document, _with(raw, path, where, id=id_), path, where)
        for key, raw in _table(path, data, "fields").items():
            where = f'fields."{key}"'
            self._define(path, "fields", key, where, FIELD_KEY)
            field = _parse(Field, _with(raw, path, where, key=key), path, where)
            _check_field(field, raw, path, where)
            self.fields[key] = field

    def _define(self, path: str, kind: str, id_: str, where: str, pattern: re.Pattern[str]) -> None:
        if not pattern.match(id_):
            form = "<namespace>.<name> in [a-z0-9_-]" if kind == "fields" else "[a-z0-9-]"
            raise CatalogueError(path, where, f"malformed id {id_!r}; use lowercase {form}")
        earlier = self.defined_in.get((kind, id_))
        if earlier is not None:
            raise CatalogueError(path, where, f"defined twice: also in {_name(earlier)}")
        self.defined_in[(kind, id_)] = path

    def read_agency(self, path: str, data: Mapping[str, Any]) -> None:
        if "agency" not in data:
            if "services" in data:
                raise CatalogueError(
                    path, "services", "services need an [agency] table in the same file"
                )
            return
        agency = _parse(Agency, data["agency"], path, "agency")
        if not ID.match(agency.id):
            raise CatalogueError(
                path, "agency.id", f"malformed id {agency.id!r}; use lowercase [a-z0-9-]"
            )
        if agency.id in self.agencies:
            earlier = self.defined_in[("agency", agency.id)]
            raise CatalogueError(
                path, "agency.id", f"agency {agency.id!r} defined twice: also in {_name(earlier)}"
            )
        stem = Path(path).stem
        if stem != agency.id:
            raise CatalogueError(
                path,
                "agency.id",
                f"{agency.id!r} does not match the file name; name the file {agency.id}.toml",
            )
        self.agencies[agency.id] = agency
        self.defined_in[("agency", agency.id)] = path
        raw_services = data.get("services", [])
        if not isinstance(raw_services, list):
            raise CatalogueError(path, "services", "must be an array of tables: [[services]]")
        for index, raw in enumerate(raw_services):
            where = f"services[{index}]"
            service = _parse(Service, _with(raw, path, where, agency_id=agency.id), path, where)
            self._check_service(service, path, where)
            self.services[service.id] = service

    def _check_service(self, service: Service, path: str, where: str) -> None:
        prefix = f"{service.agency_id}."
        if not service.id.startswith(prefix) or not ID.match(service.id[len(prefix) :]):
            raise CatalogueError(
                path,
                f"{where}.id",
                f"{service.id!r} must be '{prefix}<name>' with <name> in lowercase [a-z0-9-]",
            )
        if service.id in self.services:
            raise CatalogueError(path, f"{where}.id", f"duplicate service id {service.id!r}")
        _check_refs(
            service.circumstances,
            self.circumstances,
            "circumstance",
            path,
            f"{where}.circumstances",
        )
        _check_refs(service.documents, self.documents, "document", path, f"{where}.documents")
        step_ids: set[str] = set()
        asked: dict[str, str] = {}
        for s, step in enumerate(service.steps):
            at = f"{where}.steps[{s}]"
            if not ID.match(step.id):
                raise CatalogueError(
                    path, f"{at}.id", f"malformed id {step.id!r}; use lowercase [a-z0-9-]"
                )
            if step.id in step_ids:
                raise CatalogueError(
                    path, f"{at}.id", f"duplicate step id {step.id!r} in this service"
                )
            step_ids.add(step.id)
            for c, channel in enumerate(step.channels):
                if channel in step.channels[:c]:
                    raise CatalogueError(
                        path, f"{at}.channels[{c}]", f"channel {channel!r} listed twice"
                    )
            _check_refs(step.fields, self.fields, "field", path, f"{at}.fields")
            for f, key in enumerate(step.fields):
                if key in asked:
                    raise CatalogueError(
                        path,
                        f"{at}.fields[{f}]",
                        f"field {key!r} is already asked in step {asked[key]!r}",
                    )
                asked[key] = step.id
            for o, key in enumerate(step.optional):
                if key not in step.fields:
                    raise CatalogueError(
                        path, f"{at}.optional[{o}]", f"{key!r} is not one of this step's fields"
                    )

    def finish(self, first_path: str) -> Catalogue:
        if self.info is None:
            folder = str(Path(first_path).parent)
            raise CatalogueError(
                folder, "catalogue", "no file holds the [catalogue] table (catalogue.toml)"
            )
        for id_, circumstance in self.circumstances.items():
            for index, service_id in enumerate(circumstance.core):
                service = self.services.get(service_id)
                if service is None or id_ not in service.circumstances:
                    path = self.defined_in[("circumstances", id_)]
                    reason = (
                        _unknown("service", service_id, self.services)
                        if service is None
                        else f"{service_id!r} does not list the circumstance {id_!r}"
                    )
                    raise CatalogueError(path, f"circumstances.{id_}.core[{index}]", reason)
            if len(set(circumstance.core)) != len(circumstance.core):
                path = self.defined_in[("circumstances", id_)]
                raise CatalogueError(path, f"circumstances.{id_}.core", "a service named twice")
        for key, field in self.fields.items():
            if field.document is not None and field.document not in self.documents:
                path = self.defined_in[("fields", key)]
                raise CatalogueError(
                    path,
                    f'fields."{key}".document',
                    _unknown("document", field.document, self.documents),
                )
        return Catalogue(
            info=self.info,
            agencies=self.agencies,
            services=self.services,
            fields=self.fields,
            documents=self.documents,
            circumstances=self.circumstances,
        )


def _check_field(field: Field, raw: Mapping[str, Any], path: str, where: str) -> None:
    allowed = TYPE_KEYS.get(field.type, ())
    for keys in TYPE_KEYS.values():
        for name in keys:
            if name in raw and name not in allowed:
                owner = next(t for t, k in TYPE_KEYS.items() if name in k)
                raise CatalogueError(
                    path, f"{where}.{name}", f"applies only to {owner} fields, not {field.type}"
                )
    if field.pattern is not None:
        try:
            re.compile(field.pattern)
        except re.error as exc:
            raise CatalogueError(
                path, f"{where}.pattern", f"invalid regular expression: {exc}"
            ) from exc
    if field.example is not None:
        # The example is quoted to a citizen whose answer was refused: it must pass itself.
        if field.pattern is None:
            raise CatalogueError(path, f"{where}.example", "needs a pattern to be an example of")
        if not re.fullmatch(field.pattern, field.example):
            raise CatalogueError(
                path, f"{where}.example", f"{field.example!r} does not match {field.pattern}"
            )
    if (
        field.min_length is not None
        and field.max_length is not None
        and field.min_length > field.max_length
    ):
        raise CatalogueError(path, f"{where}.min_length", "is greater than max_length")
    if field.min is not None and field.max is not None and field.min > field.max:
        raise CatalogueError(path, f"{where}.min", "is greater than max")
    if field.integer and any(
        isinstance(b, float) and not b.is_integer() for b in (field.min, field.max)
    ):
        raise CatalogueError(path, f"{where}.min", "an integer field needs whole-number bounds")
    if field.type == "choice":
        if len(field.options) < 2:
            raise CatalogueError(
                path, f"{where}.options", "a choice field needs at least two options"
            )
        seen: set[str] = set()
        for index, option in enumerate(field.options):
            if option.value in seen:
                raise CatalogueError(
                    path, f"{where}.options[{index}].value", f"duplicate option {option.value!r}"
                )
            seen.add(option.value)
    if field.type == "document" and field.document is None:
        raise CatalogueError(
            path, f"{where}.document", "a document field must name the documents.* id it asks for"
        )


def _check_refs(
    ids: Iterable[str], known: Mapping[str, Any], noun: str, path: str, where: str
) -> None:
    for index, id_ in enumerate(ids):
        if id_ not in known:
            raise CatalogueError(path, f"{where}[{index}]", _unknown(noun, id_, known))


def _unknown(noun: str, value: str, known: Iterable[str]) -> str:
    names = list(known)
    close = difflib.get_close_matches(value, names, n=1)
    if close:
        return f"unknown {noun} {value!r}; did you mean {close[0]!r}?"
    if len(names) <= 12:
        return f"unknown {noun} {value!r}; allowed: {', '.join(names)}"
    return f"unknown {noun} {value!r}; no file defines it"


def _name(path: str) -> str:
    return Path(path).name


def _table(path: str, data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise CatalogueError(path, name, f"must be a table of {name}, got {_kind(value)}")
    return value


def _with(raw: Any, path: str, where: str, **extra: str) -> dict[str, Any]:
    """``raw`` (a TOML table) with the id that the file gives as the table's name."""
    if not isinstance(raw, dict):
        raise CatalogueError(path, where, f"must be a table, got {_kind(raw)}")
    for name in extra:
        if name in raw:
            raise CatalogueError(
                path, f"{where}.{name}", f"unknown key {name!r}; it comes from the table's name"
            )
    return {**raw, **extra}


_M = typing.TypeVar("_M", bound=BaseModel)


def _parse(model: type[_M], raw: Any, path: str, where: str) -> _M:
    """Validate ``raw`` as ``model``, turning the first pydantic error into a CatalogueError."""
    if not isinstance(raw, dict):
        raise CatalogueError(path, where, f"must be a table, got {_kind(raw)}")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors()
        # an unknown key is usually a misspelt one, which pydantic also reports missing
        error = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        loc = tuple(error["loc"])
        raise CatalogueError(path, _dotted(where, loc), _reason(model, error, loc)) from None


def _dotted(where: str, loc: tuple[int | str, ...]) -> str:
    key = where
    for part in loc:
        if isinstance(part, int):
            key += f"[{part}]"
        elif part.isdigit() or part in ("int", "float", "str"):
            # pydantic names the branch of a union (int | float) in the loc; skip it
            continue
        else:
            key += f".{part}" if key else part
    return key


def _reason(model: type[BaseModel], error: Any, loc: tuple[int | str, ...]) -> str:
    kind = error["type"]
    given = error.get("input")
    ctx = error.get("ctx") or {}
    names = [p for p in loc if isinstance(p, str)]
    last = names[-1] if names else ""
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        allowed = list(parent.model_fields) if parent is not None else []
        allowed = [a for a in allowed if a not in ("id", "key", "agency_id")]
        return _unknown("key", str(last), allowed)
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        noun = _NOUNS.get(last, "value")
        if last == "type":
            allowed = list(FIELD_TYPES)
        elif last == "channels":
            allowed = list(CHANNELS)
        return f"unknown {noun} {given!r}; allowed: {', '.join(allowed)}"
    if kind in (
        "string_type",
        "int_type",
        "float_type",
        "bool_type",
        "list_type",
        "tuple_type",
        "dict_type",
        "model_type",
        "model_attributes_type",
    ):
        wanted = {
            "string_type": "text in quotes",
            "int_type": "a whole number",
            "float_type": "a number",
            "bool_type": "true or false",
            "list_type": "an array",
            "tuple_type": "an array",
        }.get(kind, "a table")
        return f"expected {wanted}, got {_kind(given)} {given!r}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} item(s)"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return f"{given!r} is out of range: {error['msg'].lower()}"
    if kind == "string_pattern_mismatch":
        return f"{given!r} does not match {ctx.get('pattern')}"
    return f"{error['msg']} (got {given!r})"


def _model_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model class that validates the table at ``loc`` inside ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (tuple, list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            inner = _inner_model(arg)
            if inner is not None:
                return inner
    return None


def _kind(value: Any) -> str:
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "text",
        list: "an array",
        dict: "a table",
    }.get(type(value), type(value).__name__)
