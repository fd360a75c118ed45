"""Pages: the roster of a case (/cases/<id>/workers) with totals, add/edit/delete and Excel import."""
from __future__ import annotations

from io import BytesIO

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from app.auth.permissions import has_permission, requires
from app.context import clock
from app.errors import ValidationFailed
from app.extensions import db
from app.roster import excel, service
from app.validation import ID_TYPES

bp = Blueprint("roster", __name__, url_prefix="/cases")
FIELDS = tuple(service.FIELD_LABELS)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _form_values() -> dict[str, str]:
    return {name: request.form.get(name, "").strip() for name in FIELDS}


def _page(case_id: int, *, values=None, errors=None, import_errors=None, status: int = 200):
    view = service.roster(db.session, case_id=case_id, user=current_user)
    return render_template(
        "roster/index.html", view=view, case=view.case, id_types=ID_TYPES, labels=service.FIELD_LABELS,
        values=values or {}, errors=errors or {}, import_errors=import_errors or [],
    ), status


@bp.get("/<int:case_id>/workers")
@requires(has_permission("ticket.view"))
def index(case_id: int):
    return _page(case_id)


@bp.post("/<int:case_id>/workers")
@requires(has_permission("ticket.view"))
def add(case_id: int):
    values = _form_values()
    try:
        worker = service.add_worker(db.session, case_id=case_id, user=current_user, data=values, now=clock().now())
        db.session.commit()
    except ValidationFailed as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return _page(case_id, values=values, errors=exc.fields, status=400)
    flash(f"已加入名册：{worker.name}", "success")
    return redirect(url_for("roster.index", case_id=case_id))


@bp.route("/<int:case_id>/workers/<int:worker_id>/edit", methods=["GET", "POST"])
@requires(has_permission("ticket.view"))
def edit(case_id: int, worker_id: int):
    worker = service.worker_for_edit(db.session, case_id=case_id, worker_id=worker_id, user=current_user)
    values = {name: getattr(worker, name) for name in FIELDS}
    values["is_migrant_worker"] = "是" if worker.is_migrant_worker else "否"
    errors, status = {}, 200
    if request.method == "POST":
        values = _form_values()
        try:
            service.update_worker(db.session, case_id=case_id, worker_id=worker_id, user=current_user, data=values,
                                  now=clock().now())
            db.session.commit()
        except ValidationFailed as exc:
            db.session.rollback()
            flash(exc.message, "error")
            errors, status = exc.fields, 400
        else:
            flash("名册已更新", "success")
            return redirect(url_for("roster.index", case_id=case_id))
    return render_template("roster/edit.html", case=worker.case, worker=worker, values=values, errors=errors,
                           id_types=ID_TYPES, labels=service.FIELD_LABELS), status


@bp.post("/<int:case_id>/workers/<int:worker_id>/delete")
@requires(has_permission("ticket.view"))
def delete(case_id: int, worker_id: int):
    service.delete_worker(db.session, case_id=case_id, worker_id=worker_id, user=current_user)
    db.session.commit()
    flash("已从名册删除", "success")
    return redirect(url_for("roster.index", case_id=case_id))


@bp.post("/<int:case_id>/workers/import")
@requires(has_permission("ticket.view"))
def import_file(case_id: int):
    service.editable_case(db.session, case_id=case_id, user=current_user)
    upload = request.files.get("file")
    try:
        if upload is None or not upload.filename:
            raise ValidationFailed("请选择要导入的Excel文件", fields={"file": ["请选择要导入的Excel文件"]})
        rows = excel.read_rows(upload.stream)
        result = service.import_workers(db.session, case_id=case_id, user=current_user, rows=rows,
                                        now=clock().now())
        db.session.commit()
    except ValidationFailed as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return _page(case_id, import_errors=exc.fields.get("file", [exc.message]), status=400)
    flash(f"已导入{len(result.added)}名工人" + (f"，{len(result.duplicates)}行重复未导入" if result.duplicates else ""),
          "success")
    for line in result.duplicates:
        flash(line, "info")
    return redirect(url_for("roster.index", case_id=case_id))


@bp.get("/<int:case_id>/workers/template.xlsx")
@requires(has_permission("ticket.view"))
def template(case_id: int):
    service.viewable_case(db.session, case_id=case_id, user=current_user)
    return send_file(BytesIO(excel.template_workbook()), mimetype=XLSX, as_attachment=True,
                     download_name="欠薪工人名册导入模板.xlsx")
