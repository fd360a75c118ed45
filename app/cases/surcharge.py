"""加处罚款 (late-payment surcharge, APL Art. 72): computed from the decision, never typed.

The fine is the decided fine (`decided_fine`), the payment period's last day is the one the process
timed (`deadlines["fine_payment"]`, 15 days after service); every day after it up to the payment
day (or the day of calculation) costs 3 % of the fine, at most the fine itself
(engine.clocks.surcharge). Days of administrative reconsideration or litigation are not counted
(APL Art. 73), as the officer records them on the surcharge form.

- 计算加处罚款 (case_penalty_surcharge) opens with the law's figures as of today; on completion the
  overdue start, the days and the amount must be the law's for the day of calculation entered.
- 催告期内缴纳确认 / 复议诉讼期间缴纳确认 (case_penalty_late_payment, case_penalty_remedy_payment):
  the surcharge paid must be the law's as of the payment day.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.orm import Session

from app.errors import ValidationFailed
from app.forms import checks, prefill
from app.forms.checks import TaskContext, day_of
from app.workflow.models import HumanTask
from engine.clocks import surcharge

SURCHARGE_FORM = "case_penalty_surcharge"
PAYMENT_FORMS = ("case_penalty_late_payment", "case_penalty_remedy_payment")


@dataclass(frozen=True)
class SurchargeCalculation:
    fine: Decimal
    payment_due: date  # the last day of the payment period
    until: date  # the payment day, or the day of calculation
    excluded_days: int = 0  # reconsideration / litigation

    @property
    def overdue_from(self) -> date:
        return self.payment_due + timedelta(days=1)

    @property
    def days(self) -> int:
        return max((self.until - self.payment_due).days - self.excluded_days, 0)

    @property
    def amount(self) -> Decimal:
        return surcharge(self.fine, self.days)

    @property
    def capped(self) -> bool:
        return self.amount == self.fine.quantize(Decimal("0.01")) and self.days > 0

    def explanation(self) -> str:
        span = (f"{self.overdue_from.isoformat()} 至 {self.until.isoformat()}" if self.until > self.payment_due
                else "未逾期")
        excluded = f"，扣除复议、诉讼期间{self.excluded_days}日" if self.excluded_days else ""
        text = f"罚款{self.fine:.2f}元×3%×{self.days}日（{span}{excluded}）= {self.amount:.2f}元"
        return text + ("，已达罚款数额，以罚款数额为限" if self.capped else "")


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None



def calculation(process: dict[str, Any], until: date, excluded_days: int = 0) -> SurchargeCalculation | None:
    """The law's surcharge for this decision up to `until`; None when the process holds no decided
    fine or payment period (a process that never reached the payment step)."""
    fine = _decimal(process.get("decided_fine"))
    due = day_of((process.get("deadlines") or {}).get("fine_payment"))
    if fine is None or due is None:
        return None
    return SurchargeCalculation(fine=fine, payment_due=due, until=until, excluded_days=excluded_days)


def recorded_excluded_days(process: dict[str, Any]) -> int:
    """Reconsideration / litigation days recorded on the surcharge form, if any."""
    if process.get("review_or_litigation") is True:
        return int(process.get("excluded_days") or 0)
    return 0


# --- 计算加处罚款 -------------------------------------------------------------------------------

def prefill_surcharge(session: Session, task: HumanTask, context: TaskContext) -> dict[str, Any]:
    calc = calculation(context.process, context.today)
    if calc is None:
        return {}
    return {"overdue_from": calc.overdue_from.isoformat(), "calculated_on": context.today.isoformat(),
            "overdue_days": calc.days, "review_or_litigation": False, "surcharge_amount": f"{calc.amount:.2f}",
            "surcharge_note": calc.explanation()}


def check_surcharge(session: Session, task: HumanTask, data: dict[str, Any], context: TaskContext) -> None:
    until = day_of(data.get("calculated_on"))
    excluded = int(data.get("excluded_days") or 0) if data.get("review_or_litigation") is True else 0
    calc = calculation(context.process, until) if until else None
    if calc is None:
        return
    calc = SurchargeCalculation(calc.fine, calc.payment_due, until, excluded)
    errors: dict[str, list[str]] = {}
    if until <= calc.payment_due:
        errors["calculated_on"] = [f"计算截止日应晚于缴款期限最后一日 {calc.payment_due.isoformat()}"]
    elif until > context.today:
        errors["calculated_on"] = [f"计算截止日不能晚于今天（{context.today.isoformat()}）"]
    elif excluded > (until - calc.payment_due).days:
        errors["excluded_days"] = [f"复议、诉讼期间天数不能超过逾期天数 {(until - calc.payment_due).days} 日"]
    if errors:
        raise ValidationFailed(next(iter(errors.values()))[0], fields=errors)
    if day_of(data.get("overdue_from")) != calc.overdue_from:
        errors["overdue_from"] = [f"逾期起算日应为缴款期限届满次日 {calc.overdue_from.isoformat()}"]
    if data.get("overdue_days") != calc.days:
        errors["overdue_days"] = [f"逾期天数应为 {calc.days} 日（{calc.explanation()}）"]
    amount = _decimal(data.get("surcharge_amount"))
    if amount is not None and amount > calc.fine:
        errors["surcharge_amount"] = [f"加处罚款不得超过罚款数额 {calc.fine:.2f} 元（《行政处罚法》第七十二条）"]
    elif amount != calc.amount:
        errors["surcharge_amount"] = [f"加处罚款金额应为 {calc.amount:.2f} 元：{calc.explanation()}"]
    if errors:
        message = errors.get("surcharge_amount", next(iter(errors.values())))[0]
        raise ValidationFailed(message, fields=errors)


# --- 缴纳确认（罚款及加处罚款） ----------------------------------------------------------------------

def prefill_payment(session: Session, task: HumanTask, context: TaskContext) -> dict[str, Any]:
    calc = calculation(context.process, context.today, recorded_excluded_days(context.process))
    if calc is None:
        return {}
    return {"fine_paid_on": context.today.isoformat(), "fine_paid_amount": f"{calc.fine:.2f}",
            "surcharge_paid": f"{calc.amount:.2f}"}


def check_payment(session: Session, task: HumanTask, data: dict[str, Any], context: TaskContext) -> None:
    paid_on = day_of(data.get("fine_paid_on"))
    calc = calculation(context.process, paid_on, recorded_excluded_days(context.process)) if paid_on else None
    if calc is None:
        return
    if paid_on > context.today:
        raise ValidationFailed("缴纳日期不能晚于今天", fields={"fine_paid_on": [f"缴纳日期不能晚于今天（{context.today.isoformat()}）"]})
    paid = _decimal(data.get("surcharge_paid"))
    if paid is not None and paid > calc.fine:
        message = f"加处罚款不得超过罚款数额 {calc.fine:.2f} 元（《行政处罚法》第七十二条）"
        raise ValidationFailed(message, fields={"surcharge_paid": [message]})
    if paid != calc.amount:
        message = (f"截至缴纳日 {paid_on.isoformat()} 应缴加处罚款 {calc.amount:.2f} 元：{calc.explanation()}；"
                   "未足额缴纳的不能确认为已履行")
        raise ValidationFailed(message, fields={"surcharge_paid": [message]})


checks.register(SURCHARGE_FORM, check_surcharge)
prefill.register(SURCHARGE_FORM, prefill_surcharge)
for _form in PAYMENT_FORMS:
    checks.register(_form, check_payment)
    prefill.register(_form, prefill_payment)
