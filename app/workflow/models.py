from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import utcnow
from app.extensions import db


class ProcessVersionRecord(db.Model):
    """The BPMN sources of one process version, stored once (keyed by content hash)."""

    __tablename__ = "process_version"
    __table_args__ = (UniqueConstraint("process_key", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    process_key: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(64))
    # read only when a version's spec is not cached yet
    sources: Mapped[dict[str, Any]] = mapped_column(deferred=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProcessInstance(db.Model):
    """One running or finished workflow, its serialized state without specs."""

    __tablename__ = "process_instance"
    __table_args__ = (Index("ix_process_instance_business", "business_type", "business_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    process_key: Mapped[str] = mapped_column(String(64))
    process_version_id: Mapped[int] = mapped_column(ForeignKey("process_version.id"))
    serializer_version: Mapped[str] = mapped_column(String(16))
    # JSON, not JSONB: SpiffWorkflow restores task data deltas in the order the
    # tasks were written, and JSONB reorders object keys. Deferred: read only when the workflow
    # is restored from it (not when the hot cache holds it, nor for lists).
    state: Mapped[dict[str, Any]] = mapped_column(JSON, deferred=True)
    status: Mapped[str] = mapped_column(String(16), default="running")  # running | completed | error
    business_type: Mapped[str] = mapped_column(String(16))  # ticket | case
    business_id: Mapped[int]
    business_number: Mapped[str] = mapped_column(String(64))
    business_title: Mapped[str] = mapped_column(String(200), default="")
    team: Mapped[str | None] = mapped_column(String(64))  # the section (科室) whose staff work it
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    process_version: Mapped[ProcessVersionRecord] = relationship(lazy="joined")

    __mapper_args__ = {"version_id_col": version}


class HumanTask(db.Model):
    """Projection of a ready user task, for task lists (待办). Never read back into the engine."""

    __tablename__ = "human_task"
    __table_args__ = (
        Index("ix_human_task_mine", "assignee_id", "status", "due_at", "id"),
        # 待领取: only open, unclaimed rows, already in due order (PostgreSQL cannot use
        # `assignee_id IS NULL` as an equality to skip the sort on a plain index)
        Index(
            "ix_human_task_group_open", "role_code", "due_at", "id",
            postgresql_where=text("status = 'open' AND assignee_id IS NULL"),
            sqlite_where=text("status = 'open' AND assignee_id IS NULL"),
        ),
        Index("ix_human_task_instance", "instance_id", "status"),
        Index("ix_human_task_done", "completed_by_id", "completed_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id", ondelete="CASCADE"))
    task_guid: Mapped[str] = mapped_column(String(36))
    bpmn_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(128))
    form_key: Mapped[str | None] = mapped_column(String(64))
    lane: Mapped[str | None] = mapped_column(String(32))
    role_code: Mapped[str | None] = mapped_column(String(32))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    designated: Mapped[bool] = mapped_column(default=False)  # assigned by the process: cannot be given back
    team: Mapped[str | None] = mapped_column(String(64))  # group tasks are offered within this section
    business_type: Mapped[str] = mapped_column(String(16))
    business_id: Mapped[int]
    business_number: Mapped[str] = mapped_column(String(64))
    business_title: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | completed | cancelled
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    due_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    submitted: Mapped[dict[str, Any] | None]
    # loaded with the task only where asked (completing it); lists never touch it
    instance: Mapped[ProcessInstance] = relationship(lazy="select", viewonly=True)


class Timer(db.Model):
    """Projection of a waiting timer event; the wake-up job scans `run_at` only."""

    __tablename__ = "timer"
    id: Mapped[int] = mapped_column(primary_key=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id", ondelete="CASCADE"), index=True)
    task_guid: Mapped[str] = mapped_column(String(36))
    bpmn_id: Mapped[str] = mapped_column(String(64))
    run_at: Mapped[datetime] = mapped_column(index=True)
