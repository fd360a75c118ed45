from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.database import utcnow
from app.extensions import db

STATUS_LABELS = {
    "filing": "立案审批中",
    "open": "办理中",
    "not_filed": "不予立案",
    "closed": "已结案",
}


class Case(db.Model):
    """A wage-arrears case (案件, data catalogue B3)."""

    __tablename__ = "case_file"
    __table_args__ = (
        UniqueConstraint("year", "sequence"),
        Index("ix_case_file_status", "status", "filed_on"),
        Index("ix_case_file_handlers", "handler_id", "co_handler_id"),
        Index("ix_case_file_team_leader_phone", "team_leader_phone"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)  # 案件编号
    year: Mapped[int]
    sequence: Mapped[int]
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"), index=True)
    source: Mapped[str] = mapped_column(String(32))  # 投诉来源
    project_name: Mapped[str] = mapped_column(String(200), index=True)  # 项目名称
    respondent_name: Mapped[str] = mapped_column(String(200))  # 欠薪单位
    complainant_name: Mapped[str | None] = mapped_column(String(64))
    complainant_phone: Mapped[str | None] = mapped_column(String(32))
    team_leader_name: Mapped[str | None] = mapped_column(String(64))  # 班组长姓名 (copied from the ticket)
    team_leader_phone: Mapped[str | None] = mapped_column(String(32))  # 班组长联系电话, canonical form
    summary: Mapped[str] = mapped_column(Text)  # 受到侵害事实
    people_count: Mapped[int]  # 涉及人数
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))  # 涉及金额
    migrant_worker_count: Mapped[int] = mapped_column(default=0)
    team: Mapped[str | None] = mapped_column(String(64))  # the section that works the case
    status: Mapped[str] = mapped_column(String(16), default="filing")
    stage: Mapped[str] = mapped_column(String(64), default="立案审批")
    outcome: Mapped[str | None] = mapped_column(String(48))
    case_cause: Mapped[str | None] = mapped_column(String(200))  # 案由
    filed_on: Mapped[date | None]  # 立案时间
    decided_on: Mapped[date | None]
    closed_on: Mapped[date | None]
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    co_handler_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)
