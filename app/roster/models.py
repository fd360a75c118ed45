from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.cases.models import Case
from app.database import utcnow
from app.extensions import db


class CaseWorker(db.Model):
    """One worker owed wages in a case (欠薪工人名册的一行). An ID number appears once per case."""

    __tablename__ = "case_worker"
    __table_args__ = (UniqueConstraint("case_id", "id_number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))  # 姓名
    id_type: Mapped[str] = mapped_column(String(32))  # 证件类型 (a key of app.validation.ID_TYPES)
    id_number: Mapped[str] = mapped_column(String(64))  # 证件号码, canonical form
    phone: Mapped[str | None] = mapped_column(String(32))  # 联系电话
    is_migrant_worker: Mapped[bool] = mapped_column(default=False)  # 是否农民工
    amount_owed: Mapped[Decimal] = mapped_column(Numeric(14, 2))  # 欠薪金额
    amount_paid: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0.00"))  # 已支付金额
    note: Mapped[str | None] = mapped_column(Text)  # 备注
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    case: Mapped[Case] = relationship()

    @property
    def amount_outstanding(self) -> Decimal:
        return self.amount_owed - self.amount_paid
