"""/api/v1/cases/<id>/workers: the roster (masked as on the page), add one worker, import an .xlsx."""
from __future__ import annotations

from flask import jsonify, request
from marshmallow import Schema, fields

from app.api.auth import api_user
from app.api.blueprint import api
from app.api.docs import documented
from app.api.request import json_object
from app.auth.permissions import has_permission, requires
from app.context import clock
from app.errors import ValidationFailed
from app.extensions import db
from app.roster import excel, service
from app.validation import ID_TYPES

_AMOUNT = {"description": "金额（元），不小于0，最多两位小数；字符串或数字"}


class WorkerSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True, metadata={"description": "姓名"})
    id_type = fields.String(required=True, metadata={"description": "证件类型代码", "enum": list(ID_TYPES)})
    id_type_label = fields.String(required=True, metadata={"description": "证件类型"})
    id_number = fields.String(required=True, metadata={"description": "证件号码（无权查看者得到脱敏号码）"})
    phone = fields.String(metadata={"description": "联系电话（无权查看者得到脱敏号码）"})
    is_migrant_worker = fields.Boolean(required=True, metadata={"description": "是否农民工"})
    amount_owed = fields.Decimal(as_string=True, places=2, required=True, metadata={"description": "欠薪金额"})
    amount_paid = fields.Decimal(as_string=True, places=2, required=True, metadata={"description": "已支付金额"})
    note = fields.String(allow_none=True, metadata={"description": "备注"})


class WorkerInputSchema(Schema):
    name = fields.String(required=True, metadata={"description": "姓名"})
    id_type = fields.String(required=True, metadata={
        "description": "证件类型：代码或中文名称（如 resident_id / 居民身份证、macao_id / 澳门居民身份证）",
        "enum": list(ID_TYPES) + list(ID_TYPES.values())})
    id_number = fields.String(required=True, metadata={"description": "证件号码，按证件类型校验"})
    phone = fields.String(metadata={"description": "联系电话（可选）"})
    is_migrant_worker = fields.Boolean(required=True, metadata={"description": "是否农民工（也接受“是”/“否”）"})
    amount_owed = fields.Raw(required=True, metadata={"type": "string", **_AMOUNT})
    amount_paid = fields.Raw(metadata={"type": "string", **_AMOUNT, "default": "0.00"})
    note = fields.String(metadata={"description": "备注"})


class WorkerTotalsSchema(Schema):
    people = fields.Integer(required=True, metadata={"description": "人数"})
    migrant_workers = fields.Integer(required=True, metadata={"description": "农民工人数"})
    owed = fields.Decimal(as_string=True, places=2, required=True, metadata={"description": "欠薪合计"})
    paid = fields.Decimal(as_string=True, places=2, required=True, metadata={"description": "已付合计"})
    outstanding = fields.Decimal(as_string=True, places=2, required=True, metadata={"description": "尚欠合计"})


class RosterSchema(Schema):
    items = fields.List(fields.Nested(WorkerSchema), required=True)
    totals = fields.Nested(WorkerTotalsSchema, required=True)
    unmasked = fields.Boolean(required=True, metadata={"description": "证件号码与电话是否未脱敏"})
    may_edit = fields.Boolean(required=True, metadata={"description": "当前用户可否修改名册"})


class RosterImportSchema(Schema):
    imported = fields.Integer(required=True, metadata={"description": "导入人数"})
    duplicates = fields.List(fields.String(), required=True,
                             metadata={"description": "已在名册中而未重复导入的行（第N行：…）"})
    items = fields.List(fields.Nested(WorkerSchema), required=True)


UPLOAD_BODY = {"type": "object", "required": ["file"], "description": "multipart/form-data",
               "properties": {"file": {"type": "string", "format": "binary",
                                       "description": "Excel 工作簿（.xlsx），表头：" + "、".join(
                                           label for _, label in excel.COLUMNS)}}}


def _body(row: service.WorkerRow) -> dict:
    w = row.worker
    return WorkerSchema().dump({
        "id": w.id, "name": w.name, "id_type": w.id_type, "id_type_label": row.id_type_label,
        "id_number": row.id_number, "phone": row.phone, "is_migrant_worker": w.is_migrant_worker,
        "amount_owed": w.amount_owed, "amount_paid": w.amount_paid, "note": w.note,
    })


@api.get("/cases/<int:case_id>/workers")
@documented(summary="欠薪工人名册及合计（证件号码、电话按权限脱敏）", tag="欠薪工人名册", response=RosterSchema)
@requires(has_permission("ticket.view"))
def list_workers(case_id: int):
    view = service.roster(db.session, case_id=case_id, user=api_user())
    return jsonify({"items": [_body(row) for row in view.rows], "totals": WorkerTotalsSchema().dump(view.totals),
                    "unmasked": view.unmasked, "may_edit": view.may_edit})


@api.post("/cases/<int:case_id>/workers")
@documented(summary="名册中加入一名工人（承办执法人员或科长）", tag="欠薪工人名册", body=WorkerInputSchema,
            response=WorkerSchema, status=201)
@requires(has_permission("ticket.view"))
def add_worker(case_id: int):
    worker = service.add_worker(db.session, case_id=case_id, user=api_user(), data=json_object(), now=clock().now())
    db.session.commit()
    return jsonify(_body(service.shown(worker, unmasked=True))), 201


@api.post("/cases/<int:case_id>/workers/import")
@documented(summary="从 Excel（.xlsx，multipart 字段 file）导入名册：任一行有误则不导入，错误按“第N行”列出",
            tag="欠薪工人名册", body=UPLOAD_BODY, response=RosterImportSchema, status=201)
@requires(has_permission("ticket.view"))
def import_workers(case_id: int):
    service.editable_case(db.session, case_id=case_id, user=api_user())
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise ValidationFailed("请上传 Excel 文件（multipart 字段 file）", fields={"file": ["请选择要导入的Excel文件"]})
    result = service.import_workers(db.session, case_id=case_id, user=api_user(), rows=excel.read_rows(upload.stream),
                                    now=clock().now())
    db.session.commit()
    return jsonify({"imported": len(result.added), "duplicates": result.duplicates,
                    "items": [_body(service.shown(w, unmasked=True)) for w in result.added]}), 201
