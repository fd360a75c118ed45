"""Pages under /admin/calendar: the stored years, one year's notice, manual entry, CSV/ICS upload."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.permissions import has_permission, requires
from app.context import clock, time_zone
from app.errors import ValidationFailed
from app.extensions import db
from app.workdays import service

bp = Blueprint("workdays", __name__, url_prefix="/admin/calendar")
MAX_UPLOAD_BYTES = 512 * 1024


def _today() -> date:
    return clock().now().astimezone(time_zone()).date()


def _warnings() -> list[str]:
    year = _today().year
    status = service.confirmed_years(db.session, years=[year, year + 1])
    return [service.unconfirmed_message(y) for y, ok in status.items() if not ok]


def _saved(changes: list[service.YearChange]) -> None:
    db.session.commit()
    current_app.extensions["calendar_provider"].invalidate()  # other workers follow within the refresh interval
    for change in changes:
        flash(f"{change.year}年节假日安排已保存：放假{change.after['holidays']}天，"
              f"调休上班{change.after['workdays']}天（新增{len(change.added)}、删除{len(change.removed)}、"
              f"修改{len(change.changed)}）", "success")


def _index(*, status: int = 200, manual: dict | None = None, manual_error: str = "", upload_error: str = ""):
    return render_template(
        "workdays/index.html", years=service.years(db.session), warnings=_warnings(),
        next_year=_today().year + 1, manual=manual or {}, manual_error=manual_error, upload_error=upload_error,
        max_upload_kb=MAX_UPLOAD_BYTES // 1024,
    ), status


@bp.get("/")
@requires(has_permission("calendar.view"))
def index():
    return _index()


@bp.get("/<int:year>")
@requires(has_permission("calendar.view"))
def year_page(year: int):
    days = service.days_in_year(db.session, year)
    confirmed = service.confirmed_years(db.session, years=[year])[year]
    rows = [(d, service.weekday_label(d.day)) for d in days]
    manual = {"year": year, "lines": service.notice_lines(db.session, year)}
    return render_template("workdays/year.html", year=year, rows=rows, confirmed=confirmed, manual=manual,
                           manual_error="", warnings=_warnings())


@bp.post("/manual")
@requires(has_permission("calendar.manage"))
def manual():
    form = {"year": request.form.get("year", "").strip(), "lines": request.form.get("lines", "")}
    try:
        change = service.enter_manual(db.session, year=form["year"], text=form["lines"], user_id=current_user.id)
    except ValidationFailed as exc:
        db.session.rollback()
        return _index(status=400, manual=form, manual_error=exc.message)
    _saved([change])
    return redirect(url_for("workdays.year_page", year=change.year))


@bp.post("/upload")
@requires(has_permission("calendar.manage"))
def upload():
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _index(status=400, upload_error="请选择要上传的 .csv 或 .ics 文件")
    content = upload.stream.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        return _index(status=400, upload_error=f"文件过大（上限 {MAX_UPLOAD_BYTES // 1024} KB）")
    try:
        changes = service.import_file(db.session, filename=upload.filename, content=content,
                                      user_id=current_user.id)
    except ValidationFailed as exc:
        db.session.rollback()
        return _index(status=400, upload_error=exc.message)
    _saved(changes)
    return redirect(url_for("workdays.index"))
