"""Pages: 我的待办, 待领取, 已办, and the task form."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.auth.permissions import has_permission, requires
from app.context import forms, workflow_env
from app.deadlines.task_list import clocks_of_tasks
from app.errors import Conflict, Forbidden, ValidationFailed
from app.extensions import db
from app.tasks import flows, notes, service
from app.tasks import reassign as reassign_service
from app.workflow import task_actions

bp = Blueprint("tasks", __name__, url_prefix="/tasks")
TITLES = {"mine": "我的待办", "group": "待领取", "done": "已办"}


def _render_list(scope: str):
    page = request.args.get("page", 1, type=int)
    try:
        filters = flows.parse_filter(request.args, env=workflow_env())
    except ValidationFailed as exc:
        flash(exc.message, "error")
        filters = None
    tasks = service.task_list(db.session, user=current_user, scope=scope, page=page, filters=filters)
    types = service.task_types(db.session, user=current_user, scope=scope)
    env = workflow_env()
    case_clocks = {} if scope == "done" else clocks_of_tasks(
        db.session, tasks, calendar=env.calendar(), today=env.clock.now().astimezone(env.tz).date())
    return render_template("tasks/list.html", tasks=tasks, scope=scope, title=TITLES[scope], page=page,
                           types=types, args=request.args, case_clocks=case_clocks)


@bp.get("/")
@requires(has_permission("task.work"))
def mine():
    return _render_list("mine")


@bp.get("/group")
@requires(has_permission("task.work"))
def group():
    return _render_list("group")


@bp.get("/done")
@requires(has_permission("task.work"))
def done():
    return _render_list("done")


@bp.route("/<int:task_id>", methods=["GET", "POST"])
@requires(has_permission("task.work"))
def work(task_id: int):
    task = task_actions.get_task(db.session, task_id)
    if not task_actions.may_view(current_user, task):
        abort(403)
    form = flows.task_form(db.session, registry=forms(), task=task)
    errors, status = {}, 200
    if request.method != "POST":  # what the form opens with; a POST shows what was sent
        values = {**flows.initial_values(db.session, env=workflow_env(), task=task, form=form),
                  **(task.submitted or {})}
    else:
        values = {k: v for k, v in request.form.items() if k != "csrf_token"}
        try:
            flows.complete(
                db.session, env=workflow_env(), registry=forms(), task_id=task_id, user=current_user, data=values
            )
            db.session.commit()
        except ValidationFailed as exc:
            db.session.rollback()
            errors, status = exc.fields, 400
            flash(exc.message, "error")
        except (Conflict, Forbidden) as exc:
            db.session.rollback()
            flash(exc.message, "error")
            return redirect(url_for("tasks.mine"))
        else:
            flash(f"已办理：{task.title}（{task.business_number}）", "success")
            return redirect(url_for("tasks.mine"))
    candidates = flows.reassign_candidates(db.session, task=task, user=current_user)
    return render_template("tasks/work.html", task=task, form=form, values=values, errors=errors,
                           candidates=candidates, documents=_step_documents(task),
                           notes=notes.for_task(db.session, task) if task.status == "open" else []), status


def _step_documents(task):
    """本环节文书: the documents this step issues, with those already made."""
    from app.documents.registry import RegistryError
    from app.documents.steps import step_documents
    from app.documents.views import document_env

    if task.business_type not in ("case", "ticket"):
        return []
    try:
        registry = document_env().registry
    except (OSError, RegistryError) as exc:  # the task can still be done; the documents tab says what is wrong
        current_app.logger.warning("document registry unavailable: %s", exc)
        return []
    return step_documents(db.session, registry, bpmn_id=task.bpmn_id,
                          business_type=task.business_type, business_id=task.business_id)


@bp.post("/<int:task_id>/claim")
@requires(has_permission("task.work"))
def claim(task_id: int):
    try:
        task = task_actions.claim(db.session, task_id=task_id, user=current_user)
        db.session.commit()
        flash(f"已领取：{task.title}", "success")
        return redirect(url_for("tasks.work", task_id=task_id))
    except (Conflict, Forbidden) as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return redirect(url_for("tasks.group"))


@bp.post("/<int:task_id>/reassign")
@requires(has_permission("task.reassign"))
def reassign(task_id: int):
    try:
        task = reassign_service.reassign_task(db.session, task_id=task_id, actor=current_user,
                                              assignee=request.form.get("assignee", ""),
                                              reason=request.form.get("reason", ""))
        db.session.commit()
        flash(f"已改派：{task.title}", "success")
    except (ValidationFailed, Conflict, Forbidden) as exc:
        db.session.rollback()
        flash(exc.message, "error")
    return redirect(url_for("tasks.work", task_id=task_id))


@bp.post("/<int:task_id>/give-back")
@requires(has_permission("task.work"))
def give_back(task_id: int):
    try:
        task = task_actions.give_back(db.session, task_id=task_id, user=current_user)
        db.session.commit()
        flash(f"已退回待领取：{task.title}", "success")
    except Conflict as exc:
        db.session.rollback()
        flash(exc.message, "error")
    return redirect(url_for("tasks.mine"))
