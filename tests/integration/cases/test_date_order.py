"""Dates in order on the case forms (x-notBefore / x-notFuture): a decision cannot predate the filing
or the prior notice, a service cannot predate the decision, the hearing is at least 7 working days
after its notice, and what happened cannot be dated in the future. A refused submission names both
dates in Chinese and changes nothing; the page keeps what the officer typed."""
from __future__ import annotations

from datetime import datetime

from tests.factories import PASSWORD
from tests.integration.cases import helpers as h


def _penalty_proposed(flow, fine: str) -> None:
    flow.filed_case(checked=False)  # filed Thu 3 Dec 2026 (the clock's day)
    flow.complete("officer1", "调查取证记录", h.record("conclude"))
    flow.complete("officer1", "拟定处理意见", h.proposal("penalty", party_kind="organisation", proposed_fine=fine,
                                                       project_stoppage=False, major_case=False))
    flow.complete("chief", "审核处理意见", h.review())
    flow.complete("officer1", "拟处罚", h.penalty_proposal(fine))


def _refused(flow, username: str, title: str, data: dict) -> dict:
    task, _ = flow.find_task(username, title)
    r = flow.api.call("POST", username, f"/api/v1/tasks/{task['id']}/complete", json=data)
    assert r.status_code == 400, r.get_json()
    still, _ = flow.find_task(username, title)  # nothing moved on
    assert still["id"] == task["id"]
    return r.get_json()["error"]


def test_a_penalty_decision_cannot_predate_the_filing_nor_its_service_the_decision(flow):
    _penalty_proposed(flow, "50000.00")
    flow.complete("officer1", "事先告知书送达", h.prior_notice())
    flow.complete("officer1", "陈述申辩登记", h.statement(raised=False))
    flow.complete("leader", "负责人审批", h.leader_approval("50000.00"))
    error = _refused(flow, "officer1", "制作处罚决定书", h.penalty_decision("2026-12-02"))
    assert error["fields"] == {"penalty_decision_date": [
        "处罚决定日期不得早于立案日期（2026-12-03）", "处罚决定日期不得早于事先告知书送达日期（2026-12-03）"]}
    assert error["message"].startswith("处罚决定日期不得早于立案日期（2026-12-03）")
    error = _refused(flow, "officer1", "制作处罚决定书", h.penalty_decision("2026-12-04"))  # tomorrow
    assert error["fields"] == {"penalty_decision_date": ["处罚决定日期不得晚于今天（2026-12-03）"]}
    flow.advance_to(datetime.fromisoformat("2026-12-07T09:00:00+08:00"))
    flow.complete("officer1", "制作处罚决定书", h.penalty_decision("2026-12-07"))
    error = _refused(flow, "officer1", "处罚决定书送达", h.decision_service("2026-12-04"))
    assert error["fields"] == {"decision_service_date": ["处罚决定书送达日期不得早于处罚决定日期（2026-12-07）"]}
    flow.complete("officer1", "处罚决定书送达", h.decision_service("2026-12-07"))


def test_the_hearing_is_at_least_seven_working_days_after_its_notice(flow):
    _penalty_proposed(flow, "150000.00")  # an organisation, 150,000: the hearing right arises
    flow.complete("officer1", "事先告知书送达", h.prior_notice())
    flow.complete("officer1", "听证申请登记", h.hearing_request())
    flow.complete("officer1", "陈述申辩登记", h.statement(raised=False))
    # notified Thu 3 Dec: Fri 11 Dec is only the 6th working day after it, Mon 14 Dec the 7th
    error = _refused(flow, "officer1", "听证通知", h.hearing_notice(at="2026-12-11T15:00:00+08:00"))
    assert error["fields"] == {"hearing_at": ["听证时间应在听证通知日期（2026-12-03）后至少7个工作日，即不早于2026-12-14"]}
    error = _refused(flow, "officer1", "听证通知", h.hearing_notice(on="2026-12-02"))
    assert "听证通知日期不得早于立案日期（2026-12-03）" in error["fields"]["hearing_notice_date"]
    flow.complete("officer1", "听证通知", h.hearing_notice(at="2026-12-14T09:30:00+08:00"))
    # the hearing is recorded once it has happened
    error = _refused(flow, "officer1", "举行听证", h.hearing_held(at="2026-12-14T09:30:00+08:00"))
    assert error["fields"] == {"hearing_held_at": ["听证开始时间不得晚于当前时间（2026-12-03 09:00）"]}
    flow.advance_to(datetime.fromisoformat("2026-12-14T11:00:00+08:00"))
    flow.complete("officer1", "举行听证", h.hearing_held(at="2026-12-14T09:30:00+08:00"))


def test_the_task_page_shows_the_date_error_and_keeps_what_was_typed(flow, client):
    flow.filed_case(checked=False)
    task, _ = flow.find_task("officer1", "调查取证记录")
    client.post("/login", data={"username": "officer1", "password": PASSWORD})
    data = {"record_type": "inquiry_record", "record_date": "2026-12-01", "record_place": "横琴新家园三期项目部",
            "record_summary": "询问被投诉单位负责人陈某。", "next_step": "continue"}
    r = client.post(f"/tasks/{task['id']}", data=data)
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    assert "调查取证日期不得早于立案日期（2026-12-03）" in page
    assert 'value="2026-12-01"' in page and "询问被投诉单位负责人陈某。" in page
    still, _ = flow.find_task("officer1", "调查取证记录")
    assert still["id"] == task["id"]
