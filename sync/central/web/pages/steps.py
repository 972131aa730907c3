"""Steps at home: a step the catalogue allows on ``web`` as a form, "check your answers",
and sending a service.

The form is prefilled with what the journey already holds, saying where each
answer came from. Answers are checked by the catalogue's one validator (the
counter's); errors follow the GOV.UK pattern (a summary at the top linking to
each field, the message beside it). An answer, the upload it names and the
``step.completed`` it causes are written in one transaction
(``sync.domain.rules.steps_completed_by``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.responses import RedirectResponse, Response

from sync.catalogue.model import Service, Step
from sync.catalogue.validate import validate_value
from sync.central.web import uploads
from sync.central.web.answers import Shown, as_text, field_id, from_form, origin_text, readable
from sync.central.web.pages.journey import ended, shown
from sync.central.web.texts import say
from sync.central.web.visit import Opened, opened
from sync.domain.drafts import Draft, answer_recorded
from sync.domain.progress import HOME_CHANNEL, service_progress
from sync.domain.rules import ready_to_submit, steps_completed_by
from sync.errors import FieldInvalid

router = APIRouter(prefix="/journey")

_SLACK = 256 * 1024
"""What a step's form may add to its uploads' bytes (fields, boundaries)."""


def _service(visit: Opened, service_id: str) -> Service | None:
    catalogue = visit.catalogue
    if service_id not in visit.state.services or service_id not in catalogue.services:
        return None
    return catalogue.services[service_id]


def _step(service: Service, step_id: str) -> Step | None:
    for step in service.steps:
        if step.id == step_id:
            return step
    return None


def _fields(
    visit: Opened,
    service: Service,
    step: Step,
    typed: dict[str, tuple[str, dict[str, str]]] | None = None,
    errors: dict[str, str] | None = None,
) -> list[Shown]:
    lang, catalogue = visit.lang, visit.catalogue
    found: list[Shown] = []
    for key in step.fields:
        field = catalogue.fields[key]
        answer = visit.state.answers.get(key)
        held = as_text(field, answer.value) if answer is not None else ("", {})
        text, parts = typed[key] if typed is not None and key in typed else held
        hint = field.help.get(lang) if field.help else None
        if field.type == "address" and hint is None:
            hint = say(lang, "field.address_hint")
        if field.type == "date" and hint is None:
            hint = say(lang, "field.date_hint")
        found.append(
            Shown(
                key=key, id=field_id(key), field=field, label=field.label.get(lang),
                hint=hint, required=step.is_required(key), text=text, parts=parts,
                origin=origin_text(answer, service.id, catalogue, lang),
                error=(errors or {}).get(key),
            )
        )  # fmt: skip
    return found


def _step_page(
    request: Request,
    visit: Opened,
    service: Service,
    step: Step,
    fields: list[Shown],
    status: int = 200,
) -> Response:
    web = visit.web
    # The summary names the question each message is about (GOV.UK: the summary's
    # links say what to fix without reading the form).
    errors = [(f.id + ("-day" if f.field.type == "date" else ""), f"{f.label}: {f.error}")
              for f in fields if f.error]  # fmt: skip
    return shown(
        request, visit, "step.html", status=status, errors=errors, service=service.name.get(
            visit.lang), service_id=service.id, step=step, title=step.title.get(visit.lang),
        fields=fields, multipart=any(f.field.type == "document" for f in fields),
        types=", ".join(t.upper() for t in web.upload_types),
        max_mb=uploads.megabytes(web.upload_max_bytes, visit.lang),
    )  # fmt: skip


def _usable(visit: Opened, service_id: str, step_id: str) -> tuple[Service, Step] | Response:
    service = _service(visit, service_id)
    step = _step(service, step_id) if service is not None else None
    if service is None or step is None:
        return Response(status_code=404)
    return service, step


@router.get("/{service_id}/step/{step_id}")
def step_form(request: Request, service_id: str, step_id: str) -> Response:
    """A step as a form, prefilled."""
    visit = opened(request)
    if visit is None:
        return ended(request)
    found = _usable(visit, service_id, step_id)
    if isinstance(found, Response):
        return _not_found(request, visit)
    service, step = found
    if not step.allows(HOME_CHANNEL) or service.id in visit.state.submitted:
        return shown(request, visit, "not_here.html", service=service.name.get(visit.lang))
    return _step_page(request, visit, service, step, _fields(visit, service, step))


@router.post("/{service_id}/step/{step_id}")
async def step_answered(request: Request, service_id: str, step_id: str) -> Response:
    """The step's answers: recorded (with any upload and the steps they complete), or the
    form again with what was wrong."""
    visit = await run_in_threadpool(opened, request)
    if visit is None:
        return ended(request)
    found = _usable(visit, service_id, step_id)
    if isinstance(found, Response):
        return _not_found(request, visit)
    service, step = found
    if not step.allows(HOME_CHANNEL) or service.id in visit.state.submitted:
        return shown(request, visit, "not_here.html", service=service.name.get(visit.lang))
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > visit.web.upload_max_bytes + _SLACK:
        return _too_big(request, visit, service, step, int(declared))
    form = await request.form(max_files=len(step.fields) or 1)
    try:
        files = {key: await _read(form, key) for key in step.fields
                 if visit.catalogue.fields[key].type == "document"}  # fmt: skip
        return await run_in_threadpool(_record, request, visit, service, step, form, files)
    finally:
        await form.close()


async def _read(form: FormData, key: str) -> bytes | None:
    item = form.get(key)
    if not isinstance(item, UploadFile) or not item.filename:
        return None
    return await item.read()


def _record(
    request: Request,
    visit: Opened,
    service: Service,
    step: Step,
    form: FormData,
    files: dict[str, bytes | None],
) -> Response:
    lang, catalogue, web = visit.lang, visit.catalogue, visit.web
    today = web.today()
    typed: dict[str, tuple[str, dict[str, str]]] = {}
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    stored: dict[str, uploads.Stored] = {}
    for key in step.fields:
        field = catalogue.fields[key]
        held = visit.state.answers.get(key)
        if field.type == "document":
            data = files.get(key)
            if data is None:
                if held is None and step.is_required(key):
                    errors[key] = say(lang, "upload.required")
                continue
            try:
                kind = uploads.kind_of(data, web.upload_types)
            except uploads.Refused as exc:
                errors[key] = _refusal(lang, exc.code, len(data), visit)
                continue
            if len(data) > web.upload_max_bytes:
                errors[key] = _refusal(lang, "too_big", len(data), visit)
                continue
            typed[key] = (f"upload.{uploads.EXTENSIONS[kind]}", {})
            continue
        text, parts = from_form(field, form, key)
        typed[key] = (text, parts)
        if not text.strip() and not step.is_required(key):
            continue
        try:
            values[key] = validate_value(field, text, today)
        except FieldInvalid as exc:
            errors[key] = exc.messages[lang]
    if errors:
        fields = _fields(visit, service, step, typed, errors)
        return _step_page(request, visit, service, step, fields, status=400)
    drafts: list[Draft] = []
    for key, data in files.items():
        if data is None:
            continue
        stored[key] = uploads.store(web.documents, data, web.upload_types, web.upload_max_bytes)
        field = catalogue.fields[key]
        values[key] = validate_value(field, stored[key].name, today)
        drafts.append(("document.uploaded", {
            "document": field.document or key, "filename": stored[key].name,
            "sha256": stored[key].sha256, "size": stored[key].size,
            "content_type": stored[key].content_type, "service": service.id,
        }))  # fmt: skip
    for key, value in values.items():
        held = visit.state.answers.get(key)
        if held is not None and not held.in_conflict and held.value == value:
            continue  # nothing new: the same answer is not written twice
        heads = [h.event_id for h in held.heads] if held is not None else []
        drafts.append(answer_recorded(key, value, service=service.id, supersedes=heads))
    events = visit.store.journey_events(visit.journey_id)
    drafts += steps_completed_by(visit.journey_id, events, drafts, catalogue, channel="web")
    visit.store.record_for_citizen(visit.journey_id, drafts)
    after = visit.store.journey_state(visit.journey_id)
    # Every step done: check the answers, and there see the documents still missing.
    if service_progress(after, catalogue, service).steps_complete:
        return RedirectResponse(f"/journey/{service.id}/check", status_code=303)
    return RedirectResponse(f"/journey?saved={step.id}", status_code=303)


def _refusal(lang: str, code: str, size: int, visit: Opened) -> str:
    web = visit.web
    types = ", ".join(t.upper() for t in web.upload_types)
    if code == "too_big":
        return say(visit.lang, "upload.too_big", size=uploads.megabytes(size, visit.lang),
                   max=uploads.megabytes(web.upload_max_bytes, visit.lang))  # fmt: skip
    if code == "empty":
        return say(visit.lang, "upload.empty")
    return say(visit.lang, "upload.bad_type", types=types)


def _too_big(request: Request, visit: Opened, service: Service, step: Step, size: int) -> Response:
    fields = _fields(visit, service, step)
    documents = [f for f in fields if f.field.type == "document"]
    message = _refusal(visit.lang, "too_big", size, visit)
    target = documents[0].key if documents else (fields[0].key if fields else "")
    fields = [replace(f, error=message) if f.key == target else f for f in fields]
    response = _step_page(request, visit, service, step, fields, status=413)
    response.headers["connection"] = "close"
    return response


@router.get("/{service_id}/check")
def check(request: Request, service_id: str) -> Response:
    """Check your answers before sending a service."""
    visit = opened(request)
    if visit is None:
        return ended(request)
    service = _service(visit, service_id)
    if service is None:
        return _not_found(request, visit)
    lang, catalogue = visit.lang, visit.catalogue
    progress = service_progress(visit.state, catalogue, service)
    rows = []
    for step in service.steps:
        for key in step.fields:
            field = catalogue.fields[key]
            answer = visit.state.answers.get(key)
            rows.append({
                "question": field.label.get(lang),
                "answer": readable(field, answer.value, lang) if answer else None,
                "change": f"/journey/{service.id}/step/{step.id}"
                if step.allows(HOME_CHANNEL) else None,
                "id": field_id(key),
            })  # fmt: skip
    return shown(
        request, visit, "check.html", service=service.name.get(lang), service_id=service.id,
        agency=catalogue.agencies[service.agency_id].name.get(lang), rows=rows,
        left=[s.title.get(lang) for s in progress.left], submitted=progress.submitted,
        missing=[d.name.get(lang) for d in progress.to_bring],
    )  # fmt: skip


@router.post("/{service_id}/submit")
def submit(request: Request, service_id: str) -> Response:
    """Send a service whose steps are all done and documents in hand: ``service.submitted``."""
    visit = opened(request)
    if visit is None:
        return ended(request)
    service = _service(visit, service_id)
    if service is None:
        return _not_found(request, visit)
    lang, catalogue = visit.lang, visit.catalogue
    if service.id not in ready_to_submit(visit.state, catalogue):
        if service.id in visit.state.submitted:
            return RedirectResponse("/journey", status_code=303)
        return RedirectResponse(f"/journey/{service.id}/check", status_code=303)
    visit.store.record_for_citizen(visit.journey_id,
                                   [("service.submitted", {"service": service.id})])  # fmt: skip
    return shown(request, visit, "sent.html", service=service.name.get(lang),
                 agency=catalogue.agencies[service.agency_id].name.get(lang))  # fmt: skip


def _not_found(request: Request, visit: Opened) -> Response:
    return shown(request, visit, "notfound.html", status=404)
