"""Editing the clock rules (期限规则配置); changes apply to clocks started afterwards."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.audit import service as audit
from app.deadlines.models import ClockRuleRecord
from app.deadlines.service import get_rule
from app.errors import ValidationFailed


def _offsets(text: str) -> list[int]:
    try:
        values = sorted({int(part) for part in text.replace("，", ",").split(",") if part.strip()}, reverse=True)
    except ValueError:
        raise ValidationFailed("提前提醒应为以逗号分隔的工作日数，如 5,1",
                               fields={"before": ["应为以逗号分隔的整数，如 5,1"]}) from None
    if any(v < 1 or v > 60 for v in values):
        raise ValidationFailed("提前提醒的工作日数应在1到60之间", fields={"before": ["应在1到60之间"]})
    return values


def update_rule(
    session: Session, *, code: str, amount: int, extension_amount: int, before: str, remind_on_due_day: bool,
    user_id: int | None, now: datetime,
) -> ClockRuleRecord:
    rule = get_rule(session, code)
    errors: dict[str, list[str]] = {}
    if not 1 <= amount <= 366:
        errors["amount"] = ["期限应在1到366之间"]
    if rule.extendable and not 1 <= extension_amount <= 366:
        errors["extension_amount"] = ["延期上限应在1到366之间"]
    if not rule.extendable and extension_amount:
        errors["extension_amount"] = ["该期限不能延期"]
    if errors:
        raise ValidationFailed("请检查期限设置", fields=errors)
    offsets = _offsets(before)
    before_values = {"amount": rule.amount, "extension_amount": rule.extension_amount,
                     "reminder_offsets": dict(rule.reminder_offsets)}
    rule.amount, rule.extension_amount = amount, extension_amount
    rule.reminder_offsets = {**rule.reminder_offsets, "before": offsets, "due": remind_on_due_day}
    rule.updated_at = now
    audit.record(session, user_id=user_id, action="clock_rule.update", object_type="clock_rule", object_id=code,
                 detail={"before": before_values, "after": {"amount": amount, "extension_amount": extension_amount,
                                                            "reminder_offsets": rule.reminder_offsets}})
    return rule
