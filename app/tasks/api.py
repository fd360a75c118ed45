"""/api/v1/tasks: list, read (with the form as JSON Schema), claim, give back, complete."""
from __future__ import annotations

from flask import jsonify, request
from marshmallow import Schema, fields

from app.api.auth import api_user
from app.api.blueprint import api
from app.api.docs import documented
from app.api.request import json_object, load_json
from app.auth.permissions import has_permission, requires
from app.context import forms, workflow_env
from app.errors import Forbidden, ValidationFailed
from app.extensions import db
from app.tasks import flows, notes, service
from app.tasks import reassign as reassign_service
from app.tasks.schemas import TaskDetailSchema, TaskListSchema, TaskSchema
from app.workflow import task_actions

SCOPE_QUERY = {
    "scope": {"type": "string", "enum": list(service.SCOPES), "default": "mine"},
    "page": {"type": "integer", "minimum": 1, "default": 1},
    "type": {"type": "string", "description": "任务类型（BPMN 任务标识）"},
    "number": {"type": "string", "description": "工单或案件编号（部分匹配）"},
    "party": {"type": "string", "description": "项目名称、任一当事人、投诉人或班组长（同 /search 的匹配）"},
    "due_within": {"type": "integer", "minimum": 0, "maximum": 60, "description": "N个工作日内到期"},
    "overdue": {"type": "boolean", "description": "只看已逾期"},
}


@api.get("/tasks")
@documented(summary="待办列表（mine 我的待办 / group 待领取 / done 已办）", tag="待办",
            response=TaskListSchema, query=SCOPE_QUERY)
@requires(has_permission("task.work"))
def list_tasks():
    scope = request.args.get("scope", "mine")
    if scope not in service.SCOPES:
        raise ValidationFailed("scope 取值应为 mine、group 或 done", fields={"scope": ["取值无效"]})
    page = request.args.get("page", 1, type=int)
    filters = flows.parse_filter(request.args, env=workflow_env())
    items = service.task_list(db.session, user=api_user(), scope=scope, page=page, filters=filters)
    return jsonify(TaskListSchema().dump({"scope": scope, "page": page, "items": items}))


def _detail(task_id: int) -> dict:
    task = task_actions.get_task(db.session, task_id)
    if not task_actions.may_view(api_user(), task):
        raise Forbidden("无权查看该待办")
    form = flows.task_form(db.session, registry=forms(), task=task)
    initial = flows.initial_values(db.session, env=workflow_env(), task=task, form=form)
    task_notes = [n.as_dict() for n in notes.for_task(db.session, task)] if task.status == "open" else []
    return {**TaskSchema().dump(task), "form": form.schema, "data": task.submitted or initial, "prefill": initial,
            "notes": task_notes}


@api.get("/tasks/<int:task_id>")
@documented(summary="待办详情及其表单（JSON Schema）", tag="待办", response=TaskDetailSchema)
@requires(has_permission("task.work"))
def get_task(task_id: int):
    return jsonify(_detail(task_id))


@api.post("/tasks/<int:task_id>/claim")
@documented(summary="领取待办", tag="待办", response=TaskSchema)
@requires(has_permission("task.work"))
def claim_task(task_id: int):
    task = task_actions.claim(db.session, task_id=task_id, user=api_user())
    db.session.commit()
    return jsonify(TaskSchema().dump(task))


@api.post("/tasks/<int:task_id>/give-back")
@documented(summary="退回待领取（只能退回自己领取的待办；流程指定办理人的待办不能退回）", tag="待办", response=TaskSchema)
@requires(has_permission("task.work"))
def give_back_task(task_id: int):
    task = task_actions.give_back(db.session, task_id=task_id, user=api_user())
    db.session.commit()
    return jsonify(TaskSchema().dump(task))


@api.post("/tasks/<int:task_id>/complete")
@documented(summary="提交表单并办结待办；请求体为表单数据", tag="待办", body={"type": "object"},
            response=TaskListSchema)
@requires(has_permission("task.work"))
def complete_task(task_id: int):
    instance = flows.complete(
        db.session, env=workflow_env(), registry=forms(), task_id=task_id, user=api_user(), data=json_object()
    )
    db.session.commit()
    next_tasks = service.open_tasks(db.session, business_type=instance.business_type, business_id=instance.business_id)
    return jsonify({"scope": "next", "page": 1, "items": TaskSchema(many=True).dump(next_tasks)})


class ReassignSchema(Schema):
    assignee = fields.String(required=True, metadata={"description": "改派给（用户名）"})
    reason = fields.String(required=True, metadata={"description": "改派理由"})


@api.post("/tasks/<int:task_id>/reassign")
@documented(summary="科长改派待办（须填写理由）", tag="待办", body=ReassignSchema, response=TaskSchema)
@requires(has_permission("task.reassign"))
def reassign_task(task_id: int):
    data = load_json(ReassignSchema())
    task = reassign_service.reassign_task(db.session, task_id=task_id, actor=api_user(), assignee=data["assignee"],
                                          reason=data["reason"])
    db.session.commit()
    return jsonify(TaskSchema().dump(task))
