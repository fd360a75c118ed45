"""Who may work a case's tasks, see the case, and apply for an extension or a suspension — through the API.

- Every task of a path (the penalty path with hearing touches all five lanes) is completed by its
  lane's role and refused (403) to everybody else: designated officer tasks to all but the handler
  (the co-handler too), group tasks to the other roles (claim and complete).
- A case is seen by its two inspectors, by its section (officers, chief), and by the leaders;
  an officer or chief of another section gets 403.
- The two inspectors must differ (400).
"""
from __future__ import annotations

from datetime import datetime

from tests.factories import PASSWORD
from tests.integration.cases import helpers as h

EVERYBODY = ("clerk", "officer1", "officer2", "reviewer", "chief", "leader")
SECTION_2 = "劳动保障监察二科"


def _tmp_user(db_session, username: str, role: str, team: str = SECTION_2) -> None:
    from app.auth.service import create_user

    create_user(db_session, username=username, display_name=f"测试 {username}", password=PASSWORD,
                role_codes=[role], team=team)
    db_session.commit()


def _open_task(flow, title: str) -> dict:
    (task,) = [t for t in flow.case()["open_tasks"] if t["title"] == title]
    return task


def guarded_step(flow, api, username: str, title: str, data: dict, **expect) -> dict[str, tuple[int, int | None]]:
    """Everybody but `username` is refused the task (complete; claim for group tasks) with 403 and the
    task stays open and untouched; then `username` completes it and the case moves on as `expect`s."""
    task = _open_task(flow, title)
    designated = task["assignee_id"] is not None
    refusals = {}
    for other in EVERYBODY:
        if other == username:
            continue
        done = api.post(other, f"/api/v1/tasks/{task['id']}/complete", json=data)
        claim = None if designated else api.post(other, f"/api/v1/tasks/{task['id']}/claim").status_code
        refusals[other] = (done.status_code, claim)
        assert done.status_code == 403 and done.get_json()["error"]["message"] == "您不是该待办的办理人", (other, title)
        assert claim in (None, 403), (other, title, claim)
    again = _open_task(flow, title)
    assert (again["id"], again["status"], again["assignee_id"]) == (task["id"], "open", task["assignee_id"])
    flow.step(username, title, data, **expect)
    (entry,) = [e for e in flow.case()["history"] if e["task"] == title][-1:]
    assert entry["by"] == api.users[username]["display_name"]
    return refusals


