"""/api/v1: document kinds, a case's or ticket's documents (list, generate), one document
(versions, issue, void, re-issue, service, download) and the case file."""
from __future__ import annotations

from flask import jsonify, request, url_for
from marshmallow import Schema, fields

from app.api.auth import api_user
from app.api.blueprint import api
from app.api.docs import documented
from app.api.request import json_object
from app.auth.permissions import has_permission, requires
from app.context import clock
from app.documents import pdf, service, service_records
from app.documents.models import SERVICE_METHODS, Document, ServiceRecord
from app.documents.views import document_env, send_case_file, send_version, today
from app.extensions import db

TAG = "执法文书"
VIEW = has_permission("ticket.view")


class InputSchema(Schema):
    name = fields.String(required=True)
    label = fields.String(required=True)
    type = fields.String(required=True, metadata={"enum": ["string", "text", "date", "datetime", "money", "integer"]})
    required = fields.Boolean(required=True)


class KindSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True, metadata={"description": "文书名称"})
    subject = fields.String(required=True, metadata={"enum": ["case", "ticket"]})
    stage = fields.String(required=True, metadata={"description": "程序阶段"})
    numbered = fields.Boolean(required=True, metadata={"description": "签发时是否编号"})
    served = fields.Boolean(required=True, metadata={"description": "是否需要送达"})
    service_clock = fields.String(allow_none=True, metadata={"description": "送达后开始计算的期限（规则代码）"})
    step = fields.String(allow_none=True, metadata={"description": "制发该文书的流程环节"})
    inputs = fields.List(fields.Nested(InputSchema), required=True)


class KindListSchema(Schema):
    items = fields.List(fields.Nested(KindSchema), required=True)


class ServiceSchema(Schema):
    id = fields.Integer(required=True)
    method = fields.String(required=True, metadata={"enum": list(SERVICE_METHODS)})
    method_label = fields.String(required=True)
    recipient = fields.String(required=True)
    signed_by = fields.String(allow_none=True)
    witnesses = fields.String(allow_none=True)
    media_reference = fields.String(allow_none=True)
    tracking_number = fields.String(allow_none=True)
    consent_reference = fields.String(allow_none=True)
    address = fields.String(allow_none=True)
    notice_carrier = fields.String(allow_none=True)
    notice_period_days = fields.Integer(allow_none=True)
    delivered_on = fields.Date(required=True)
    served_on = fields.Date(required=True, metadata={"description": "送达日期（公告送达为公告期满之日）"})
    clock_id = fields.Integer(allow_none=True, metadata={"description": "送达开始计算的法定期限"})


class VersionSchema(Schema):
    version = fields.Integer(required=True)
    is_issued = fields.Boolean(required=True)
    sha256 = fields.String(required=True)
    size = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    docx_url = fields.String(required=True)
    pdf_url = fields.String(allow_none=True, metadata={"description": "未安装 LibreOffice 时为 null"})


class DocumentSchema(Schema):
    id = fields.Integer(required=True)
    case_id = fields.Integer(allow_none=True)
    ticket_id = fields.Integer(allow_none=True)
    kind = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.String(required=True, metadata={"enum": ["draft", "issued", "void"]})
    status_label = fields.String(required=True)
    number = fields.String(allow_none=True, metadata={"description": "文号（签发后）"})
    current_version = fields.Integer(required=True)
    issued_on = fields.Date(allow_none=True)
    void_reason = fields.String(allow_none=True)
    replaces_id = fields.Integer(allow_none=True)
    inputs = fields.Dict(required=True)
    service_state = fields.String(required=True, metadata={"description": "送达情况"})
    services = fields.List(fields.Nested(ServiceSchema), required=True)
    versions = fields.List(fields.Nested(VersionSchema), required=True)
    missing = fields.List(fields.String(), metadata={"description": "签发前还须补齐的内容（生成草稿时）"})


class DocumentListSchema(Schema):
    items = fields.List(fields.Nested(DocumentSchema), required=True)
    may_edit = fields.Boolean(required=True)
    pdf_available = fields.Boolean(required=True, metadata={"description": "服务器是否安装了 LibreOffice"})


GENERATE_BODY = {"type": "object", "required": ["kind"], "properties": {
    "kind": {"type": "string", "description": "文书种类代码（见 /document-kinds）"},
    "inputs": {"type": "object", "description": "该文书需另行填写的内容（见 kinds[].inputs）"}}}
