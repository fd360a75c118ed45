"""The approvals outside the hearing path are for their lane only, as the hearing path's are
(test_case_roles.py): 加付赔偿金审批, 移送审批, 中止调查审批, 延期审核 / 延期审批, 撤销立案审批, 结案审批 —
each refused (403) to every other role, the task left open and untouched, then done by its own."""
from __future__ import annotations

from tests.integration.cases import helpers as h
from tests.integration.cases.test_case_paths_api import at, decide
from tests.integration.cases.test_case_roles import guarded_step


def test_compensation_and_police_transfer_approvals(flow, api):
    flow.filed_case()
    decide(flow, "rectify", stage="责令限期改正", then=[("制发限期改正指令书", "officer1")])
    flow.step("officer1", "制发限期改正指令书", h.rectification_order("2026-12-08"), stage="限期改正指令书送达",
              then=[("限期改正指令书送达", "officer1")])
    flow.step("officer1", "限期改正指令书送达", h.rectification_service(), stage="等待改正", then=[])
    assert flow.advance_to(at("2026-12-09")) == 1
    flow.step("officer1", "核查整改情况", h.rectification_check(False, "2026-12-09"), stage="等待改正",
              then=[("责令加付赔偿金", "officer1")])
    flow.step("officer1", "责令加付赔偿金",
              h.compensation_order(),
              stage="等待改正", then=[("加付赔偿金审批", "chief")])
    guarded_step(flow, api, "chief", "加付赔偿金审批", {"approval_opinion": "同意", "approved_on": "2026-12-09"},
                 stage="拟移送公安机关", then=[("拟移送公安机关", "officer1")])
    flow.step("officer1", "拟移送公安机关",
              h.police_transfer_proposal(),
              stage="拟移送公安机关", then=[("移送审批", "leader")])
    guarded_step(flow, api, "leader", "移送审批", h.police_transfer_approval("2026-12-09"),
                 stage="拟移送公安机关", then=[("移送公安机关", "officer1")])


def test_suspension_approval(flow, api):
    flow.filed_case()
    flow.signal("officer1", "apply_suspension", "待劳动人事争议仲裁委员会确认劳动关系")
    flow.step("officer1", "中止调查申请",
              h.suspension_application(),
              stage="中止审批", then=[("调查取证记录", "officer1"), ("中止调查审批", "leader")])
    guarded_step(flow, api, "leader", "中止调查审批",
                 h.suspension_approval("2026-12-03"),
                 stage="中止调查", then=[("调查取证记录", "officer1"), ("书面告知投诉人中止调查", "officer1")])


def test_extension_review_and_approval(flow, api):
    flow.filed_case()
    flow.signal("chief", "apply_extension", "涉及人数多，案情复杂")
    guarded_step(flow, api, "chief", "延期审核",
                 {"extension_review": "approve", "extension_days": 30, "extension_reason": "案情复杂",
                  "review_opinion": "同意"},
                 stage="延期审批", then=[("调查取证记录", "officer1"), ("延期审批", "leader")])
    guarded_step(flow, api, "leader", "延期审批",
                 {"extension_approval": "approve", "extension_approved_on": "2026-12-03",
                  "approval_opinion": "同意延长30个工作日"},
                 stage="延期审批", then=[("调查取证记录", "officer1"), ("书面告知投诉人延期", "officer1")])


def test_withdrawal_and_closure_approvals(flow, api):
    flow.filed_case()
    decide(flow, "withdraw", withdraw_ground="complaint_withdrawn", stage="撤销立案审批",
           then=[("撤销立案审批", "chief")])
    guarded_step(flow, api, "chief", "撤销立案审批",
                 {"withdraw_ground": "complaint_withdrawn", "withdrawal_approval": "approve",
                  "approved_on": "2026-12-03", "approval_opinion": "投诉人撤回投诉，同意撤销立案"},
                 stage="结案审批", then=[("结案审批", "chief")])
    guarded_step(flow, api, "chief", "结案审批", h.closure("2026-12-03", recovered="0.00", workers=0),
                 stage="结案审批", then=[("告知投诉人处理结果", "officer1")])
