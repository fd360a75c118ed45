"""The period a document's service starts (registry `service_clock`), with one writer per period.

The process and the documents tab both know when a document was served: the process step that
records the service (e.g. 事先告知书送达) starts the period for its BPMN timer and as a legal clock
(app.cases.periods, `clockStart`), and the documents tab records the service with its receipt.
They must not make two clocks, nor two dates:

- the process form may not contradict the service recorded on the documents tab
  (app.documents.process_link.check), so when the step completes it finds the clock the tab
  started on the same day and keeps it (app.cases.periods reuses a running clock of the same day);
- the documents tab may not contradict the service the process recorded for the same document
  (its number in the process data): a different date is refused, the same date keeps the clock
  the process started, so the clock's due day is the day of the BPMN timer.

Only where the process has not (yet) recorded the service does the tab start the clock, stopping
a running clock of the same rule that an earlier service started (the document served again).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.deadlines import service as clocks
from app.deadlines.models import LegalClock
from app.documents.models import Document
from app.documents.process_link import recorded_service
from app.documents.registry import DocumentKind
from app.errors import ValidationFailed


def _clocks(session: Session, document: Document, rule_code: str) -> list[LegalClock]:
    business_type, business_id = document.owner
    return list(session.scalars(select(LegalClock).where(
        LegalClock.business_type == business_type, LegalClock.business_id == business_id,
        LegalClock.rule_code == rule_code).order_by(LegalClock.id)))


def check_agrees(kind: DocumentKind, document: Document, served_on: date, process_data: dict[str, Any]) -> None:
    """Refuse a service date other than the one the process recorded for this document."""
    recorded = recorded_service(kind, process_data, document)
    if kind.service_clock and recorded is not None and recorded != served_on:
        message = (f"流程中已登记{kind.name}（{document.number}）于{recorded.isoformat()}送达，期限和流程定时器"
                   f"均自该日起算；送达日期{served_on.isoformat()}与之不符，请核对后按实际送达日期登记")
        raise ValidationFailed(message, fields={"delivered_on": [message]})


def period_for_service(session: Session, *, calendar, document: Document, kind: DocumentKind, served_on: date,
                       today: date, responsible_id: int | None, process_data: dict[str, Any]) -> LegalClock | None:
    """The clock of the period this service starts: the one already running from that day (started
    by the process step or an earlier record), else a new one."""
    rule_code = kind.service_clock
    if not rule_code:
        return None
    existing = _clocks(session, document, rule_code)
    same_day = [c for c in existing if c.start_on == served_on]
    running_same = [c for c in same_day if c.stopped_on is None]
    if running_same:
        return running_same[-1]
    if same_day and recorded_service(kind, process_data, document) == served_on:
        return same_day[-1]  # the process started the period and it has already ended (e.g. statement made)
    for clock in existing:  # an earlier service of the kind, superseded
        if clock.stopped_on is None:
            clocks.stop(clock, stopped_on=max(today, clock.start_on), reason=f"{kind.name}重新送达")
    business_type, business_id = document.owner
    return clocks.start(session, calendar=calendar, rule_code=rule_code, business_type=business_type,
                        business_id=business_id, business_number=document.number or "", start_on=served_on,
                        today=today, responsible_id=responsible_id)


def stop_for_void(session: Session, *, document: Document, kind: DocumentKind | None, reason: str, today: date,
                  process_data: dict[str, Any]) -> list[LegalClock]:
    """Voiding a served document ends the period its service started (the clock the service record
    holds, or the one the process started from the service date it recorded for this document)."""
    if kind is None or not kind.service_clock:
        return []
    ids = {r.clock_id for r in document.services if r.clock_id is not None}
    recorded = recorded_service(kind, process_data, document)
    stopped = []
    for clock in _clocks(session, document, kind.service_clock):
        if clock.stopped_on is None and (clock.id in ids or clock.start_on == recorded):
            label = f"{kind.name}（{document.number}）" if document.number else kind.name
            clocks.stop(clock, stopped_on=max(today, clock.start_on), reason=f"{label}已作废：{reason}")
            stopped.append(clock)
    return stopped
