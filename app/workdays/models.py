"""The stored working-day calendar: one row per day off / make-up workday, one per year, one revision row."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.database import utcnow
from app.extensions import db

HOLIDAY, WORKDAY = "holiday", "workday"  # 放假 / 调休上班
SOURCES = ("chinesecalendar", "manual", "csv", "ics")


class CalendarDay(db.Model):
    """A day off (kind 'holiday', weekend days of a notice included) or a make-up workday ('workday')."""

    __tablename__ = "workday_calendar_day"
    __table_args__ = (CheckConstraint("kind IN ('holiday', 'workday')", name="kind"),)
    day: Mapped[date] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(64), default="")
    year: Mapped[int] = mapped_column(index=True)  # day.year (a notice may reach into December of year - 1)
    source: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class CalendarYear(db.Model):
    """A year is confirmed when its State Council holiday notice is loaded."""

    __tablename__ = "workday_calendar_year"
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    confirmed: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class CalendarRevision(db.Model):
    """Single row (id 1): bumped by every change so that cached calendars refresh cheaply."""

    __tablename__ = "workday_calendar_revision"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    revision: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
