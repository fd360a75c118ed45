"""/api/v1/tickets: the registration form, register, read."""
from __future__ import annotations

from flask import jsonify

from app.api import summaries
from app.api.auth import api_user
from app.api.blueprint import api
from app.api.docs import documented
from app.api.request import json_object
from app.api.summaries import TeamLeaderSchema
from app.auth.permissions import has_permission, requires
from app.context import forms, workflow_env
from app.deadlines.schemas import ClockSchema
from app.extensions import db
from app.forms import service as forms_service
from app.parties import duplicates
from app.parties.schemas import DuplicateLinkSchema, DuplicateListSchema, DuplicateMatchSchema
from app.search.service import may_see_phone
from app.tasks.schemas import TaskSchema
from app.tickets import flows, service
from app.tickets.schemas import HistoryEntrySchema, RegisteredTicketSchema, TicketDetailSchema, TicketSchema
from app.validation import mask_phone

REGISTRATION_FORM = "ticket_registration"


@api.get("/tickets/form")
@documented(summary="工单登记表单（JSON Schema）", tag="工单", response={"type": "object"})
@requires(has_permission("ticket.register"))
def ticket_form():
    return jsonify(forms_service.form_for(db.session, registry=forms(), form_key=REGISTRATION_FORM).schema)


REGISTRATION_BODY = {
    "type": "object",
    "description": "按登记表单（GET /tickets/form）填写：complainants 为投诉人列表（至少一人），"
                   "construction_units / general_contractors / subcontractors / responsible_units / "
                   "responsible_persons 为各类当事人列表；至少须有一个欠薪直接责任单位，或在其他单位中 owes_wages 为 true。"
                   "逐行校验，错误键形如 complainants[1].id_number。"
                   "兼容旧格式：respondent_name + complainant_name + complainant_phone 视为一个欠薪直接责任单位和一名投诉人。",
}


@api.post("/tickets")
@documented(summary="登记工单（含投诉人与当事人；返回疑似重复投诉，登记不受阻）", tag="工单",
            body=REGISTRATION_BODY, response=RegisteredTicketSchema, status=201)
@requires(has_permission("ticket.register"))
def register_ticket():
    user = api_user()
    data = service.validated(db.session, registry=forms(), raw=json_object(), env=workflow_env())
    matches = duplicates.find(db.session, duplicates.criteria_from_data(data), unmasked=may_see_phone(user))
    ticket = service.register(db.session, env=workflow_env(), data=data, user=user)
    duplicates.record_suspected(db.session, ticket=ticket, matches=matches, user=user, confirmed=True)
    db.session.commit()
    body = TicketSchema().dump(ticket)
    body["team_leader"] = TeamLeaderSchema().dump({"name": ticket.team_leader_name, "phone": ticket.team_leader_phone})
    body["possible_duplicates"] = DuplicateMatchSchema(many=True).dump(matches)
    return jsonify(body), 201


@api.post("/tickets/duplicate-check")
@documented(summary="重复投诉检查：与登记数据有相同单位、项目或投诉人的在办工单和案件（不登记）", tag="工单",
            body=REGISTRATION_BODY, response=DuplicateListSchema)
@requires(has_permission("ticket.register"))
def check_duplicates():
    env = workflow_env()
    criteria = duplicates.criteria_from_raw(json_object(), today=env.clock.now().astimezone(env.tz).date())
    matches = duplicates.find(db.session, criteria, unmasked=may_see_phone(api_user()))
    return jsonify({"items": DuplicateMatchSchema(many=True).dump(matches)})


@api.get("/tickets/<int:ticket_id>")
@documented(summary="工单详情（含当事人、投诉人、班组长（按权限脱敏）、文书、疑似重复投诉、当前待办与办理历史）", tag="工单",
            response=TicketDetailSchema)
@requires(has_permission("ticket.view"))
def get_ticket(ticket_id: int):
    env = workflow_env()
    view = flows.ticket_view(db.session, ticket_id=ticket_id, calendar=env.calendar(),
                             today=env.clock.now().astimezone(env.tz).date())
    body = TicketSchema().dump(view.ticket)
    body["open_tasks"] = TaskSchema(many=True).dump(view.open_tasks)
    body["history"] = HistoryEntrySchema(many=True).dump(view.history)
    body["clocks"] = ClockSchema(many=True).dump(view.clocks)
    unmasked = may_see_phone(api_user())
    if not unmasked:
        body["complainant_phone"] = mask_phone(body["complainant_phone"])
    body.update(summaries.people_of(db.session, view.ticket, unmasked=unmasked))
    body["documents"] = summaries.documents_of(db.session, view.ticket)
    body["possible_duplicates"] = DuplicateMatchSchema(many=True).dump(
        duplicates.for_ticket(db.session, view.ticket, unmasked=unmasked) if view.ticket.status == "open" else [])
    body["duplicate_links"] = DuplicateLinkSchema(many=True).dump(duplicates.links_of(db.session, ticket_id=ticket_id))
    return jsonify(body)
