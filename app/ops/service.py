"""Readiness checks: database, migrations, scheduler heartbeat."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.scheduling import lease

MIGRATIONS = Path(__file__).resolve().parent.parent.parent / "migrations"
HEARTBEAT_STALE_SECONDS = 90


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def _head_revisions() -> set[str]:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return set(ScriptDirectory.from_config(config).get_heads())


def check_database(session: Session) -> Check:
    try:
        session.execute(text("SELECT 1"))
        return Check("database", True, "数据库连接正常")
    except Exception as exc:  # any driver error means not ready
        session.rollback()
        return Check("database", False, f"数据库不可用：{type(exc).__name__}")


def check_migrations(session: Session) -> Check:
    try:
        current = set(session.scalars(text("SELECT version_num FROM alembic_version")))
    except Exception:
        session.rollback()
        return Check("migrations", False, "数据库尚未迁移（缺少 alembic_version）")
    heads = _head_revisions()
    if current != heads:
        return Check("migrations", False, f"数据库版本 {sorted(current)} 与代码 {sorted(heads)} 不一致")
    return Check("migrations", True, "数据库结构为最新版本")


def check_scheduler(session: Session, *, now: datetime) -> Check:
    try:
        row = lease.current(session)
    except Exception:
        session.rollback()
        return Check("scheduler", False, "无法读取调度器心跳")
    if row is None:
        return Check("scheduler", False, "调度器从未运行")
    age = (now - row.heartbeat_at).total_seconds()
    if age > HEARTBEAT_STALE_SECONDS:
        return Check("scheduler", False, f"调度器心跳已过期（{int(age)}秒前，{row.holder}）")
    return Check("scheduler", True, f"调度器运行中（{row.holder}，{int(age)}秒前心跳）")


def readiness(session: Session, *, now: datetime) -> list[Check]:
    db_check = check_database(session)
    if not db_check.ok:
        return [db_check]
    return [db_check, check_migrations(session), check_scheduler(session, now=now)]
