"""/api/v1/cases: list and search, read (stage, clocks, tasks, history), extension/suspension applications."""
from __future__ import annotations

from flask import jsonify, request
from marshmallow import Schema, fields

from app.api import summaries
from app.api.auth import api_user
from app.api.blueprint import api
from app.api.docs import documented
from app.api.request import load_json
from app.auth.permissions import has_permission, requires
from app.cases import flows, service
from app.cases.schemas import CaseDetailSchema, CaseSchema, SignalSchema
from app.context import workflow_env
from app.deadlines.schemas import ClockSchema
from app.extensions import db
from app.roster.service import may_see_personal_data
from app.tasks import reassign as reassign_service
from app.tasks.schemas import TaskSchema
from app.tickets.schemas import HistoryEntrySchema


@api.get("/cases")
@documented(summary="案件列表（可按编号、项目、单位、投诉人检索）", tag="案件", response=CaseSchema,
            query={"q": {"type": "string"}})
@requires(has_permission("ticket.view"))
def list_cases():
    cases = service.visible_cases(db.session, user=api_user(), query=request.args.get("q", ""))
    return jsonify({"items": CaseSchema(many=True).dump(cases)})


def _detail(case_id: int) -> dict:
    env = workflow_env()
    view = flows.case_view(db.session, case_id=case_id, user=api_user(), env=env)
    body = CaseSchema().dump(view.case)
    body["open_tasks"] = TaskSchema(many=True).dump(view.open_tasks)
    body["history"] = HistoryEntrySchema(many=True).dump(view.history)
    body["clocks"] = ClockSchema(many=True).dump(view.clocks)
    body["process_deadlines"] = [{"rule": d.code, "name": d.name, "source": d.source, "due_at": d.due.isoformat()}
                                 for d in view.process_deadlines]
    body.update(summaries.people_of(db.session, view.case, unmasked=may_see_personal_data(api_user(), view.case)))
    body["documents"] = summaries.documents_of(db.session, view.case)
    return body


@api.get("/cases/<int:case_id>")
@documented(summary="案件详情：阶段、当事人、投诉人、班组长（按权限脱敏）、金额、期限、当前待办、办理历史、执法文书", tag="案件",
            response=CaseDetailSchema)
@requires(has_permission("ticket.view"))
def get_case(case_id: int):
    return jsonify(_detail(case_id))


@api.post("/cases/<int:case_id>/signals/<signal>")
@documented(summary="提出延期（apply_extension）或中止调查（apply_suspension）申请", tag="案件", body=SignalSchema,
            response=CaseDetailSchema)
@requires(has_permission("task.work"))
def send_case_signal(case_id: int, signal: str):
    data = load_json(SignalSchema())
    flows.send_signal(db.session, env=workflow_env(), case_id=case_id, user=api_user(), signal=signal,
                      reason=data["reason"])
    db.session.commit()
    return jsonify(_detail(case_id))


class CaseReassignSchema(Schema):
    handler = fields.String(required=True, metadata={"description": "主办执法人员（用户名）"})
    co_handler = fields.String(load_default=None, metadata={"description": "协办执法人员（用户名）"})
    reason = fields.String(required=True, metadata={"description": "改派理由"})
    recusal_confirmed = fields.Boolean(load_default=False, metadata={
        "description": "已核实无需回避：所选人员与当事人或投诉人同名时须为 true"})


@api.post("/cases/<int:case_id>/reassign")
@documented(summary="科长改派整个案件的承办执法人员（须填写理由）", tag="案件", body=CaseReassignSchema,
            response=CaseDetailSchema)
@requires(has_permission("task.reassign"))
def reassign_case(case_id: int):
    data = load_json(CaseReassignSchema())
    flows.visible_case(db.session, case_id=case_id, user=api_user())
    reassign_service.reassign_case(db.session, env=workflow_env(), business_type="case", business_id=case_id,
                                   actor=api_user(), handler=data["handler"], co_handler=data["co_handler"],
                                   reason=data["reason"], confirmed=data["recusal_confirmed"])
    db.session.commit()
    return jsonify(_detail(case_id))