REGENERATE_BODY = {"type": "object", "properties": {"inputs": {"type": "object"}}}
VOID_BODY = {"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string", "minLength": 4}}}
SERVICE_BODY = {"type": "object", "required": ["method", "recipient", "delivered_on"], "properties": {
    "method": {"type": "string", "enum": list(SERVICE_METHODS), "description": "、".join(SERVICE_METHODS.values())},
    "recipient": {"type": "string"}, "delivered_on": {"type": "string", "format": "date",
                                                      "description": "送达日期；公告送达为公告日期"},
    "signed_by": {"type": "string", "description": "直接送达：签收人"},
    "witnesses": {"type": "string", "description": "留置送达：见证人（或 media_reference）"},
    "media_reference": {"type": "string", "description": "留置送达：拍照、录像记录"},
    "tracking_number": {"type": "string", "description": "邮寄送达：邮件单号"},
    "address": {"type": "string", "description": "邮寄地址 / 电子送达地址"},
    "consent_reference": {"type": "string", "description": "电子送达：当事人同意的确认书"},
    "notice_carrier": {"type": "string", "description": "公告送达：公告载体"},
    "absconding": {"type": "boolean", "description": "欠薪逃匿或群体性事件（公告期3日，否则60日）"},
    "note": {"type": "string"}}}
FILE_QUERY = {"version": {"type": "integer", "description": "版本号，缺省为最新版本"},
              "format": {"type": "string", "enum": ["docx", "pdf"], "description": "缺省 docx"}}


def _version(document: Document, v) -> dict:
    return {"version": v.version, "is_issued": v.is_issued, "sha256": v.sha256, "size": v.size,
            "created_at": v.created_at,
            "docx_url": url_for("api.document_file", document_id=document.id, version=v.version),
            "pdf_url": url_for("api.document_file", document_id=document.id, version=v.version, format="pdf")
            if pdf.available() else None}


def _service(record: ServiceRecord) -> dict:
    return {k: getattr(record, k) for k in ServiceSchema().fields}


def _body(document: Document, missing: list[str] | None = None) -> dict:
    body = {k: getattr(document, k) for k in (
        "id", "case_id", "ticket_id", "kind", "title", "status", "status_label", "number", "current_version",
        "issued_on", "void_reason", "replaces_id", "inputs")}
    body.update(service_state=service_records.service_state(document) if document.status == "issued" else "—",
                services=[_service(s) for s in document.services],
                versions=[_version(document, v) for v in document.versions])
    if missing is not None:
        body["missing"] = missing
    return DocumentSchema().dump(body)


@api.get("/document-kinds")
@documented(summary="文书种类（文书登记表）", tag=TAG, response=KindListSchema,
            query={"subject": {"type": "string", "enum": ["case", "ticket"]}})
@requires(VIEW)
def document_kinds():
    kinds = document_env().registry.kinds.values()
    subject = request.args.get("subject")
    return jsonify({"items": [KindSchema().dump({
        "code": k.code, "name": k.name, "subject": k.subject, "stage": k.stage, "numbered": bool(k.number_pattern),
        "served": k.served, "service_clock": k.service_clock, "step": k.step,
        "inputs": [vars(i) for i in k.inputs]}) for k in sorted(kinds, key=lambda k: (k.subject, k.order))
        if subject in (None, k.subject)]})


def _list(subject_type: str, subject_id: int):
    user = api_user()
    subject = service.subject_for_view(db.session, subject_type=subject_type, subject_id=subject_id, user=user)
    return jsonify({"items": [_body(d) for d in service.listing(db.session, subject)],
                    "may_edit": service.may_edit(user, subject), "pdf_available": pdf.available()})


def _generate(subject_type: str, subject_id: int):
    user = api_user()
    payload = json_object()
    subject = service.subject_for_edit(db.session, subject_type=subject_type, subject_id=subject_id, user=user)
    result = service.generate(db.session, document_env(), subject=subject, kind_code=payload.get("kind"),
                              inputs=payload.get("inputs"), user=user, today=today(), now=clock().now())
    db.session.commit()
    return jsonify(_body(result.document, result.missing)), 201


@api.get("/cases/<int:case_id>/documents")
@documented(summary="案件的执法文书（文号、版本、送达情况、下载链接）", tag=TAG, response=DocumentListSchema)
@requires(VIEW)
def case_documents(case_id: int):
    return _list("case", case_id)


