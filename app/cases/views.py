"""Pages: the case list (with search) and the case page."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.permissions import has_permission, requires
from app.cases import flows, service
from app.context import workflow_env
from app.errors import Conflict, Forbidden, NotFound, ValidationFailed
from app.extensions import db
from app.tasks import reassign as reassign_service
from app.workflow import diagram

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
    return _render_case(case_id)


def _render_case(case_id: int, *, reassign_input: dict | None = None, reassign_errors: dict | None = None,
                 status: int = 200):
    env = workflow_env()
    view = flows.case_view(db.session, case_id=case_id, user=current_user, env=env)
    officers = flows.officers(db.session) if current_user.has_permission("task.reassign") else []
    diagrams = diagram.instance_diagram(db.session, env=env, business_type="case", business_id=view.case.id)
    return render_template("cases/show.html", view=view, case=view.case, signals=flows.SIGNALS, officers=officers,
                           diagrams=diagrams, reassign_input=reassign_input or {},
                           reassign_errors=reassign_errors or {}), status


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


@bp.post("/<int:case_id>/reassign")
@requires(has_permission("task.reassign"))
def reassign(case_id: int):
    form = request.form
    try:
        flows.visible_case(db.session, case_id=case_id, user=current_user)
        reassign_service.reassign_case(
            db.session, env=workflow_env(), business_type="case", business_id=case_id, actor=current_user,
            handler=form.get("handler", ""), co_handler=form.get("co_handler") or None, reason=form.get("reason", ""),
            confirmed=form.get("recusal_confirmed") in ("1", "true", "on"),
        )
        db.session.commit()
        flash("已改派承办执法人员", "success")
    except ValidationFailed as exc:  # the page again, with what the chief chose and typed
        db.session.rollback()
        flash(exc.message, "error")
        return _render_case(case_id, reassign_input=form.to_dict(), reassign_errors=exc.fields, status=400)
    except (Conflict, Forbidden, NotFound) as exc:
        db.session.rollback()
        flash(exc.message, "error")
    return redirect(url_for("cases.show", case_id=case_id))
