"""申请人民法院强制执行 waits for the remedy periods (AEL Art. 53).

The party may apply for reconsideration within 60 days (ARL Art. 20) and sue within 6 months
(ALL Art. 46) of the decision's service; only when both periods have run out without the party
applying or paying may the bureau apply to the court, within 3 months (`enforcement_application`).
The process computes both periods at service with the clock rules (`deadlines["reconsideration"]`,
`deadlines["litigation"]`) and waits for the later one with a timer; these checks refuse an
approval or an application dated before the periods end (e.g. an instance started before the wait
existed), naming the day they end.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.deadlines import service as clocks
from app.errors import ValidationFailed
from app.forms import checks
from app.forms.checks import TaskContext, day_of
from app.workflow.models import HumanTask
from engine.clocks import evaluate

REMEDY_RULES = ("reconsideration", "litigation")
BASIS = "《行政强制法》第五十三条"



def remedy_periods_end(session: Session, context: TaskContext) -> date | None:
    """The last day of the later of the reconsideration and litigation periods: as the process
    computed them, else (an older process) from the decision's service date with the rules."""
    deadlines = context.process.get("deadlines") or {}
    computed = [day_of(deadlines.get(code)) for code in REMEDY_RULES]
    if all(computed):
        return max(computed)
    served_on = day_of(context.process.get("decision_service_date"))
    if served_on is None:
        return None
    calendar = context.env.calendar()
    return max(evaluate(clocks.rule_of(clocks.get_rule(session, code)), start=served_on, today=context.today,
                        calendar=calendar).due for code in REMEDY_RULES)


def _too_early(end: date) -> str:
    return f"复议、诉讼期限至 {end.isoformat()} 届满，届满后方可申请人民法院强制执行（{BASIS}）"


def check_approval(session: Session, task: HumanTask, data: dict[str, Any], context: TaskContext) -> None:
    if data.get("enforcement_decision") != "apply":
        return
    end = remedy_periods_end(session, context)
    if end is None:
        return
    if context.today <= end:
        raise ValidationFailed(_too_early(end), fields={"enforcement_decision": [_too_early(end)]})
    approved_on = day_of(data.get("enforcement_approved_on"))
    if approved_on is not None and approved_on <= end:
        raise ValidationFailed(_too_early(end), fields={"enforcement_approved_on": [
            f"审批日期应在复议、诉讼期限届满（{end.isoformat()}）之后"]})


def check_filing(session: Session, task: HumanTask, data: dict[str, Any], context: TaskContext) -> None:
    filed_on = day_of(data.get("enforcement_filed_on"))
    if filed_on is None:
        return
    if filed_on > context.today:
        message = f"申请日期不能晚于今天（{context.today.isoformat()}）"
        raise ValidationFailed(message, fields={"enforcement_filed_on": [message]})
    end = remedy_periods_end(session, context)
    if end is not None and filed_on <= end:
        raise ValidationFailed(_too_early(end), fields={"enforcement_filed_on": [
            f"申请日期应在复议、诉讼期限届满（{end.isoformat()}）之后"]})


checks.register("case_penalty_enforcement_approval", check_approval)
checks.register("case_penalty_enforcement", check_filing)
