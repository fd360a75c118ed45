from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import utcnow
from app.extensions import db


class ClockRuleRecord(db.Model):
    """One configurable time limit (Guangdong defaults seeded by migration)."""

    __tablename__ = "clock_rule"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    amount: Mapped[int]
    unit: Mapped[str] = mapped_column(String(16))  # workdays | calendar_days | months
    source: Mapped[str] = mapped_column(String(200))
    start_event: Mapped[str] = mapped_column(String(32))
    pausable: Mapped[bool]
    extendable: Mapped[bool]
    extension_amount: Mapped[int] = mapped_column(default=0)
    reminder_offsets: Mapped[dict[str, Any]]  # {"before": [5, 1], "due": true, "overdue_every_workday": true}
    escalation: Mapped[dict[str, Any]]  # {"levels": ["assignee", "chief", "leader"], "after_overdue_workdays": [0, 1, 3]}
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class LegalClock(db.Model):
    """A running clock of one ticket or case; `due_on` and `next_reminder_on` are recomputed on every change."""

    __tablename__ = "legal_clock"
    __table_args__ = (
        Index("ix_legal_clock_business", "business_type", "business_id"),
        Index("ix_legal_clock_next_reminder", "next_reminder_on"),
        Index("ix_legal_clock_open_due", "state", "due_on"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    rule_code: Mapped[str] = mapped_column(ForeignKey("clock_rule.code"))
    business_type: Mapped[str] = mapped_column(String(16))
    business_id: Mapped[int]
    business_number: Mapped[str] = mapped_column(String(64))
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    start_on: Mapped[date]
    # the rule's periods when the clock started: a later change of the rule applies to new clocks only
    amount: Mapped[int]
    extension_amount: Mapped[int]
    due_on: Mapped[date | None]
    state: Mapped[str] = mapped_column(String(16), default="running")  # running | paused | stopped
    extended: Mapped[bool] = mapped_column(default=False)
    unconfirmed_calendar: Mapped[bool] = mapped_column(default=False)
    trace: Mapped[str] = mapped_column(Text, default="")
    stopped_on: Mapped[date | None]
    next_reminder_on: Mapped[date | None]  # NULL when nothing more is to be sent
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    rule: Mapped[ClockRuleRecord] = relationship(lazy="joined")
    pauses: Mapped[list[ClockPause]] = relationship(order_by="ClockPause.start_on", lazy="selectin",
                                                    cascade="all, delete-orphan")
    extensions: Mapped[list[ClockExtension]] = relationship(order_by="ClockExtension.id", lazy="selectin",
                                                            cascade="all, delete-orphan")


class ClockPause(db.Model):
    """A paused interval (中止, 委托审计, 鉴定, 公告): working days from start up to (not including) end don't count."""

    __tablename__ = "clock_pause"
    id: Mapped[int] = mapped_column(primary_key=True)
    clock_id: Mapped[int] = mapped_column(ForeignKey("legal_clock.id", ondelete="CASCADE"), index=True)
    start_on: Mapped[date]
    end_on: Mapped[date | None]
    reason: Mapped[str] = mapped_column(String(32))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class ClockExtension(db.Model):
    """An approved extension (延期) with its reason."""

    __tablename__ = "clock_extension"
    id: Mapped[int] = mapped_column(primary_key=True)
    clock_id: Mapped[int] = mapped_column(ForeignKey("legal_clock.id", ondelete="CASCADE"), index=True)
    amount: Mapped[int]
    approved_on: Mapped[date]
    reason: Mapped[str] = mapped_column(String(500))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class Reminder(db.Model):
    """A reminder that was sent; the unique key makes a rerun or a second scheduler a no-op."""

    __tablename__ = "reminder"
    __table_args__ = (UniqueConstraint("clock_id", "kind", "recipient_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    clock_id: Mapped[int] = mapped_column(ForeignKey("legal_clock.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(24))  # before_5 | before_1 | due | overdue_1 …
    level: Mapped[str] = mapped_column(String(16))  # assignee | chief | leader
    recipient_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    scheduled_on: Mapped[date]
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    emailed: Mapped[bool] = mapped_column(default=False)


class InboxMessage(db.Model):
    """In-app inbox (站内消息) with an unread count in the navigation."""

    __tablename__ = "inbox_message"
    __table_args__ = (Index("ix_inbox_message_unread", "user_id", "read_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