def test_every_task_of_the_hearing_path_is_for_its_lane_only(flow, api):
    flow.accepted_case()
    refused = guarded_step(flow, api, "chief", "立案审批", h.filing(), stage="立案审批",
                           then=[("指派承办执法人员", "chief")])
    # an officer may neither approve the filing nor claim it, nor open its form
    assert refused["officer1"] == (403, 403)
    filing_task = [t for t in api.ok("GET", "chief", "/api/v1/tasks?scope=done")["items"] if t["title"] == "立案审批"]
    assert api.get("officer1", f"/api/v1/tasks/{filing_task[0]['id']}").status_code == 403
    guarded_step(flow, api, "chief", "指派承办执法人员", h.inspectors(), stage="调查取证",
                 then=[("调查取证记录", "officer1")])
    # the chief may not work the officer's designated task (nor may the co-handler officer2)
    refused = guarded_step(flow, api, "officer1", "调查取证记录", h.record("conclude"), stage="调查取证",
                           then=[("拟定处理意见", "officer1")])
    assert refused["chief"] == (403, None) and refused["officer2"] == (403, None)
    guarded_step(flow, api, "officer1", "拟定处理意见",
                 h.proposal("penalty", party_kind="organisation", proposed_fine="150000.00", project_stoppage=False,
                            major_case=True),
                 stage="调查取证", then=[("审核处理意见", "chief")])
    guarded_step(flow, api, "chief", "审核处理意见", h.review(), stage="拟作出行政处罚", then=[("拟处罚", "officer1")])
    guarded_step(flow, api, "officer1", "拟处罚", h.penalty_proposal("150000.00", major_case=True), stage="事先告知",
                 then=[("事先告知书送达", "officer1")])
    guarded_step(flow, api, "officer1", "事先告知书送达", h.prior_notice(), stage="陈述申辩及听证申请期间",
                 then=[("陈述申辩登记", "officer1"), ("听证申请登记", "officer1")])
    guarded_step(flow, api, "officer1", "听证申请登记", h.hearing_request(), stage="陈述申辩及听证申请期间",
                 then=[("陈述申辩登记", "officer1")])
    guarded_step(flow, api, "officer1", "陈述申辩登记", h.statement(raised=False), stage="听证",
                 then=[("听证通知", "officer1")])
    guarded_step(flow, api, "officer1", "听证通知", h.hearing_notice(), stage="听证", then=[("举行听证", "officer1")])
    flow.advance_to(datetime.fromisoformat(h.HEARING_AT))  # the hearing day, 7 working days after the notice
    day = h.HEARING_DAY
    guarded_step(flow, api, "officer1", "举行听证", h.hearing_held(), stage="听证", then=[("听证笔录", "officer1")])
    guarded_step(flow, api, "officer1", "听证笔录", h.hearing_record(), stage="法制审核",
                 then=[("法制审核", "reviewer")])
    # the clerk may not do the legal review
    refused = guarded_step(flow, api, "reviewer", "法制审核", h.legal_review(day), stage="集体讨论",
                           then=[("集体讨论", "leader")])
    assert refused["clerk"] == (403, 403)
    guarded_step(flow, api, "leader", "集体讨论", h.deliberation(day), stage="负责人审批", then=[("负责人审批", "leader")])
    guarded_step(flow, api, "leader", "负责人审批", h.leader_approval("150000.00", day), stage="处罚决定",
                 then=[("制作处罚决定书", "officer1")])
    guarded_step(flow, api, "officer1", "制作处罚决定书", h.penalty_decision(day), stage="处罚决定书送达",
                 then=[("处罚决定书送达", "officer1"), ("报上级备案", "officer1")])
    guarded_step(flow, api, "officer1", "报上级备案", h.decision_filing(day), stage="处罚决定书送达",
                 then=[("处罚决定书送达", "officer1")])
    guarded_step(flow, api, "officer1", "处罚决定书送达", h.decision_service(day), stage="罚款缴纳",
                 then=[("缴纳确认", "officer1")])
    guarded_step(flow, api, "officer1", "缴纳确认", h.payment("150000.00", day), stage="结案审批",
                 then=[("结案审批", "chief")])
    guarded_step(flow, api, "chief", "结案审批", h.closure(day), stage="结案审批",
                 then=[("告知投诉人处理结果", "officer1")])
    guarded_step(flow, api, "officer1", "告知投诉人处理结果", h.result_notice(day), stage="结案审批",
                 then=[("归档", "clerk")])
    guarded_step(flow, api, "clerk", "归档", h.archive(day), stage="已结案", status="closed", then=[])
    by = {(e["task"], e["by"]) for e in flow.case()["history"]}
    assert {("法制审核", "法制审核员 赵静"), ("集体讨论", "局领导 刘强"), ("归档", "受理员 陈晓"),
            ("立案审批", "科长 张伟"), ("缴纳确认", "执法人员 李明")} <= by


def test_a_case_is_seen_by_its_inspectors_its_section_and_the_leaders(flow, api, db_session):
    _tmp_user(db_session, "tmp_officer_b", "officer")
    _tmp_user(db_session, "tmp_chief_b", "chief")
    case = flow.filed_case(checked=False)  # registered by the clerk of 一科: officer1 handles, officer2 assists
    path = f"/api/v1/cases/{case['id']}"
    for username in ("officer1", "officer2", "chief", "leader", "clerk", "reviewer"):
        assert api.get(username, path).status_code == 200, username
        assert case["id"] in [c["id"] for c in api.ok("GET", username, "/api/v1/cases")["items"]], username
    for username in ("tmp_officer_b", "tmp_chief_b"):  # neither inspector, another section
        r = api.get(username, path)
        assert r.status_code == 403 and r.get_json()["error"]["message"] == "无权查看该案件", username
        assert api.ok("GET", username, "/api/v1/cases")["items"] == [], username
        assert api.post(username, f"{path}/signals/apply_extension", json={"reason": "案情复杂"}).status_code == 403


def test_an_inspector_from_another_section_sees_the_case_he_works(flow, api, db_session):
    _tmp_user(db_session, "tmp_officer_b", "officer")
    flow.accepted_case()
    flow.step("chief", "立案审批", h.filing(), stage="立案审批", then=[("指派承办执法人员", "chief")])
    path = f"/api/v1/cases/{flow.case_id}"
    assert api.get("tmp_officer_b", path).status_code == 403
    case = flow.step("chief", "指派承办执法人员", h.inspectors("officer1", "tmp_officer_b"), stage="调查取证",
                     then=[("调查取证记录", "officer1")])
    assert case["co_handler_id"] == api.user_id("tmp_officer_b")
    assert api.get("tmp_officer_b", path).status_code == 200
    assert [c["id"] for c in api.ok("GET", "tmp_officer_b", "/api/v1/cases")["items"]] == [flow.case_id]
    # … and, as co-handler, may apply for an extension; the designated tasks stay the handler's
    flow.signal("tmp_officer_b", "apply_extension", "涉及人数多，案情复杂")
    record = _open_task(flow, "调查取证记录")
    assert api.post("tmp_officer_b", f"/api/v1/tasks/{record['id']}/complete", json=h.record("continue")).status_code == 403


