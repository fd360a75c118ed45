"""/api/v1/cases/<id>/attachments: list, upload (multipart), download."""
from __future__ import annotations

from flask import jsonify, url_for
from marshmallow import Schema, fields

from app.api.auth import api_user
from app.api.blueprint import api
from app.api.docs import documented
from app.attachments import service
from app.attachments.models import CATEGORIES, CaseAttachment
from app.attachments.views import send_attachment, upload_from_request
from app.auth.permissions import has_permission, requires
from app.extensions import db


class AttachmentSchema(Schema):
    id = fields.Integer(required=True)
    case_id = fields.Integer(required=True)
    category = fields.String(required=True, metadata={"description": "材料类别", "enum": list(CATEGORIES)})
    description = fields.String(required=True, metadata={"description": "说明"})
    obtained_on = fields.Date(required=True, metadata={"description": "取得日期"})
    original_name = fields.String(required=True, metadata={"description": "上传时的文件名"})
    content_type = fields.String(required=True)
    size = fields.Integer(required=True, metadata={"description": "字节数"})
    sha256 = fields.String(required=True, metadata={"description": "文件内容的 SHA-256（十六进制）"})
    uploaded_by_id = fields.Integer(required=True)
    uploaded_by_name = fields.String(required=True, metadata={"description": "上传人"})
    uploaded_at = fields.DateTime(required=True)
    download_url = fields.String(required=True)


class AttachmentListSchema(Schema):
    items = fields.List(fields.Nested(AttachmentSchema), required=True)
    may_upload = fields.Boolean(required=True, metadata={"description": "当前用户可否上传"})


UPLOAD_BODY = {
    "type": "object", "required": ["file", "category", "description", "obtained_on"],
    "description": "multipart/form-data",
    "properties": {
        "file": {"type": "string", "format": "binary",
                 "description": "PDF、JPG、PNG、DOC、DOCX、XLS、XLSX；按扩展名和文件内容检查；大小上限见 ATTACHMENT_MAX_MB（默认20MB）"},
        "category": {"type": "string", "enum": list(CATEGORIES)},
        "description": {"type": "string", "description": "说明"},
        "obtained_on": {"type": "string", "format": "date", "description": "取得日期"},
    },
}


def _body(attachment: CaseAttachment) -> dict:
    body = AttachmentSchema().dump({
        **{k: getattr(attachment, k) for k in ("id", "case_id", "category", "description", "obtained_on",
                                               "original_name", "content_type", "size", "sha256",
                                               "uploaded_by_id", "uploaded_at")},
        "uploaded_by_name": attachment.uploaded_by.display_name,
        "download_url": url_for("api.download_attachment", case_id=attachment.case_id, attachment_id=attachment.id),
    })
    return body


@api.get("/cases/<int:case_id>/attachments")
@documented(summary="案件的证据与附件（不含已删除的）", tag="证据与附件", response=AttachmentListSchema)
@requires(has_permission("ticket.view"))
def list_attachments(case_id: int):
    view = service.listing(db.session, case_id=case_id, user=api_user())
    return jsonify({"items": [_body(a) for a in view.items], "may_upload": view.may_upload})


@api.post("/cases/<int:case_id>/attachments")
@documented(summary="上传证据或附件（multipart：file、category、description、obtained_on；承办执法人员或科长）",
            tag="证据与附件", body=UPLOAD_BODY, response=AttachmentSchema, status=201)
@requires(has_permission("ticket.view"))
def upload_attachment(case_id: int):
    attachment = upload_from_request(case_id, api_user())
    db.session.commit()
    return jsonify(_body(attachment)), 201


@api.get("/cases/<int:case_id>/attachments/<int:attachment_id>/download")
@documented(summary="下载附件（Content-Disposition 带原文件名，RFC 5987 filename*）", tag="证据与附件",
            response={"type": "string", "format": "binary"})
@requires(has_permission("ticket.view"))
def download_attachment(case_id: int, attachment_id: int):
    return send_attachment(case_id, attachment_id, api_user())
