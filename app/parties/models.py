"""Party groups and complainants (data catalogue B1, B2, B3, B5).

A ticket's parties and complainants are copied to the case it becomes, so that
a case can be corrected (a subcontractor found during the investigation) without
rewriting the ticket as it was registered.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.database import utcnow
from app.extensions import db

# Party roles (当事人类别) in the order the registration form and documents list them
PARTY_ROLES = {
    "construction_unit": "建设单位",
    "general_contractor": "总包单位",
    "subcontractor": "分包单位",
    "responsible_unit": "欠薪直接责任单位",
    "responsible_person": "欠薪直接责任人",
}
ORGANISATION_ROLES = ("construction_unit", "general_contractor", "subcontractor", "responsible_unit")


class Party(db.Model):
    """One party of a ticket or a case: an organisation (单位) or the person responsible (责任人)."""

    __tablename__ = "party"
    __table_args__ = (
        Index("ix_party_credit_code", "credit_code"),
        Index("ix_party_name", "name"),
        Index("ix_party_id_number", "id_number"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))  # a key of PARTY_ROLES
    name: Mapped[str] = mapped_column(String(200))  # 单位名称 / 姓名
    credit_code: Mapped[str | None] = mapped_column(String(18))  # 统一社会信用代码
    nature: Mapped[str | None] = mapped_column(String(32))  # 单位性质
    legal_representative: Mapped[str | None] = mapped_column(String(64))  # 法定代表人
    legal_representative_id_number: Mapped[str | None] = mapped_column(String(64))  # 法定代表人身份证号
    manager_name: Mapped[str | None] = mapped_column(String(64))  # 负责人姓名
    address: Mapped[str | None] = mapped_column(String(300))  # 单位地址 / 住址
    phone: Mapped[str | None] = mapped_column(String(32))  # 联系电话
    agent_name: Mapped[str | None] = mapped_column(String(64))  # 授权委托人姓名 (分包单位)
    agent_phone: Mapped[str | None] = mapped_column(String(32))  # 授权委托人联系方式
    id_type: Mapped[str | None] = mapped_column(String(32))  # 证件类型 (责任人; a key of app.validation.ID_TYPES)
    id_number: Mapped[str | None] = mapped_column(String(64))  # 证件号码, canonical form
    # 欠薪单位: always for 欠薪直接责任单位; for another unit when the clerk marks it as the one that owes wages
    owes_wages: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)  # order within the ticket/case
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def role_label(self) -> str:
        return PARTY_ROLES.get(self.role, self.role)

    @property
    def is_organisation(self) -> bool:
        return self.role in ORGANISATION_ROLES


class Complainant(db.Model):
    """One complainant (投诉人) of a ticket or a case; a ticket or case has one or more."""

    __tablename__ = "complainant"
    __table_args__ = (
        Index("ix_complainant_id_number", "id_number"),
        Index("ix_complainant_phone", "phone"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case_file.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))  # 姓名
    gender: Mapped[str | None] = mapped_column(String(8))  # 性别
    phone: Mapped[str | None] = mapped_column(String(32))  # 联系电话
    id_type: Mapped[str | None] = mapped_column(String(32))  # 证件类型
    id_number: Mapped[str | None] = mapped_column(String(64))  # 证件号码, canonical form
    service_address: Mapped[str | None] = mapped_column(String(300))  # 法律文书指定送达地址 (GD Art. 37)
    is_migrant_worker: Mapped[bool] = mapped_column(default=False)  # 是否农民工
    note: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# Duplicate links (重复投诉): suspected at registration, or the ticket merged by the verifier
LINK_KINDS = {"suspected": "疑似重复", "merged": "已并入"}


class DuplicateLink(db.Model):
    """A ticket linked to an earlier open ticket or case with the same party, project or complainant."""

    __tablename__ = "duplicate_link"
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    target_type: Mapped[str] = mapped_column(String(16))  # ticket | case
    target_id: Mapped[int]
    target_number: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16), default="suspected")  # a key of LINK_KINDS
    reasons: Mapped[dict[str, Any] | None]  # {"reasons": ["同一统一社会信用代码 …", …]}, PII masked
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def kind_label(self) -> str:
        return LINK_KINDS.get(self.kind, self.kind)


# Recusal (回避) of an inspector from a case
RECUSAL_STATUS = {"requested": "待科长审批", "approved": "已批准回避", "rejected": "不予回避"}


class Recusal(db.Model):
    """An inspector's recusal from a case (申请回避), decided by the chief; an approved one bars
    the inspector from being assigned to the case."""

    __tablename__ = "recusal"
    __table_args__ = (Index("ix_recusal_case_user", "case_id", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))  # the inspector who withdraws
    reason: Mapped[str] = mapped_column(Text)  # 回避理由
    status: Mapped[str] = mapped_column(String(16), default="requested")  # a key of RECUSAL_STATUS
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str | None] = mapped_column(Text)

    @property
    def status_label(self) -> str:
        return RECUSAL_STATUS.get(self.status, self.status)
