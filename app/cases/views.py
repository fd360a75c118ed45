"""Pages: the case list (with search) and the case page."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.permissions import has_permission, requires
from app.cases import flows, service
from app.context import workflow_env
from app.errors import Conflict, Forbidden
from app.extensions import db

bp = Blueprint("cases", __name__, url_prefix="/cases")


@bp.get("/")
@requires(has_permission("ticket.view"))
def index():
    query = request.args.get("q", "").strip()
    cases = service.visible_cases(db.session, user=current_user, query=query)
    return render_template("cases/list.html", cases=cases, query=query)


@bp.get("/<int:case_id>")
@requires(has_permission("ticket.view"))
def show(case_id: int):
    env = workflow_env()
    view = flows.case_view(db.session, case_id=case_id, user=current_user, calendar=env.calendar(),
                           today=env.clock.now().astimezone(env.tz).date())
    return render_template("cases/show.html", view=view, case=view.case, signals=flows.SIGNALS)


@bp.post("/<int:case_id>/signals/<signal>")
@requires(has_permission("task.work"))
def signal(case_id: int, signal: str):
    reason = request.form.get("reason", "").strip()
    if not reason:
        flash("请填写申请理由", "error")
        return redirect(url_for("cases.show", case_id=case_id))
    try:
        flows.send_signal(db.session, env=workflow_env(), case_id=case_id, user=current_user, signal=signal,
                          reason=reason)
        db.session.commit()
        flash(f"已提出{flows.SIGNALS[signal]}，请在待办中继续办理", "success")
    except (Conflict, Forbidden) as exc:
        db.session.rollback()
        flash(exc.message, "error")
    return redirect(url_for("cases.show", case_id=case_id))
