"""The dates a task form may refer to (app/forms/date_order.py): those submitted on the earlier
tasks of the same ticket or case, newest submission winning, and those its domain record holds
(the case's filing date), which a domain registers at start-up."""
from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.forms.date_order import DATE_FORMATS, KnownDate, date_title, parse
from app.forms.registry import FormRegistry
from app.workflow.models import HumanTask

RecordDates = Callable[[Session, int], dict[str, KnownDate]]
_record_sources: dict[str, list[RecordDates]] = {}


def register(business_type: str, source: RecordDates) -> None:
    if source not in _record_sources.setdefault(business_type, []):
        _record_sources[business_type].append(source)


def _submitted(session: Session, registry: FormRegistry, task: HumanTask, tz: ZoneInfo) -> dict[str, KnownDate]:
    done = session.execute(
        select(HumanTask.form_key, HumanTask.submitted)
        .where(HumanTask.business_type == task.business_type, HumanTask.business_id == task.business_id,
               HumanTask.status == "completed", HumanTask.id != task.id)
        .order_by(HumanTask.completed_at, HumanTask.id))
    known: dict[str, KnownDate] = {}
    for form_key, submitted in done:
        if not form_key or not submitted:
            continue
        try:
            properties = registry.get(form_key).properties
        except NotFound:  # a form since removed: its dates are not referred to any more
            continue
        for name, prop in properties.items():
            value = parse(submitted.get(name), tz) if prop.get("format") in DATE_FORMATS else None
            if value is not None:
                known[name] = KnownDate(value=value, title=date_title(prop, name))
    return known


def for_task(session: Session, *, registry: FormRegistry, task: HumanTask, tz: ZoneInfo) -> dict[str, KnownDate]:
    known = _submitted(session, registry, task, tz)
    for source in _record_sources.get(task.business_type, []):
        known.update(source(session, task.business_id))
    return known
