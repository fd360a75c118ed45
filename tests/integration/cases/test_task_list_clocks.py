"""我的待办 shows, beside each task, the running legal clocks of its case (案件期限): the 45-working-day
decision clock counts down, a suspension shows it paused."""
from __future__ import annotations

import re
from datetime import timedelta

from tests.integration.cases import helpers as h
from tests.integration.parties.helpers import login


def _clock_cells(page: str) -> list[str]:
    return [re.sub(r"\s+", " ", cell).strip()
            for cell in re.findall(r'<td class="case-clocks">(.*?)</td>', page, flags=re.S)]


def _badges(cell: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", b).strip() for b in re.findall(r'<span class="clock-badge[^"]*"[^>]*>(.*?)</span>', cell, flags=re.S)]


def test_my_tasks_show_the_decision_clock_of_the_case(flow, client, clock):
    flow.filed_case(checked=False)  # filed Thu 2026-12-03: 45 working days
    client = login(client, "officer1")
    page = client.get("/tasks/").get_data(as_text=True)
    assert "<th>案件期限</th>" in page
    badges = [b for cell in _clock_cells(page) for b in _badges(cell)]
    assert "作出处理决定 剩45（日历未确认）" in badges  # due in 2027, whose holidays are not entered

    clock.advance(timedelta(days=7))  # Thu 12-10: five working days later
    page = client.get("/tasks/").get_data(as_text=True)
    assert "作出处理决定 剩40（日历未确认）" in [b for cell in _clock_cells(page) for b in _badges(cell)]


def test_a_suspended_case_shows_its_clock_paused(flow, client):
    flow.filed_case(checked=False)
    flow.signal("officer1", "apply_suspension", "待仲裁委确认劳动关系")
    flow.complete("officer1", "中止调查申请", h.suspension_application("force_majeure", "台风"))
    flow.complete("leader", "中止调查审批", h.suspension_approval("2026-12-03"))
    page = login(client, "officer1").get("/tasks/").get_data(as_text=True)
    badges = [b for cell in _clock_cells(page) for b in _badges(cell)]
    assert "作出处理决定 暂停计时（日历未确认）" in badges
    assert all("作出处理决定 剩" not in b for b in badges)
    assert "书面告知投诉人中止调查 剩3" in badges  # the notice is due 3 working days after the approval
