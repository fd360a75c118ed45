"""Pages: evidence and attachments of a case (/cases/<id>/attachments): list, upload, download, delete."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from app.attachments import service
from app.attachments.models import CATEGORIES
from app.auth.permissions import has_permission, requires
from app.context import clock, time_zone
from app.errors import ValidationFailed
from app.extensions import db

bp = Blueprint("attachments", __name__, url_prefix="/cases")
DEFAULT_MAX_MB = 20


def storage_root() -> Path:
    return Path(current_app.config["STORAGE_PATH"]) / "attachments"


def max_mb() -> float:
    return float(current_app.config.get("ATTACHMENT_MAX_MB", DEFAULT_MAX_MB))


def _multipart(case_id: int, user):
    """The uploaded file; a request over MAX_CONTENT_LENGTH (refused by werkzeug before any view
    code reads it) gets the same 「文件超过…MB」 as a file over ATTACHMENT_MAX_MB."""
    try:
        return request.files.get("file")
    except RequestEntityTooLarge:
        service.uploadable_case(db.session, case_id=case_id, user=user)  # 403 comes first
        limit = max_mb()
        if current_app.config.get("MAX_CONTENT_LENGTH"):
            limit = min(limit, current_app.config["MAX_CONTENT_LENGTH"] / (1024 * 1024))
        raise service.too_large(limit) from None


def _typed_values() -> dict[str, str]:
    try:
        return {k: request.form.get(k, "") for k in ("category", "description", "obtained_on")}
    except RequestEntityTooLarge:
        return {}


def upload_from_request(case_id: int, user):
    """Shared by the page and the API: the multipart fields file, category, description, obtained_on."""
    upload = _multipart(case_id, user)
    now = clock().now()
    return service.upload(
        db.session, case_id=case_id, user=user, stream=upload.stream if upload else None,
        filename=upload.filename if upload else None, category=request.form.get("category"),
        description=request.form.get("description"), obtained_on=request.form.get("obtained_on"),
        storage_root=storage_root(), max_mb=max_mb(), today=now.astimezone(time_zone()).date(), now=now,
    )


def send_attachment(case_id: int, attachment_id: int, user):
    attachment, path = service.for_download(db.session, case_id=case_id, attachment_id=attachment_id, user=user,
                                            storage_root=storage_root())
    # werkzeug writes filename*=UTF-8''… (RFC 5987) for the Chinese name, with an ASCII fallback
    response = send_file(path, mimetype=attachment.content_type, as_attachment=True,
                         download_name=attachment.original_name, etag=attachment.sha256, max_age=0)
    response.headers["X-Content-SHA256"] = attachment.sha256
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _page(case_id: int, *, values=None, errors=None, status: int = 200):
    view = service.listing(db.session, case_id=case_id, user=current_user)
    return render_template("attachments/index.html", view=view, case=view.case, categories=CATEGORIES,
                           values=values or {}, errors=errors or {}, accept=service.ACCEPT, max_mb=max_mb(),
                           today=clock().now().astimezone(time_zone()).date().isoformat()), status


@bp.get("/<int:case_id>/attachments")
@requires(has_permission("ticket.view"))
def index(case_id: int):
    return _page(case_id)


@bp.post("/<int:case_id>/attachments")
@requires(has_permission("ticket.view"))
def upload(case_id: int):
    try:
        attachment = upload_from_request(case_id, current_user)
        db.session.commit()
    except ValidationFailed as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return _page(case_id, values=_typed_values(), errors=exc.fields, status=400)
    flash(f"已上传：{attachment.original_name}", "success")
    return redirect(url_for("attachments.index", case_id=case_id))


@bp.get("/<int:case_id>/attachments/<int:attachment_id>/download")
@requires(has_permission("ticket.view"))
def download(case_id: int, attachment_id: int):
    return send_attachment(case_id, attachment_id, current_user)


@bp.post("/<int:case_id>/attachments/<int:attachment_id>/delete")
@requires(has_permission("ticket.view"))
def delete(case_id: int, attachment_id: int):
    try:
        service.delete(db.session, case_id=case_id, attachment_id=attachment_id, user=current_user,
                       reason=request.form.get("reason", ""), now=clock().now())
        db.session.commit()
        flash("附件已删除（文件仍保留备查）", "success")
    except ValidationFailed as exc:
        db.session.rollback()
        flash(exc.message, "error")
    return redirect(url_for("attachments.index", case_id=case_id))
