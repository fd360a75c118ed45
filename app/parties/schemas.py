"""Marshmallow schemas of parties, complainants, duplicate matches and recusals (API + OpenAPI)."""
from __future__ import annotations

from marshmallow import Schema, fields

from app.parties.models import PARTY_ROLES, RECUSAL_STATUS
from app.validation import ID_TYPES

_MASKED = "（无权查看者得到脱敏号码）"


class PartySchema(Schema):
    id = fields.Integer(required=True)
    role = fields.String(required=True, metadata={"description": "当事人类别", "enum": list(PARTY_ROLES)})
    role_label = fields.String(required=True, metadata={"description": "当事人类别（中文）"})
    name = fields.String(required=True, metadata={"description": "单位名称 / 姓名"})
    credit_code = fields.String(allow_none=True, metadata={"description": "统一社会信用代码"})
    nature = fields.String(allow_none=True, metadata={"description": "单位性质"})
    legal_representative = fields.String(allow_none=True, metadata={"description": "法定代表人"})
    manager_name = fields.String(allow_none=True, metadata={"description": "负责人姓名"})
    address = fields.String(allow_none=True, metadata={"description": "单位地址"})
    agent_name = fields.String(allow_none=True, metadata={"description": "授权委托人姓名（分包单位）"})
    agent_phone = fields.String(allow_none=True, metadata={"description": "授权委托人联系方式" + _MASKED})
    id_type = fields.String(allow_none=True, metadata={"description": "证件类型（欠薪直接责任人）",
                                                        "enum": list(ID_TYPES)})
    id_number = fields.String(allow_none=True, metadata={"description": "证件号码" + _MASKED})
    owes_wages = fields.Boolean(required=True, metadata={"description": "是否欠薪单位"})


class PartyInputSchema(Schema):
    """For the OpenAPI description; the body is validated by the registration form's row form of the role."""

    role = fields.String(required=True, metadata={"description": "当事人类别（新增时必填）", "enum": list(PARTY_ROLES)})
    name = fields.String(required=True, metadata={"description": "单位名称 / 姓名"})
    credit_code = fields.String(metadata={"description": "统一社会信用代码（校验校验码）"})
    nature = fields.String(metadata={"description": "单位性质"})
    legal_representative = fields.String(metadata={"description": "法定代表人"})
    manager_name = fields.String(metadata={"description": "负责人姓名"})
    address = fields.String(metadata={"description": "单位地址"})
    agent_name = fields.String(metadata={"description": "授权委托人姓名（仅分包单位）"})
    agent_phone = fields.String(metadata={"description": "授权委托人联系方式（仅分包单位）"})
    owes_wages = fields.Boolean(metadata={"description": "是否欠薪单位（建设/总包/分包单位）"})
    id_type = fields.String(metadata={"description": "证件类型（仅欠薪直接责任人）", "enum": list(ID_TYPES)})
    id_number = fields.String(metadata={"description": "证件号码，按证件类型校验（仅欠薪直接责任人）"})


class ComplainantSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True, metadata={"description": "姓名"})
    gender = fields.String(allow_none=True, metadata={"description": "性别"})
    phone = fields.String(allow_none=True, metadata={"description": "联系电话" + _MASKED})
    id_type = fields.String(allow_none=True, metadata={"description": "证件类型", "enum": list(ID_TYPES)})
    id_number = fields.String(allow_none=True, metadata={"description": "证件号码" + _MASKED})
    service_address = fields.String(allow_none=True, metadata={"description": "法律文书指定送达地址"})
    is_migrant_worker = fields.Boolean(required=True, metadata={"description": "是否农民工"})


class ComplainantInputSchema(Schema):
    name = fields.String(required=True, metadata={"description": "姓名"})
    gender = fields.String(metadata={"description": "性别", "enum": ["男", "女"]})
    phone = fields.String(required=True, metadata={"description": "联系电话"})
    id_type = fields.String(metadata={"description": "证件类型", "enum": list(ID_TYPES)})
    id_number = fields.String(metadata={"description": "证件号码，按证件类型校验"})
    service_address = fields.String(metadata={"description": "法律文书指定送达地址"})
    is_migrant_worker = fields.Boolean(metadata={"description": "是否农民工"})


