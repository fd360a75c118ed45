from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db


class SchedulerLease(db.Model):
    """Who runs the jobs; the holder renews `expires_at`, others wait for it to lapse."""

    __tablename__ = "scheduler_lease"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    heartbeat_at: Mapped[datetime]
    expires_at: Mapped[datetime]
