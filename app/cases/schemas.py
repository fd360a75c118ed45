from marshmallow import Schema, fields

from app.api.summaries import DocumentSummarySchema, HmtSchema, TeamLeaderSchema
from app.deadlines.schemas import ClockSchema
from app.parties.schemas import ComplainantSchema, PartySchema
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


class ProcessDeadlineSchema(Schema):
    rule = fields.String(required=True)
    name = fields.String(required=True, metadata={"description": "期间"})
    source = fields.String(required=True, metadata={"description": "依据"})
    due_at = fields.String(required=True, metadata={"description": "届满时间（ISO 8601）"})


class CaseDetailSchema(CaseSchema):
    open_tasks = fields.List(fields.Nested(TaskSchema))
    history = fields.List(fields.Nested(HistoryEntrySchema))
    clocks = fields.List(fields.Nested(ClockSchema))
    process_deadlines = fields.List(fields.Nested(ProcessDeadlineSchema), metadata={"description": "程序期间"})
    parties = fields.List(fields.Nested(PartySchema), required=True, metadata={
        "description": "当事人（证件号码、电话按权限脱敏，同 /cases/{id}/parties）"})
    complainants = fields.List(fields.Nested(ComplainantSchema), required=True, metadata={
        "description": "投诉人（按权限脱敏，同 /cases/{id}/complainants）"})
    team_leader = fields.Nested(TeamLeaderSchema, required=True, metadata={"description": "班组长（电话按权限脱敏）"})
    hmt = fields.Nested(HmtSchema, metadata={"description": "是否涉港澳台及其依据（由证件类型、电话、地址得出）"})
    personal_data_unmasked = fields.Boolean(required=True, metadata={"description": "证件号码与电话是否未脱敏"})
    documents = fields.List(fields.Nested(DocumentSummarySchema), required=True, metadata={
        "description": "执法文书（简要；完整信息见 url 或 /cases/{id}/documents）"})


class SignalSchema(Schema):
    reason = fields.String(required=True, metadata={"description": "申请理由"},
                           error_messages={"required": "请填写申请理由"})
