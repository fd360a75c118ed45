"""The Zhuhai amounts for transfer to the police: one worker ≥ 20,000 元 (≥ 3 months), or ≥ 10 workers
and ≥ 100,000 元 in total."""
from __future__ import annotations

from decimal import Decimal

from app.cases.police_thresholds import assess

D = Decimal


def test_ten_workers_and_a_hundred_thousand_reach_it_nine_do_not():
    assert assess(amount=D("100000.00"), people_count=10, outstanding=None).met
    nine = assess(amount=D("180000.00"), people_count=9, outstanding=[D("20000.00")] * 9)
    assert "十名以上劳动者且累计十万元以上：未达到" in nine.lines
    assert nine.met  # … but each of the nine is owed 20,000 元: the single-worker amount is reached
    assert not assess(amount=D("99999.99"), people_count=12, outstanding=[D("8333.33")] * 12).met


def test_one_worker_needs_twenty_thousand_still_unpaid():
    assert assess(amount=D("20000.00"), people_count=1, outstanding=None).met
    assert not assess(amount=D("19999.99"), people_count=1, outstanding=None).met
    # owed 30,000 but 12,000 paid: 18,000 outstanding does not reach it
    assert not assess(amount=D("30000.00"), people_count=1, outstanding=[D("18000.00")]).met


def test_without_a_roster_the_single_worker_test_may_be_undecidable():
    result = assess(amount=D("42300.00"), people_count=5, outstanding=None)
    assert not result.met
    assert result.lines[-1] == "结论：未达到“十名以上”标准；“一名劳动者”标准须按欠薪工人名册核对"
