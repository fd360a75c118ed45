"""Readiness checks: database, migrations, scheduler heartbeat, working-day calendar."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.scheduling import lease
from app.workdays import service as workdays

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


def check_calendar(session: Session, *, year: int) -> Check:
    """Fails while the current year's holiday notice is missing; next year's is reported, never fatal."""
    try:
        confirmed = workdays.confirmed_years(session, years=[year, year + 1])
    except Exception:
        session.rollback()
        return Check("calendar", False, "无法读取工作日历")
    if not confirmed[year]:
        return Check("calendar", False, f"{year}年节假日安排未确认，期限按周一至周五推算并标注“日历未确认”")
    upcoming = "已确认" if confirmed[year + 1] else "未确认"
    return Check("calendar", True, f"{year}年节假日安排已确认；{year + 1}年节假日安排{upcoming}")


def readiness(session: Session, *, now: datetime, tz: tzinfo | None = None) -> list[Check]:
    """`tz` decides which year is current (the local year of `now`)."""
    db_check = check_database(session)
    if not db_check.ok:
        return [db_check]
    year = (now.astimezone(tz) if tz else now).year
    return [db_check, check_migrations(session), check_scheduler(session, now=now),
            check_calendar(session, year=year)]
