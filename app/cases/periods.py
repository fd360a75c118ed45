"""Process periods as legal clocks of the case: 送达, 先行登记保存, 中止告知, 陈述申辩, 听证申请,
缴纳罚款, 催告, 责令改正期限.

The BPMN computes each period for its own timers (`deadlines[code] = rule_deadline(code, start)`).
Two BPMN extension properties make the same period a LegalClock of the case, so that it is
reminded, escalated, listed on the case page and in the chief's overview like the decision clock:

- `clockStart` on the task (user or script task) after which the period runs: comma-separated
  `<rule>:<date field>`, optionally `:<field>=<value>` to start only in that case, e.g.
  `statement_defence:notice_service_date, hearing_request:notice_service_date:hearing_right=True`.
  The clock starts on the date in that process-data field, with the rule table and working-day
  calendar `rule_deadline` uses, so its due day is the day of `deadlines[<rule>]`. An optional
  `:due=<date field>` gives a period that a document sets (责令改正期限: the order's rectify-by
  date): the clock's own amount is the calendar days from the start to that date, as
  `rule_deadline(<rule>, <start field>, <due field>)` computes it.
- `clockStop` on each task or event whose completion ends the period: comma-separated rule
  codes, e.g. on 陈述申辩登记 and on the statement period's timer. A timer event means the
  period ran out: the clock stops on its due day (a lapsed period of the party is not late).

Why completed tasks, not the `deadlines` data: the data tells when a period started but not when
it ended (it keeps the value after the statement is recorded), and the task listeners see only
user tasks completed through a form, while periods start in script tasks and end in timer events.
So every save compares the instance's completed tasks with those of its stored state
(app.workflow.service) and hands the new ones carrying these properties to the case projector,
whatever ran them: a form, the timer sweep, a signal.

Idempotent: a save retried after a rollback compares with the same committed state and starts
nothing twice; a start whose rule already runs from the same day keeps that clock; a new start
of a running rule (a re-served document, another preservation) stops the old clock and
starts a new one. The handler is responsible (app.cases.projector keeps open clocks on the current
handler); closing the case stops every clock.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.cases.models import Case
from app.deadlines import service as clocks
from app.deadlines.models import LegalClock
from app.workflow import hooks
from app.workflow.environment import WorkflowEnvironment
from engine.clocks import amount_until
from engine.specs import ProcessVersion
from engine.types import FinishedTaskView

log = logging.getLogger(__name__)
START, STOP = "clockStart", "clockStop"
hooks.watch_properties(START, STOP)


DUE = "due"  # the reserved key of an optional segment `due=<date field>`


@dataclass(frozen=True)
class PeriodStart:
    rule_code: str
    date_field: str
    when: tuple[str, str] | None = None  # (field, value): start only when the data says so
    due_field: str | None = None  # the period runs to the date in this field (a document sets it)

    def applies(self, data: dict) -> bool:
        return self.when is None or str(data.get(self.when[0])) == self.when[1]


def parse_starts(value: str) -> list[PeriodStart]:
    """`<rule>:<date field>[:due=<date field>][:<field>=<value>]`, comma-separated, e.g.
    `statement_defence:notice_service_date, hearing_request:notice_service_date:hearing_right=True`
    or `rectification:order_served_on:due=rectify_by`. `due` is a reserved key, not a condition."""
    starts = []
    for entry in (part.strip() for part in value.split(",")):
        if not entry:
            continue
        rule_code, date_field, *options = (segment.strip() for segment in entry.split(":"))
        when, due_field = None, None
        for option in options:
            field, _, wanted = (s.strip() for s in option.partition("="))
            if field == DUE:
                due_field = wanted
            elif field:
                when = (field, wanted)
        starts.append(PeriodStart(rule_code, date_field, when, due_field))
    return starts


def parse_stops(value: str) -> list[str]:
    return [code.strip() for code in value.split(",") if code.strip()]


def declared_rules(version: ProcessVersion) -> set[str]:
    """The periods a process version runs as clocks (an older version's periods are only process data)."""
    return {start.rule_code for value in version.property_values(START) for start in parse_starts(value)}


def _running(session: Session, case: Case, rule_code: str) -> list[LegalClock]:
    return [c for c in clocks.clocks_for(session, business_type="case", business_id=case.id)
            if c.rule_code == rule_code and c.stopped_on is None]


def _stop(session: Session, case: Case, rule_code: str, *, today: date, lapsed: bool) -> None:
    for clock in _running(session, case, rule_code):
        if lapsed:  # the period's own timer fired: it ended on its due day
            clocks.stop(clock, stopped_on=min(today, clock.due_on))
        else:
            clocks.stop(clock, stopped_on=max(today, clock.start_on))


def _start(session: Session, env: WorkflowEnvironment, case: Case, start: PeriodStart, data: dict, *,
           today: date) -> LegalClock | None:
    raw = data.get(start.date_field)
    if not raw:
        log.warning("case %s: %s not started, the process data has no %s", case.id, start.rule_code, start.date_field)
        return None
    start_on = date.fromisoformat(str(raw)[:10])
    amount = None
    if start.due_field:
        due_raw = data.get(start.due_field)
        if not due_raw:
            log.warning("case %s: %s not started, the process data has no %s", case.id, start.rule_code,
                        start.due_field)
            return None
        amount = amount_until(start_on, date.fromisoformat(str(due_raw)[:10]))
    running = _running(session, case, start.rule_code)
    same = next((c for c in running if c.start_on == start_on and (amount is None or c.amount == amount)), None)
    if same is not None:
        return same
    for clock in running:  # the period starts anew (e.g. the document served again)
        clocks.stop(clock, stopped_on=max(today, clock.start_on))
    clock = clocks.start(session, calendar=env.calendar(), rule_code=start.rule_code, business_type="case",
                         business_id=case.id, business_number=case.number, start_on=start_on, today=today,
                         responsible_id=case.handler_id, amount=amount)
    process_due = str((data.get("deadlines") or {}).get(start.rule_code) or "")[:10]
    if process_due and process_due != clock.due_on.isoformat():
        log.warning("case %s: %s clock due %s, the process computed %s (rule changed meanwhile?)",
                    case.id, start.rule_code, clock.due_on, process_due)
    return clock


def apply_periods(session: Session, env: WorkflowEnvironment, case: Case, finished: list[FinishedTaskView], *,
                  today: date) -> None:
    """Stop and start the period clocks the tasks completed since the last save say (stops first)."""
    for task in finished:
        for rule_code in parse_stops(task.properties.get(STOP, "")):
            _stop(session, case, rule_code, today=today, lapsed=task.timer)
        for start in parse_starts(task.properties.get(START, "")):
            if start.applies(task.data):
                _start(session, env, case, start, task.data, today=today)
