from marshmallow import Schema, fields

from app.api.summaries import DocumentSummarySchema, HmtSchema, TeamLeaderSchema
from app.deadlines.schemas import ClockSchema
from app.parties.schemas import ComplainantSchema, DuplicateLinkSchema, DuplicateMatchSchema, PartySchema
from app.tasks.schemas import TaskSchema


class TicketSchema(Schema):
    id = fields.Integer(required=True)
    number = fields.String(required=True, metadata={"description": "工单编号"})
    channel = fields.String(required=True, metadata={"description": "投诉来源"})
    project_nature = fields.String(allow_none=True)
    received_at = fields.AwareDateTime(required=True)
    project_name = fields.String(required=True)
    respondent_name = fields.String(required=True)
    complainant_name = fields.String(required=True)
    complainant_phone = fields.String(required=True, metadata={"description": "第一投诉人联系电话（工单详情中按权限脱敏）"})
    summary = fields.String(required=True)
    people_count = fields.Integer(required=True)
    amount = fields.Decimal(as_string=True, places=2, required=True)
    migrant_worker_count = fields.Integer()
    status = fields.String(required=True)
    status_label = fields.String(required=True)
    stage = fields.String(required=True)


class RegisteredTicketSchema(TicketSchema):
    team_leader = fields.Nested(TeamLeaderSchema, metadata={"description": "班组长"})
    possible_duplicates = fields.List(fields.Nested(DuplicateMatchSchema),
                                      metadata={"description": "疑似重复投诉（已记录关联，登记不受阻）"})


class HistoryEntrySchema(Schema):
    task = fields.String(required=True)
    status = fields.String(required=True)
    by = fields.String(allow_none=True)
    at = fields.AwareDateTime(allow_none=True)
    data = fields.Dict()


class TicketDetailSchema(TicketSchema):
    open_tasks = fields.List(fields.Nested(TaskSchema))
    history = fields.List(fields.Nested(HistoryEntrySchema))
    clocks = fields.List(fields.Nested(ClockSchema))
    parties = fields.List(fields.Nested(PartySchema), metadata={"description": "当事人（证件号码、电话按权限脱敏）"})
    complainants = fields.List(fields.Nested(ComplainantSchema), metadata={"description": "投诉人（按权限脱敏）"})
    team_leader = fields.Nested(TeamLeaderSchema, metadata={"description": "班组长（电话按权限脱敏）"})
    hmt = fields.Nested(HmtSchema, metadata={"description": "是否涉港澳台及其依据（由证件类型、电话、地址得出）"})
    personal_data_unmasked = fields.Boolean(metadata={"description": "证件号码与电话是否未脱敏"})
    documents = fields.List(fields.Nested(DocumentSummarySchema), metadata={
        "description": "工单的文书（简要；完整信息见 url 或 /tickets/{id}/documents）"})
    possible_duplicates = fields.List(fields.Nested(DuplicateMatchSchema), metadata={"description": "疑似重复投诉"})
    duplicate_links = fields.List(fields.Nested(DuplicateLinkSchema), metadata={"description": "已记录的关联"})
