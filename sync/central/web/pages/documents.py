"""A service's documents from home: upload one the service asks for (``Service.documents``)
that no step's form asks for (``sync.domain.progress.uploads_at_home``).

The upload is checked by what the file holds and stored under a random name
(``uploads``), then recorded as ``document.uploaded`` (channel ``web``). The form
is multipart with ``csrftoken`` first (asgi-csrf reads it before any file). A body
declared larger than the limit is refused before it is read (413), a file whose
content is not an allowed kind is refused (400); neither stores anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import RedirectResponse, Response

from sync.catalogue.model import Service
from sync.central.web import uploads
from sync.central.web.pages.journey import ended, shown
from sync.central.web.texts import say
from sync.central.web.visit import Opened, opened
from sync.domain.progress import step_asking_for, uploads_at_home
from sync.domain.rules import ready_to_submit

router = APIRouter(prefix="/journey")

_SLACK = 64 * 1024
"""What the form may add to the file's bytes (its fields and boundaries)."""


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One document of the service as the page shows it.

    ``state`` is ``checked`` (seen at a counter), ``step`` (uploaded in a step's form)
    or ``upload`` (a form here).
    """

    id: str
    name: str
    state: str
    step_href: str | None
    step_title: str | None
    uploaded: bool
    error: str | None


def _service(visit: Opened, service_id: str) -> Service | None:
    if service_id not in visit.state.services:
        return None
    return visit.catalogue.services.get(service_id)


def _rows(visit: Opened, service: Service, errors: dict[str, str]) -> list[DocumentRow]:
    catalogue, state, lang = visit.catalogue, visit.state, visit.lang
    here = {d.id for d in uploads_at_home(state, catalogue, service)}
    rows: list[DocumentRow] = []
    for document_id in service.documents:
        document = catalogue.documents.get(document_id)
        if document is None:
            continue
        step = step_asking_for(catalogue, service, document_id)
        if state.documents_checked.get(document_id, False):
            kind = "checked"
        elif document_id in here:
            kind = "upload"
        elif step is not None:
            kind = "step"
        else:
            continue
        rows.append(DocumentRow(
            id=document_id, name=document.name.get(lang), state=kind,
            step_href=f"/journey/{service.id}/step/{step.id}" if step else None,
            step_title=step.title.get(lang) if step else None,
            uploaded=document_id in state.documents_uploaded, error=errors.get(document_id),
        ))  # fmt: skip
    return rows


def _page(
    request: Request,
    visit: Opened,
    service: Service,
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    unknown: bool = False,
) -> Response:
    web, lang = visit.web, visit.lang
    rows = _rows(visit, service, errors or {})
    summary = [(f"doc-{r.id}", r.error) for r in rows if r.error]
    if unknown:
        summary.append(("documents", say(lang, "documents.unknown")))
    uploaded_id = request.query_params.get("uploaded", "")
    uploaded = visit.catalogue.documents.get(uploaded_id)
    if uploaded_id not in visit.state.documents_uploaded:
        uploaded = None
    return shown(
        request, visit, "documents.html", status=status, errors=summary,
        service=service.name.get(lang), service_id=service.id, rows=rows,
        submitted=service.id in visit.state.submitted,
        ready=service.id in ready_to_submit(visit.state, visit.catalogue),
        uploaded=uploaded.name.get(lang) if uploaded and status == 200 else None,
        types=", ".join(t.upper() for t in web.upload_types),
        max_mb=uploads.megabytes(web.upload_max_bytes, visit.lang),
    )  # fmt: skip


@router.get("/{service_id}/documents")
def documents(request: Request, service_id: str) -> Response:
    """The service's documents: seen, to upload in a step, or to upload here."""
    visit = opened(request)
    if visit is None:
        return ended(request)
    service = _service(visit, service_id)
    if service is None:
        return shown(request, visit, "notfound.html", status=404)
    return _page(request, visit, service)


@router.post("/{service_id}/documents")
async def upload(request: Request, service_id: str) -> Response:
    """One document uploaded: stored and recorded, or the page again with what was wrong."""
    visit = await run_in_threadpool(opened, request)
    if visit is None:
        return ended(request)
    service = _service(visit, service_id)
    if service is None:
        return shown(request, visit, "notfound.html", status=404)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > visit.web.upload_max_bytes + _SLACK:
        here = uploads_at_home(visit.state, visit.catalogue, service)
        first = {here[0].id: _refusal(visit, "too_big", int(declared))} if here else {}
        response = _page(request, visit, service, status=413, errors=first)
        response.headers["connection"] = "close"
        return response
    form = await request.form(max_files=1, max_fields=4)
    try:
        document_id = form.get("document")
        item = form.get("file")
        data = await item.read() if isinstance(item, UploadFile) and item.filename else None
        chosen = document_id if isinstance(document_id, str) else ""
        return await run_in_threadpool(_record, request, visit, service, chosen, data)
    finally:
        await form.close()


def _record(
    request: Request, visit: Opened, service: Service, document_id: str, data: bytes | None
) -> Response:
    web = visit.web
    if document_id not in {d.id for d in uploads_at_home(visit.state, visit.catalogue, service)}:
        return _page(request, visit, service, status=400, unknown=True)
    if data is None:
        errors = {document_id: say(visit.lang, "upload.required")}
        return _page(request, visit, service, status=400, errors=errors)
    if len(data) > web.upload_max_bytes:
        errors = {document_id: _refusal(visit, "too_big", len(data))}
        return _page(request, visit, service, status=413, errors=errors)
    try:
        stored = uploads.store(web.documents, data, web.upload_types, web.upload_max_bytes)
    except uploads.Refused as exc:
        errors = {document_id: _refusal(visit, exc.code, len(data))}
        return _page(request, visit, service, status=400, errors=errors)
    visit.store.record_for_citizen(visit.journey_id, [("document.uploaded", {
        "document": document_id, "filename": stored.name, "sha256": stored.sha256,
        "size": stored.size, "content_type": stored.content_type, "service": service.id,
    })])  # fmt: skip
    return RedirectResponse(
        f"/journey/{service.id}/documents?uploaded={document_id}", status_code=303
    )


def _refusal(visit: Opened, code: str, size: int) -> str:
    web = visit.web
    if code == "too_big":
        return say(visit.lang, "upload.too_big", size=uploads.megabytes(size, visit.lang),
                   max=uploads.megabytes(web.upload_max_bytes, visit.lang))  # fmt: skip
    if code == "empty":
        return say(visit.lang, "upload.empty")
    return say(visit.lang, "upload.bad_type", types=", ".join(t.upper() for t in web.upload_types))
