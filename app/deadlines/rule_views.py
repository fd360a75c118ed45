"""/admin/clock-rules: the time limits and their reminder points."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.permissions import has_permission, requires
from app.context import clock
from app.deadlines import rules, service
from app.errors import ValidationFailed
from app.extensions import db

bp = Blueprint("clock_rules", __name__, url_prefix="/admin/clock-rules")


@bp.get("/")
@requires(has_permission("calendar.view"))
def index():
    return render_template("deadlines/rules.html", rules=service.rules(db.session), errors={}, failed=None)


@bp.post("/<code>")
@requires(has_permission("calendar.manage"))
def update(code: str):
    form = request.form
    try:
        rules.update_rule(
            db.session, code=code, amount=form.get("amount", type=int) or 0,
            extension_amount=form.get("extension_amount", type=int) or 0, before=form.get("before", ""),
            remind_on_due_day=form.get("remind_on_due_day") == "on", user_id=current_user.id, now=clock().now(),
        )
        db.session.commit()
    except ValidationFailed as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return render_template("deadlines/rules.html", rules=service.rules(db.session), errors=exc.fields,
                               failed=code), 400
    flash("期限设置已保存，对此后开始计算的期限生效", "success")
    return redirect(url_for("clock_rules.index"))
