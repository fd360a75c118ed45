"""拒不支付劳动报酬罪: whether a case's figures reach the amounts for transfer to the police.

Zhuhai (Hengqin included) is a category-1 city under 粤高法发〔2015〕4号: one worker unpaid for
three months or more and at least 20,000 元, or ten workers or more and at least 100,000 元 in
total (《刑法》第二百七十六条之一; 法释〔2013〕3号 Art. 3). The months owed are not recorded per
worker, so the single-worker test can only say whether the amount is reached.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

ONE_WORKER_AMOUNT = Decimal("20000")
ONE_WORKER_MONTHS = 3
MANY_WORKERS = 10
MANY_WORKERS_AMOUNT = Decimal("100000")


@dataclass(frozen=True)
class ThresholdAssessment:
    met: bool  # the amounts are reached (the months of the single-worker test still to be checked)
    lines: list[str]


def _yuan(value: Decimal) -> str:
    return f"{value:,.2f}"


def assess(*, amount: Decimal, people_count: int, outstanding: list[Decimal] | None) -> ThresholdAssessment:
    """`amount`/`people_count`: the case's 涉及金额/涉及人数; `outstanding`: what each worker on the
    roster is still owed (None when no roster was imported)."""
    lines: list[str] = []
    uncertain = False
    if outstanding:
        unpaid = [v for v in outstanding if v > 0]
        amount, people_count = sum(unpaid, Decimal("0")), len(unpaid)
        source = f"按欠薪工人名册：尚未支付 {people_count} 人、合计 {_yuan(amount)} 元"
    else:
        source = f"按案件登记数据：涉及 {people_count} 人、金额 {_yuan(amount)} 元（未导入欠薪工人名册）"
    lines.append(source)
    many = people_count >= MANY_WORKERS and amount >= MANY_WORKERS_AMOUNT
    lines.append(f"十名以上劳动者且累计十万元以上：{'已达到' if many else '未达到'}")
    if outstanding:
        large = [v for v in outstanding if v >= ONE_WORKER_AMOUNT]
        one = bool(large)
        if one:
            lines.append(f"一名劳动者二万元以上：已达到（{len(large)} 人未付金额在二万元以上，最高 {_yuan(max(large))} 元），"
                         f"须核实拖欠是否满{ONE_WORKER_MONTHS}个月")
        else:
            lines.append("一名劳动者二万元以上：未达到（名册中无人未付金额达二万元）")
    else:
        # without a roster: if the average reaches 20,000 元, at least one worker's share does
        one = people_count >= 1 and amount >= ONE_WORKER_AMOUNT * people_count
        if one:
            text = f"金额已达到，须核实拖欠是否满{ONE_WORKER_MONTHS}个月"
        elif people_count > 1 and amount >= ONE_WORKER_AMOUNT:
            text, uncertain = "无法按人核对，请导入欠薪工人名册", True
        else:
            text = "未达到"
        lines.append(f"一名劳动者三个月以上且二万元以上：{text}")
    met = many or one
    if met:
        lines.append("结论：按现有数据已达到移送数额标准（仍须经责令支付逾期仍不支付）")
    elif uncertain:
        lines.append("结论：未达到“十名以上”标准；“一名劳动者”标准须按欠薪工人名册核对")
    else:
        lines.append("结论：按现有数据未达到移送数额标准，请核实后再决定是否移送")
    return ThresholdAssessment(met=met, lines=lines)
