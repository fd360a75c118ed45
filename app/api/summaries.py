"""What the case and ticket detail endpoints add about their people and documents.

The parties, complainants and 班组长 masked as the parties endpoints mask them, and each document in
brief (the full document, with its versions and service records, is GET /api/v1/documents/<id>).
"""
from __future__ import annotations

from flask import url_for
from marshmallow import Schema, fields
from sqlalchemy.orm import Session

from app.cases.models import Case
from app.documents import service as documents
from app.documents.models import Document
from app.documents.service import Subject
from app.documents.service_records import service_state
from app.parties import hmt
from app.parties import service as parties
from app.parties.schemas import complainant_body, party_body
from app.tickets.models import Ticket

_MASKED = "（无权查看者得到脱敏号码）"


class TeamLeaderSchema(Schema):
    name = fields.String(allow_none=True, metadata={"description": "班组长姓名"})
    phone = fields.String(allow_none=True, metadata={"description": "班组长联系电话" + _MASKED})


class HmtSchema(Schema):
    involved = fields.Boolean(required=True, metadata={"description": "是否涉港澳台"})
    reasons = fields.List(fields.String(), required=True, metadata={
        "description": "依据：持港澳台证件、港澳台电话或地址的投诉人、当事人或班组长（不含号码）"})


class DocumentSummarySchema(Schema):
    id = fields.Integer(required=True)
    kind = fields.String(required=True, metadata={"description": "文书种类代码（见 /document-kinds）"})
    title = fields.String(required=True, metadata={"description": "文书名称"})
    number = fields.String(allow_none=True, metadata={"description": "文号（签发后）"})
    status = fields.String(required=True, metadata={"enum": ["draft", "issued", "void"]})
    status_label = fields.String(required=True)
    current_version = fields.Integer(required=True)
    issued_on = fields.Date(allow_none=True, metadata={"description": "开具时间"})
    service_state = fields.String(required=True, metadata={"description": "送达情况（未签发为“—”）"})
    url = fields.String(required=True, metadata={"description": "该文书的完整信息（版本、送达记录）"})
    download_url = fields.String(allow_none=True, metadata={
        "description": "下载当前版本（Word；加 &format=pdf 得 PDF）；尚无版本时为 null"})


def document_summary(document: Document) -> dict:
    return DocumentSummarySchema().dump({
        "id": document.id, "kind": document.kind, "title": document.title, "number": document.number,
        "status": document.status, "status_label": document.status_label,
        "current_version": document.current_version, "issued_on": document.issued_on,
        "service_state": service_state(document) if document.status == "issued" else "—",
        "url": url_for("api.document_detail", document_id=document.id),
        "download_url": url_for("api.document_file", document_id=document.id, version=document.current_version)
        if document.current_version else None,
    })


def documents_of(session: Session, record: Ticket | Case) -> list[dict]:
    subject = Subject("case" if isinstance(record, Case) else "ticket", record)
    return [document_summary(d) for d in documents.listing(session, subject)]


def people_of(session: Session, record: Ticket | Case, *, unmasked: bool) -> dict:
    """parties, complainants, team_leader, personal_data_unmasked and hmt (是否涉港澳台) of a ticket or case."""
    owner = {"ticket_id": record.id} if isinstance(record, Ticket) else {"case_id": record.id}
    leader = parties.team_leader(record, unmasked=unmasked)
    party_rows = parties.parties_of(session, **owner)
    complainant_rows = parties.complainants_of(session, **owner)
    involvement = hmt.involvement(party_rows, complainant_rows, record.team_leader_phone)
    return {
        "parties": [party_body(parties.party_row(p, unmasked=unmasked)) for p in party_rows],
        "complainants": [complainant_body(parties.complainant_row(c, unmasked=unmasked)) for c in complainant_rows],
        "team_leader": TeamLeaderSchema().dump({"name": leader.name, "phone": leader.phone}),
        "personal_data_unmasked": unmasked,
        "hmt": HmtSchema().dump({"involved": involvement.involved, "reasons": involvement.reasons}),
    }
