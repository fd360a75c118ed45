"""/api/v1/tickets: the registration form, register, read."""
from __future__ import annotations

from flask import jsonify

from app.api.auth import api_user
from app.api.blueprint import api
from app.api.docs import documented
from app.api.request import json_object
from app.auth.permissions import has_permission, requires
from app.context import forms, workflow_env
from app.deadlines.schemas import ClockSchema
from app.extensions import db
from app.forms import service as forms_service
from app.tasks.schemas import TaskSchema
from app.tickets import flows, service
from app.tickets.schemas import HistoryEntrySchema, TicketDetailSchema, TicketSchema

REGISTRATION_FORM = "ticket_registration"


@api.get("/tickets/form")
@documented(summary="工单登记表单（JSON Schema）", tag="工单", response={"type": "object"})
@requires(has_permission("ticket.register"))
def ticket_form():
    return jsonify(forms_service.form_for(db.session, registry=forms(), form_key=REGISTRATION_FORM).schema)


@api.post("/tickets")
@documented(summary="登记工单（请求体按登记表单填写）", tag="工单", body={"type": "object"},
            response=TicketSchema, status=201)
@requires(has_permission("ticket.register"))
def register_ticket():
    data = forms_service.validated(db.session, registry=forms(), form_key=REGISTRATION_FORM, data=json_object())
    ticket = service.register(db.session, env=workflow_env(), data=data, user=api_user())
    db.session.commit()
    return jsonify(TicketSchema().dump(ticket)), 201


@api.get("/tickets/<int:ticket_id>")
@documented(summary="工单详情（含当前待办与办理历史）", tag="工单", response=TicketDetailSchema)
@requires(has_permission("ticket.view"))
def get_ticket(ticket_id: int):
    env = workflow_env()
    view = flows.ticket_view(db.session, ticket_id=ticket_id, calendar=env.calendar(),
                             today=env.clock.now().astimezone(env.tz).date())
    body = TicketSchema().dump(view.ticket)
    body["open_tasks"] = TaskSchema(many=True).dump(view.open_tasks)
    body["history"] = HistoryEntrySchema(many=True).dump(view.history)
    body["clocks"] = ClockSchema(many=True).dump(view.clocks)
    return jsonify(body)
