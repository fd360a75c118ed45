"""Documents (执法文书, data catalogue B4), their versions and service records (送达).

A document is a draft until it is issued: issuing takes the next gapless number
of its kind and year, renders the final version and freezes it (the file's
SHA-256 is stored; nothing changes it afterwards). A void keeps the number used
and shows the reason; a re-issue is a new document pointing at the voided one.
Files live in the storage folder, never in the database.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import utcnow
from app.extensions import db

STATUS_LABELS = {"draft": "草稿", "issued": "已签发", "void": "已作废"}

# 送达方式 (GD Art. 47; CPL Art. 87–95)
SERVICE_METHODS = {
    "direct": "直接送达",
    "left": "留置送达",
    "mail": "邮寄送达",
    "electronic": "电子送达",
    "public": "公告送达",
}


class Document(db.Model):
    __tablename__ = "document"
    __table_args__ = (
        UniqueConstraint("sequence_key", "year", "sequence", name="uq_document_number_sequence"),
        Index("ix_document_case", "case_id", "kind"),
        Index("ix_document_ticket", "ticket_id", "kind"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"))
    kind: Mapped[str] = mapped_column(String(48))  # registry code
    title: Mapped[str] = mapped_column(String(64))  # 文书名称
    status: Mapped[str] = mapped_column(String(16), default="draft")
    number: Mapped[str | None] = mapped_column(String(64), unique=True)  # 文书编号 (文号)
    sequence_key: Mapped[str | None] = mapped_column(String(48))
    year: Mapped[int | None]
    sequence: Mapped[int | None]
    inputs: Mapped[dict] = mapped_column(JSON, default=dict)  # what the officer typed at generation
    current_version: Mapped[int] = mapped_column(default=0)
    issued_on: Mapped[date | None]  # 开具时间
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    voided_at: Mapped[datetime | None]
    voided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    void_reason: Mapped[str | None] = mapped_column(Text)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))  # re-issue of a voided one
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    versions: Mapped[list[DocumentVersion]] = relationship(
        back_populates="document", order_by="DocumentVersion.version", lazy="selectin")
    services: Mapped[list[ServiceRecord]] = relationship(
        back_populates="document", order_by="ServiceRecord.id", lazy="selectin")

    @property
    def owner(self) -> tuple[str, int]:
        """(subject type, id): the case or the ticket the document belongs to."""
        return ("case", self.case_id) if self.case_id is not None else ("ticket", self.ticket_id)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def latest(self) -> DocumentVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def issued_version(self) -> DocumentVersion | None:
        return next((v for v in self.versions if v.is_issued), None)


class DocumentVersion(db.Model):
    __tablename__ = "document_version"
    __table_args__ = (UniqueConstraint("document_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    version: Mapped[int]
    is_issued: Mapped[bool] = mapped_column(default=False)
    stored_name: Mapped[str] = mapped_column(String(200))  # relative to STORAGE_PATH/documents
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))  # the PDF copy beside the .docx, once converted
    pdf_pages: Mapped[int | None]  # its page count (the case file's 页号)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    document: Mapped[Document] = relationship(back_populates="versions")


class ServiceRecord(db.Model):
    """One service (送达) of an issued document on one recipient."""

    __tablename__ = "service_record"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    method: Mapped[str] = mapped_column(String(16))  # a key of SERVICE_METHODS
    recipient: Mapped[str] = mapped_column(String(200))  # 受送达人
    signed_by: Mapped[str | None] = mapped_column(String(64))  # 签收人
    address: Mapped[str | None] = mapped_column(String(300))  # 送达地点 / 邮寄地址 / 电子地址
    witnesses: Mapped[str | None] = mapped_column(String(200))  # 留置送达见证人
    media_reference: Mapped[str | None] = mapped_column(String(200))  # 留置送达拍照、录像记录
    tracking_number: Mapped[str | None] = mapped_column(String(64))  # 邮件单号
    consent_reference: Mapped[str | None] = mapped_column(String(200))  # 电子送达确认书
    notice_published_on: Mapped[date | None]  # 公告发布日期
    notice_period_days: Mapped[int | None]  # 公告期 (60, or 3 in absconding wage cases)
    notice_carrier: Mapped[str | None] = mapped_column(String(200))  # 公告载体
    delivered_on: Mapped[date]  # 交付/发出/公告日期
    served_on: Mapped[date]  # 送达日期 (for 公告: the last day of the notice period)
    note: Mapped[str | None] = mapped_column(Text)
    clock_id: Mapped[int | None] = mapped_column(ForeignKey("legal_clock.id"))  # the period it started
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    document: Mapped[Document] = relationship(back_populates="services")

    @property
    def method_label(self) -> str:
        return SERVICE_METHODS.get(self.method, self.method)
