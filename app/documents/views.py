"""Pages: the documents tab of a case or ticket (/cases/<id>/documents, /tickets/<id>/documents),
one document (/documents/<id>: preview, versions, issue, void, re-issue, service) and the case
file to print (/cases/<id>/case-file)."""
from __future__ import annotations

import io
import tempfile
from datetime import date
from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from app.auth.permissions import has_permission, requires
from app.context import clock, time_zone, workflow_env
from app.documents import case_file, pdf, pdf_copies, preview, registry, service, service_records
from app.documents.context import settings_from_config
from app.documents.models import SERVICE_METHODS, Document
from app.errors import DomainError, ValidationFailed
from app.extensions import db

bp = Blueprint("documents", __name__)
SUBJECTS = {"cases": "case", "tickets": "ticket"}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document_env() -> service.DocumentEnvironment:
    """The registry is read once per process (and re-read when its file changes)."""
    return service.DocumentEnvironment(
        registry=registry.cached(current_app.extensions, current_app.config["DOCUMENT_TEMPLATES_PATH"]),
        storage_root=Path(current_app.config["STORAGE_PATH"]) / "documents",
        settings=settings_from_config(current_app.config), workflow=workflow_env())


def today() -> date:
    return clock().now().astimezone(time_zone()).date()


def send_version(document: Document, version_no: int | None, fmt: str):
    """The .docx (or its PDF) of one version; shared by the page and the API."""
    denv = document_env()
    version, path = service.version_file(denv, document, version_no)
    stem = f"{document.number or document.title}-第{version.version}版" if not version.is_issued else (
        document.number or document.title)
    if fmt == "pdf":
        try:
            target = pdf_copies.pdf_of(db.session, version, path)
        except pdf.PdfUnavailable as exc:
            db.session.rollback()
            raise ValidationFailed(str(exc), code="pdf_unavailable") from exc
        db.session.commit()  # the copy's SHA-256 and page count, recorded on its first conversion
        response = send_file(target, mimetype="application/pdf", as_attachment=request.args.get("inline") != "1",
                             download_name=f"{stem}.pdf", max_age=0)
    elif fmt == "docx":
        response = send_file(path, mimetype=DOCX, as_attachment=True, download_name=f"{stem}.docx", max_age=0,
                             etag=version.sha256)
        response.headers["X-Content-SHA256"] = version.sha256
    else:
        raise ValidationFailed("格式只能是 docx 或 pdf", fields={"format": ["docx 或 pdf"]})
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def send_case_file(case_id: int, fmt: str):
    denv = document_env()
    built = case_file.build(db.session, denv, case_id=case_id, user=current_user_or_api(), today=today())
    db.session.commit()  # the PDF copies' hashes and page counts converted for the page numbers
    if fmt == "pdf":
        with tempfile.TemporaryDirectory(prefix="case-file-") as work:  # removed however the conversion ends
            source = Path(work) / "case-file.docx"
            source.write_bytes(built.content)
            try:
                content = pdf.convert([source], Path(work))[0].read_bytes()
            except pdf.PdfUnavailable as exc:
                raise ValidationFailed(str(exc), code="pdf_unavailable") from exc
        return send_file(io.BytesIO(content), mimetype="application/pdf", as_attachment=True,
                         download_name=built.file_name.replace(".docx", ".pdf"), max_age=0)
    return send_file(io.BytesIO(built.content), mimetype=DOCX, as_attachment=True, download_name=built.file_name,
                     max_age=0)


def current_user_or_api():
    from app.api.auth import api_user
    return api_user() if request.path.startswith("/api/") else current_user._get_current_object()


def _subject(subjects: str, subject_id: int):
    if subjects not in SUBJECTS:
        abort(404)
    return service.subject_for_view(db.session, subject_type=SUBJECTS[subjects], subject_id=subject_id,
                                    user=current_user)


@bp.get("/<subjects>/<int:subject_id>/documents")
@requires(has_permission("ticket.view"))
def index(subjects: str, subject_id: int):
    subject = _subject(subjects, subject_id)
    denv = document_env()
    return render_template(
        "documents/index.html", subject=subject, subjects=subjects, documents=service.listing(db.session, subject),
        kinds=denv.registry.for_subject(subject.type), may_edit=service.may_edit(current_user, subject),
        service_state=service_records.service_state, pdf_available=pdf.available(), pdf_absent=pdf.ABSENT)


@bp.get("/<subjects>/<int:subject_id>/documents/new")
@requires(has_permission("ticket.view"))
def new(subjects: str, subject_id: int, *, values=None, errors=None, status=200):
    subject = _subject(subjects, subject_id)
    kind = service.kind_of(document_env(), request.values.get("kind"), subject)
    return render_template("documents/new.html", subject=subject, subjects=subjects, kind=kind,
                           values=values or {}, errors=errors or {}), status


