"""The case record's dates that task forms may refer to (registered at start-up, see app/tasks/known_dates.py)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from app.cases.models import Case
from app.forms.date_order import KnownDate
from app.tasks import known_dates


def _case_dates(session: Session, case_id: int) -> dict[str, KnownDate]:
    case = session.get(Case, case_id)
    if case is None or case.filed_on is None:
        return {}
    return {"filed_on": KnownDate(value=case.filed_on, title="立案日期")}


known_dates.register("case", _case_dates)
