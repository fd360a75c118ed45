"""Task-list queries; they read the `human_task` projection only, through its indexes."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.workflow.models import HumanTask

SCOPES = ("mine", "group", "done")
PAGE_SIZE = 50


@dataclass(frozen=True)
class TaskCounts:
    mine: int
    group: int

    @staticmethod
    def label(value: int) -> str:
        return "99+" if value > 99 else str(value)


def _scope_filter(stmt, user: User, scope: str):
    if scope == "mine":
        return stmt.where(HumanTask.assignee_id == user.id, HumanTask.status == "open")
    if scope == "group":
        stmt = stmt.where(
            HumanTask.role_code.in_(sorted(user.role_codes)),
            HumanTask.status == "open",
            HumanTask.assignee_id.is_(None),
        )
        if not user.has_permission("case.view_all"):  # within the user's own section
            stmt = stmt.where(or_(HumanTask.team.is_(None), HumanTask.team == user.team))
        return stmt
    return stmt.where(HumanTask.completed_by_id == user.id)


@dataclass(frozen=True)
class TaskFilter:
    """Narrowing a task list: task type (BPMN id), number, project or party, due soon, overdue."""

    task_type: str | None = None
    number: str | None = None
    party: str | None = None
    due_before: datetime | None = None  # e.g. the end of the N-th working day from today
    overdue_at: datetime | None = None  # now, when only overdue tasks are wanted

    def apply(self, stmt, session: Session):
        if self.task_type:
            stmt = stmt.where(HumanTask.bpmn_id == self.task_type)
        if self.number:
            stmt = stmt.where(HumanTask.business_number.contains(self.number.strip()))
        if self.party:
            stmt = stmt.where(_party_condition(session, self.party.strip()))
        if self.due_before:
            stmt = stmt.where(HumanTask.due_at <= self.due_before)
        if self.overdue_at:
            stmt = stmt.where(HumanTask.due_at < self.overdue_at)
        return stmt


def _party_condition(session: Session, text: str):
    """The project or any party, complainant or 班组长 of the task's ticket or case, as the search
    finds them (app/search/matching.py: names by substring, codes, phones, ID numbers whole)."""
    title = HumanTask.business_title.contains(text, autoescape=True)
    from app.search import matching  # the search reads parties and cases; tasks know neither

    found = matching.find(session, text)
    conditions = [title]
    if found.tickets:
        conditions.append(and_(HumanTask.business_type == "ticket", HumanTask.business_id.in_(sorted(found.tickets))))
    if found.cases:
        conditions.append(and_(HumanTask.business_type == "case", HumanTask.business_id.in_(sorted(found.cases))))
    return or_(*conditions)


def task_list(session: Session, *, user: User, scope: str, page: int = 1,
              filters: TaskFilter | None = None) -> list[HumanTask]:
    stmt = _scope_filter(select(HumanTask), user, scope)
    if filters is not None:
        stmt = filters.apply(stmt, session)
    if scope == "done":
        stmt = stmt.order_by(HumanTask.completed_at.desc(), HumanTask.id.desc())
    else:
        stmt = stmt.order_by(HumanTask.due_at.asc().nulls_last(), HumanTask.id)
    return list(session.scalars(stmt.limit(PAGE_SIZE).offset((max(page, 1) - 1) * PAGE_SIZE)))


COUNT_CAP = 100  # the navigation shows "99+" beyond this; counting stops there


def _capped_count(session: Session, user: User, scope: str) -> int:
    inner = _scope_filter(select(HumanTask.id), user, scope).limit(COUNT_CAP).subquery()
    return session.scalar(select(func.count()).select_from(inner)) or 0


def counts(session: Session, *, user: User) -> TaskCounts:
    """Navigation badges; each count stops at COUNT_CAP so that it costs the same at any size."""
    return TaskCounts(mine=_capped_count(session, user, "mine"), group=_capped_count(session, user, "group"))


def history(session: Session, *, business_type: str, business_id: int) -> list[HumanTask]:
    """Completed and cancelled tasks of a ticket or case, oldest first (办理历史)."""
    stmt = (
        select(HumanTask)
        .where(
            HumanTask.business_type == business_type,
            HumanTask.business_id == business_id,
            HumanTask.status != "open",
        )
        .order_by(HumanTask.completed_at, HumanTask.id)
    )
    return list(session.scalars(stmt))


def open_tasks(session: Session, *, business_type: str, business_id: int) -> list[HumanTask]:
    stmt = select(HumanTask).where(
        HumanTask.business_type == business_type, HumanTask.business_id == business_id, HumanTask.status == "open"
    )
    return list(session.scalars(stmt.order_by(HumanTask.id)))


def users_by_id(session: Session, ids: set[int]) -> dict[int, User]:
    if not ids:
        return {}
    return {u.id: u for u in session.scalars(select(User).where(User.id.in_(ids)))}


def task_types(session: Session, *, user: User, scope: str) -> list[tuple[str, str]]:
    """(BPMN id, title) of the task kinds in a list, for the filter's choice list."""
    stmt = _scope_filter(select(HumanTask.bpmn_id, HumanTask.title), user, scope).distinct()
    return sorted(set(session.execute(stmt.limit(200)).all()), key=lambda row: row[1])