class TeamLeaderInputSchema(Schema):
    name = fields.String(allow_none=True, metadata={"description": "班组长姓名（省略或留空即清除）"})
    phone = fields.String(allow_none=True, metadata={"description": "班组长联系电话（同投诉人电话的校验）"})


class PartyListSchema(Schema):
    items = fields.List(fields.Nested(PartySchema), required=True)
    unmasked = fields.Boolean(required=True, metadata={"description": "证件号码与电话是否未脱敏"})
    may_edit = fields.Boolean(required=True, metadata={"description": "当前用户可否更正"})


class ComplainantListSchema(Schema):
    items = fields.List(fields.Nested(ComplainantSchema), required=True)
    unmasked = fields.Boolean(required=True, metadata={"description": "证件号码与电话是否未脱敏"})
    may_edit = fields.Boolean(required=True, metadata={"description": "当前用户可否更正"})


class DuplicateMatchSchema(Schema):
    kind = fields.String(required=True, metadata={"description": "ticket 工单 / case 案件"})
    id = fields.Integer(required=True)
    number = fields.String(required=True, metadata={"description": "工单或案件编号"})
    project_name = fields.String(required=True)
    respondent_name = fields.String(required=True)
    status_label = fields.String(required=True)
    reasons = fields.List(fields.String(), required=True, metadata={"description": "相同之处（电话、证件号码按权限脱敏）"})


class DuplicateListSchema(Schema):
    items = fields.List(fields.Nested(DuplicateMatchSchema), required=True)


class DuplicateLinkSchema(Schema):
    kind = fields.String(required=True, metadata={"description": "suspected 登记时提示的疑似重复 / merged 已并入"})
    target_type = fields.String(required=True)
    target_id = fields.Integer(required=True)
    target_number = fields.String(required=True)


class RecusalSchema(Schema):
    id = fields.Integer(required=True)
    user_id = fields.Integer(required=True, metadata={"description": "回避的执法人员"})
    reason = fields.String(required=True, metadata={"description": "回避理由"})
    status = fields.String(required=True, metadata={"enum": list(RECUSAL_STATUS)})
    status_label = fields.String(required=True)
    requested_by_id = fields.Integer(required=True)
    requested_at = fields.AwareDateTime(required=True)
    decided_by_id = fields.Integer(allow_none=True)
    decided_at = fields.AwareDateTime(allow_none=True)
    decision_note = fields.String(allow_none=True)


class RecusalListSchema(Schema):
    items = fields.List(fields.Nested(RecusalSchema), required=True)
    recused_holders = fields.List(fields.Integer(), required=True,
                                  metadata={"description": "已获准回避却仍在承办本案的执法人员（须改派）"})


class RecusalRequestSchema(Schema):
    username = fields.String(load_default=None, metadata={"description": "执法人员用户名；省略为本人（科长可为他人登记）"})
    reason = fields.String(required=True, metadata={"description": "回避理由"},
                           error_messages={"required": "请填写回避理由"})


class RecusalDecisionSchema(Schema):
    decision = fields.String(required=True, metadata={"enum": ["approve", "reject"], "description": "批准回避 / 不予回避"},
                             error_messages={"required": "请选择审批结果"})
    note = fields.String(load_default="", metadata={"description": "审批意见"})


def party_body(row) -> dict:
    p = row.party
    return PartySchema().dump({
        "id": p.id, "role": p.role, "role_label": p.role_label, "name": p.name, "credit_code": p.credit_code,
        "nature": p.nature, "legal_representative": p.legal_representative, "manager_name": p.manager_name,
        "address": p.address, "agent_name": p.agent_name, "agent_phone": row.agent_phone, "id_type": p.id_type,
        "id_number": row.id_number, "owes_wages": p.owes_wages,
    })


def complainant_body(row) -> dict:
    c = row.complainant
    return ComplainantSchema().dump({
        "id": c.id, "name": c.name, "gender": c.gender, "phone": row.phone, "id_type": c.id_type,
        "id_number": row.id_number, "service_address": c.service_address, "is_migrant_worker": c.is_migrant_worker,
    })
