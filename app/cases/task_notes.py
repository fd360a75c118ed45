"""The cases domain's notes on task pages (registered at start-up, see app/tasks/notes.py)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from app.cases import police_thresholds
from app.cases.models import Case
from app.roster.service import workers_of
from app.tasks import notes
from app.workflow.models import HumanTask

POLICE_FORMS = ("case_police_transfer", "case_police_transfer_approval")


def _police_thresholds(session: Session, task: HumanTask) -> list[notes.TaskNote]:
    case = session.get(Case, task.business_id) if task.business_type == "case" else None
    if case is None:
        return []
    workers = workers_of(session, case_id=case.id)
    result = police_thresholds.assess(amount=case.amount, people_count=case.people_count,
                                      outstanding=[w.amount_outstanding for w in workers] or None)
    title = "移送数额标准核对（珠海市一类地区标准，仅供参考，不影响提交）"
    return [notes.TaskNote(title=title, lines=result.lines, level="warn" if result.met else "info")]


for _key in POLICE_FORMS:
    notes.register(_key, _police_thresholds)
