from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.cases.models import Case
from app.database import utcnow
from app.extensions import db

CATEGORIES = ("询问笔录", "现场检查笔录", "证据材料", "审计报告", "鉴定意见", "其他")


class CaseAttachment(db.Model):
    """A file filed with a case. Stored as STORAGE_PATH/attachments/<case id>/<stored_name>, never
    under the user's file name. Deleting marks the row (who, when, why); the file stays."""

    __tablename__ = "case_attachment"
    __table_args__ = (Index("ix_case_attachment_case", "case_id", "deleted_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id"))
    category: Mapped[str] = mapped_column(String(16))  # 材料类别, one of CATEGORIES
    description: Mapped[str] = mapped_column(Text)  # 说明
    obtained_on: Mapped[date]  # 取得日期
    original_name: Mapped[str] = mapped_column(String(255))  # the uploader's file name, for downloads
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)  # <uuid><ext>
    content_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[datetime | None]
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    delete_reason: Mapped[str | None] = mapped_column(Text)
    case: Mapped[Case] = relationship()
    uploaded_by: Mapped[User] = relationship(foreign_keys=[uploaded_by_id], lazy="joined")

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None