@bp.post("/<subjects>/<int:subject_id>/documents")
@requires(has_permission("ticket.view"))
def create(subjects: str, subject_id: int):
    if subjects not in SUBJECTS:
        abort(404)
    inputs = {k: v for k, v in request.form.items() if k not in ("csrf_token", "kind")}
    try:
        subject = service.subject_for_edit(db.session, subject_type=SUBJECTS[subjects], subject_id=subject_id,
                                           user=current_user)
        result = service.generate(db.session, document_env(), subject=subject, kind_code=request.form.get("kind"),
                                  inputs=inputs, user=current_user, today=today(), now=clock().now())
    except ValidationFailed as err:
        db.session.rollback()
        if err.fields and "kind" in err.fields:
            raise
        return new(subjects, subject_id, values=inputs, errors=err.fields or {}, status=400)
    db.session.commit()
    flash(f"已生成{result.document.title}草稿（第{result.version.version}版）", "success")
    return redirect(url_for("documents.show", document_id=result.document.id))


@bp.get("/documents/<int:document_id>")
@requires(has_permission("ticket.view"))
def show(document_id: int, *, errors=None, values=None, status=200):
    document, subject = service.document_for_view(db.session, document_id=document_id, user=current_user)
    denv = document_env()
    kind = denv.registry.kinds.get(document.kind)
    missing: list[str] = []
    if document.status == "draft" and kind is not None:
        from app.documents import context as contexts
        probe = contexts.document_context(service.base_context(db.session, denv, subject), kind=kind,
                                          number=service.DRAFT_NUMBER, issued_on=today(),
                                          inputs=document.inputs or {}, version=document.current_version)
        missing = contexts.missing_fields(kind, probe)
    blocks = []
    if document.latest is not None:
        try:
            blocks = preview.blocks(service.version_file(denv, document)[1])
        except DomainError as exc:
            flash(exc.message, "error")
    return render_template(
        "documents/show.html", document=document, subject=subject, kind=kind, missing=missing, blocks=blocks,
        may_edit=service.may_edit(current_user, subject), methods=SERVICE_METHODS, errors=errors or {},
        values=values or {}, today=today().isoformat(), pdf_available=pdf.available(), pdf_absent=pdf.ABSENT,
        subjects="cases" if subject.type == "case" else "tickets"), status


@bp.get("/documents/<int:document_id>/download")
@requires(has_permission("ticket.view"))
def download(document_id: int):
    document, _ = service.document_for_view(db.session, document_id=document_id, user=current_user)
    version = request.args.get("version", type=int)
    try:
        return send_version(document, version, request.args.get("format", "docx"))
    except ValidationFailed as err:
        flash(err.message, "error")
        return redirect(url_for("documents.show", document_id=document_id))


def _action(document_id: int, run, done: str):
    try:
        result = run()
    except ValidationFailed as err:
        db.session.rollback()
        flash(err.message, "error")
        return show(document_id, errors=err.fields or {}, values=request.form, status=400)
    except DomainError as err:
        db.session.rollback()
        flash(err.message, "error")
        return redirect(url_for("documents.show", document_id=document_id))
    db.session.commit()
    flash(done if isinstance(done, str) else done(result), "success")
    target = getattr(result, "document", result)
    return redirect(url_for("documents.show", document_id=getattr(target, "id", document_id)))


@bp.post("/documents/<int:document_id>/regenerate")
@requires(has_permission("ticket.view"))
def regenerate(document_id: int):
    inputs = {k: v for k, v in request.form.items() if k != "csrf_token"} or None
    return _action(document_id, lambda: service.regenerate(
        db.session, document_env(), document_id=document_id, inputs=inputs, user=current_user, today=today(),
        now=clock().now()), "已按案件当前信息重新生成草稿")


@bp.post("/documents/<int:document_id>/issue")
@requires(has_permission("ticket.view"))
def issue(document_id: int):
    return _action(document_id, lambda: service.issue(
        db.session, document_env(), document_id=document_id, user=current_user, today=today(), now=clock().now()),
        lambda d: f"已签发，文号 {d.number}" if d.number else "已签发")


@bp.post("/documents/<int:document_id>/void")
@requires(has_permission("ticket.view"))
def void(document_id: int):
    return _action(document_id, lambda: service.void(
        db.session, document_env(), document_id=document_id, reason=request.form.get("reason"), user=current_user,
        today=today(), now=clock().now()), "已作废，文号保留不再使用")


@bp.post("/documents/<int:document_id>/reissue")
@requires(has_permission("ticket.view"))
def reissue(document_id: int):
    return _action(document_id, lambda: service.reissue(
        db.session, document_env(), document_id=document_id, user=current_user, today=today(), now=clock().now()),
        "已重新制作草稿，签发时取新文号")


@bp.post("/documents/<int:document_id>/services")
@requires(has_permission("ticket.view"))
def serve(document_id: int):
    return _action(document_id, lambda: service_records.record_service(
        db.session, document_env(), document_id=document_id, payload=request.form.to_dict(), user=current_user,
        today=today(), now=clock().now()), lambda r: f"已登记送达，送达日期 {r.served_on.isoformat()}")


@bp.get("/cases/<int:case_id>/case-file")
@requires(has_permission("ticket.view"))
def print_case_file(case_id: int):
    try:
        return send_case_file(case_id, request.args.get("format", "docx"))
    except ValidationFailed as err:
        flash(err.message, "error")
        return redirect(url_for("documents.index", subjects="cases", subject_id=case_id))