@api.post("/cases/<int:case_id>/documents")
@documented(summary="生成案件文书草稿（承办执法人员或科长）", tag=TAG, body=GENERATE_BODY, response=DocumentSchema,
            status=201)
@requires(VIEW)
def generate_case_document(case_id: int):
    return _generate("case", case_id)


@api.get("/tickets/<int:ticket_id>/documents")
@documented(summary="工单的文书（投诉登记表、不予受理通知书等）", tag=TAG, response=DocumentListSchema)
@requires(VIEW)
def ticket_documents(ticket_id: int):
    return _list("ticket", ticket_id)


@api.post("/tickets/<int:ticket_id>/documents")
@documented(summary="生成工单文书草稿", tag=TAG, body=GENERATE_BODY, response=DocumentSchema, status=201)
@requires(VIEW)
def generate_ticket_document(ticket_id: int):
    return _generate("ticket", ticket_id)


@api.get("/documents/<int:document_id>")
@documented(summary="一份文书", tag=TAG, response=DocumentSchema)
@requires(VIEW)
def document_detail(document_id: int):
    document, _ = service.document_for_view(db.session, document_id=document_id, user=api_user())
    return jsonify(_body(document))


@api.post("/documents/<int:document_id>/versions")
@documented(summary="按案件当前信息重新生成草稿（新版本）", tag=TAG, body=REGENERATE_BODY, response=DocumentSchema,
            status=201)
@requires(VIEW)
def regenerate_document(document_id: int):
    payload = request.get_json(silent=True) or {}
    result = service.regenerate(db.session, document_env(), document_id=document_id,
                                inputs=payload.get("inputs") if isinstance(payload, dict) else None,
                                user=api_user(), today=today(), now=clock().now())
    db.session.commit()
    return jsonify(_body(result.document, result.missing)), 201


@api.post("/documents/<int:document_id>/issue")
@documented(summary="签发：取得文号（按种类、年度连续不重号），定稿并保存 SHA-256", tag=TAG, response=DocumentSchema)
@requires(VIEW)
def issue_document(document_id: int):
    document = service.issue(db.session, document_env(), document_id=document_id, user=api_user(), today=today(),
                             now=clock().now())
    db.session.commit()
    return jsonify(_body(document))


@api.post("/documents/<int:document_id>/void")
@documented(summary="作废（文号保留不再使用，显示作废原因）", tag=TAG, body=VOID_BODY, response=DocumentSchema)
@requires(VIEW)
def void_document(document_id: int):
    document = service.void(db.session, document_env(), document_id=document_id,
                            reason=json_object().get("reason"), user=api_user(), today=today(), now=clock().now())
    db.session.commit()
    return jsonify(_body(document))


@api.post("/documents/<int:document_id>/reissue")
@documented(summary="重新制作已作废的文书（新草稿，签发时取新文号）", tag=TAG, response=DocumentSchema, status=201)
@requires(VIEW)
def reissue_document(document_id: int):
    result = service.reissue(db.session, document_env(), document_id=document_id, user=api_user(), today=today(),
                             now=clock().now())
    db.session.commit()
    return jsonify(_body(result.document, result.missing)), 201


@api.post("/documents/<int:document_id>/services")
@documented(summary="登记送达（送达日期开始计算相应期限）", tag=TAG, body=SERVICE_BODY, response=ServiceSchema,
            status=201)
@requires(VIEW)
def serve_document(document_id: int):
    record = service_records.record_service(db.session, document_env(), document_id=document_id,
                                            payload=json_object(), user=api_user(), today=today(), now=clock().now())
    db.session.commit()
    return jsonify(ServiceSchema().dump(_service(record))), 201


@api.get("/documents/<int:document_id>/file")
@documented(summary="下载文书（Word，或安装 LibreOffice 时的 PDF）", tag=TAG,
            response={"type": "string", "format": "binary"}, query=FILE_QUERY)
@requires(VIEW)
def document_file(document_id: int):
    document, _ = service.document_for_view(db.session, document_id=document_id, user=api_user())
    return send_version(document, request.args.get("version", type=int), request.args.get("format", "docx"))


@api.get("/cases/<int:case_id>/case-file")
@documented(summary="打印卷宗：封面、卷内目录及全部已签发文书合成一份", tag=TAG,
            response={"type": "string", "format": "binary"},
            query={"format": {"type": "string", "enum": ["docx", "pdf"]}})
@requires(VIEW)
def case_file_download(case_id: int):
    return send_case_file(case_id, request.args.get("format", "docx"))
