from marshmallow import Schema, fields


class TaskSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(attribute="bpmn_id", required=True, metadata={"description": "BPMN 任务标识"})
    title = fields.String(required=True, metadata={"description": "任务名称"})
    form_key = fields.String(allow_none=True)
    lane = fields.String(allow_none=True, metadata={"description": "泳道（角色）"})
    role_code = fields.String(allow_none=True)
    assignee_id = fields.Integer(allow_none=True)
    status = fields.String(required=True)
    created_at = fields.AwareDateTime()
    due_at = fields.AwareDateTime(allow_none=True, metadata={"description": "办理期限"})
    business_type = fields.String(required=True, metadata={"description": "ticket 或 case"})
    business_id = fields.Integer(required=True)
    business_number = fields.String(required=True, metadata={"description": "工单编号或案件编号"})
    business_title = fields.String()


class TaskListSchema(Schema):
    scope = fields.String(required=True)
    page = fields.Integer(required=True)
    items = fields.List(fields.Nested(TaskSchema), required=True)


class TaskDetailSchema(TaskSchema):
    form = fields.Dict(required=True, metadata={"description": "该任务表单的 JSON Schema"})
    data = fields.Dict(metadata={"description": "已提交的数据（已办任务）；待办任务为系统计算的预填值（如加处罚款金额）"})
    notes = fields.List(fields.Dict(), metadata={
        "description": "办理提示（如移送公安的数额标准核对）：title、lines、level；仅供参考，不影响提交"})
