from marshmallow import Schema, fields

from app.deadlines.schemas import ClockSchema
from app.tasks.schemas import TaskSchema
from app.tickets.schemas import HistoryEntrySchema


class CaseSchema(Schema):
    id = fields.Integer(required=True)
    number = fields.String(required=True, metadata={"description": "案件编号"})
    ticket_id = fields.Integer(allow_none=True)
    source = fields.String()
    project_name = fields.String(required=True)
    respondent_name = fields.String(required=True)
    complainant_name = fields.String(allow_none=True)
    people_count = fields.Integer()
    amount = fields.Decimal(as_string=True, places=2)
    migrant_worker_count = fields.Integer()
    status = fields.String(required=True)
    status_label = fields.String(required=True)
    stage = fields.String(required=True, metadata={"description": "当前阶段"})
    outcome = fields.String(allow_none=True)
    case_cause = fields.String(allow_none=True)
    filed_on = fields.Date(allow_none=True)
    decided_on = fields.Date(allow_none=True)
    closed_on = fields.Date(allow_none=True)
    handler_id = fields.Integer(allow_none=True)
    co_handler_id = fields.Integer(allow_none=True)


class CaseDetailSchema(CaseSchema):
    open_tasks = fields.List(fields.Nested(TaskSchema))
    history = fields.List(fields.Nested(HistoryEntrySchema))
    clocks = fields.List(fields.Nested(ClockSchema))


class SignalSchema(Schema):
    reason = fields.String(required=True, metadata={"description": "申请理由"},
                           error_messages={"required": "请填写申请理由"})