def test_the_leader_sees_every_section_and_the_chief_only_his_own(flow, api, db_session):
    _tmp_user(db_session, "tmp_clerk_b", "clerk")
    _tmp_user(db_session, "tmp_chief_b", "chief")
    own = h.CaseDriver(api, clock=flow.clock, env=flow.env, session=flow.session)
    own.accepted_case()
    other = h.CaseDriver(api, clock=flow.clock, env=flow.env, session=flow.session)
    other.ticket = api.ok("POST", "tmp_clerk_b", "/api/v1/tickets", 201,
                          json=h.registration_data(project_name="横琴口岸配套工程"))
    other.assign_ticket()
    other.verify_ticket()
    other.find_case()  # registered in 二科: the case belongs to 二科
    assert sorted(c["id"] for c in api.ok("GET", "leader", "/api/v1/cases")["items"]) == sorted(
        [own.case_id, other.case_id])
    assert [c["id"] for c in api.ok("GET", "chief", "/api/v1/cases")["items"]] == [own.case_id]
    assert [c["id"] for c in api.ok("GET", "tmp_chief_b", "/api/v1/cases")["items"]] == [other.case_id]
    assert api.get("chief", f"/api/v1/cases/{other.case_id}").status_code == 403
    assert api.get("tmp_chief_b", f"/api/v1/cases/{own.case_id}").status_code == 403
    assert api.get("leader", f"/api/v1/cases/{other.case_id}").status_code == 200
    # the 二科 chief files his section's case
    task = _open_task(other, "立案审批")
    assert api.post("tmp_chief_b", f"/api/v1/tasks/{task['id']}/complete", json=h.filing()).status_code == 200


def test_a_chief_cannot_work_a_case_of_another_section(flow, api, db_session):
    _tmp_user(db_session, "tmp_clerk_b", "clerk")
    flow.ticket = api.ok("POST", "tmp_clerk_b", "/api/v1/tickets", 201, json=h.registration_data())
    flow.assign_ticket()
    flow.verify_ticket()
    flow.find_case()
    assert api.get("chief", f"/api/v1/cases/{flow.case_id}").status_code == 403
    task = _open_task(flow, "立案审批")
    assert task["id"] not in [t["id"] for t in api.ok("GET", "chief", "/api/v1/tasks?scope=group")["items"]]
    assert api.post("chief", f"/api/v1/tasks/{task['id']}/complete", json=h.filing()).status_code == 403


def test_the_two_inspectors_must_differ(flow, api):
    flow.accepted_case()
    flow.step("chief", "立案审批", h.filing(), stage="立案审批", then=[("指派承办执法人员", "chief")])
    task = _open_task(flow, "指派承办执法人员")
    r = api.post("chief", f"/api/v1/tasks/{task['id']}/complete", json=h.inspectors("officer1", "officer1"))
    assert r.status_code == 400
    assert r.get_json()["error"]["fields"] == {"co_handler": ["不得与“主办执法人员”为同一人（同一值）"]}
    case = flow.expect(stage="立案审批", then=[("指派承办执法人员", "chief")])  # nothing moved
    assert (case["handler_id"], case["co_handler_id"]) == (None, None)
    flow.step("chief", "指派承办执法人员", h.inspectors("officer2", "officer1"), stage="调查取证",
              then=[("调查取证记录", "officer2")])


def test_who_may_apply_for_an_extension_or_a_suspension(flow, api):
    flow.accepted_case()
    path = f"/api/v1/cases/{flow.case_id}/signals"
    # not before the case is filed and under investigation
    r = api.post("chief", f"{path}/apply_suspension", json={"reason": "台风"})
    assert r.status_code == 409 and "当前阶段不能申请中止调查" in r.get_json()["error"]["message"]
    flow.step("chief", "立案审批", h.filing(), stage="立案审批", then=[("指派承办执法人员", "chief")])
    flow.step("chief", "指派承办执法人员", h.inspectors(), stage="调查取证", then=[("调查取证记录", "officer1")])
    for username in ("clerk", "reviewer", "leader"):
        r = api.post(username, f"{path}/apply_extension", json={"reason": "案情复杂"})
        assert r.status_code == 403, username
    assert api.post("officer1", f"{path}/apply_extension", json={}).status_code == 400  # the reason is required
    assert api.post("officer1", f"{path}/close_case", json={"reason": "x"}).status_code == 404
    flow.signal("officer2", "apply_extension", "涉及人数多")  # the co-handler may apply
    flow.expect(stage="延期审批", then=[("调查取证记录", "officer1"), ("延期审核", "chief")])
