from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.database import utcnow
from app.extensions import db

# Ticket status (工单状态) labels shown in the UI
STATUS_LABELS = {
    "open": "办理中",
    "accepted": "已受理",
    "rejected": "不予受理",
    "deemed_accepted": "逾期视为受理",
    "referred": "已告知/移送",
    "resolved": "协调解决",
    "duplicate": "重复投诉（已并入）",
}


class Ticket(db.Model):
    __tablename__ = "ticket"
    __table_args__ = (UniqueConstraint("year", "sequence"), Index("ix_ticket_status", "status", "received_at"),
                      Index("ix_ticket_team_leader_phone", "team_leader_phone"))
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # 工单编号
    year: Mapped[int]
    sequence: Mapped[int]
    channel: Mapped[str] = mapped_column(String(32))  # 投诉来源
    project_nature: Mapped[str | None] = mapped_column(String(32))  # 工程性质
    received_at: Mapped[datetime]  # 来访时间
    project_name: Mapped[str] = mapped_column(String(200), index=True)  # 项目名称
    respondent_name: Mapped[str] = mapped_column(String(200))  # 欠薪单位
    complainant_name: Mapped[str] = mapped_column(String(64))  # 投诉人
    complainant_phone: Mapped[str] = mapped_column(String(32))  # 联系电话
    team_leader_name: Mapped[str | None] = mapped_column(String(64))  # 班组长姓名
    team_leader_phone: Mapped[str | None] = mapped_column(String(32))  # 班组长联系电话, canonical form
    summary: Mapped[str] = mapped_column(Text)  # 投诉人反映事项
    people_count: Mapped[int]  # 涉及人数
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))  # 涉及金额
    migrant_worker_count: Mapped[int] = mapped_column(default=0)  # 农民工人数
    status: Mapped[str] = mapped_column(String(16), default="open")
    stage: Mapped[str] = mapped_column(String(128), default="")  # current step(s)
    conclusion_note: Mapped[str | None] = mapped_column(Text)
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)
