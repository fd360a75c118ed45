"""A period the administrator configures (陈述申辩 3 → 5 working days) is what the process runs on,
and the case page and API show it among the case's clocks."""
from __future__ import annotations

from app.deadlines import service as clocks
from tests.integration.cases import helpers as h
from tests.integration.cases.test_case_paths_api import _penalty_decided


def test_statement_period_follows_the_rule_table(flow, api, app, db_session):
    rule = clocks.get_rule(db_session, "statement_defence")
    rule.amount = 5
    db_session.commit()
    app.extensions["clock_rules"].invalidate()
    try:
        _penalty_decided(flow, "50000.00", major_case=False)
        flow.step("officer1", "拟处罚", h.penalty_proposal("50000.00"), stage="事先告知",
                  then=[("事先告知书送达", "officer1")])
        case = flow.step("officer1", "事先告知书送达", h.prior_notice(), stage="陈述申辩及听证申请期间",
                         then=[("陈述申辩登记", "officer1")])
        body = api.get("chief", f"/api/v1/cases/{case['id']}").get_json()
        statement = flow.clock_of("statement_defence", case=body)
        # served Thu 2026-12-03: 5 working days → Thu 12-10 (the default 3 would give Tue 12-08)
        assert (statement["due_on"], statement["name"], statement["state"]) == ("2026-12-10", "陈述、申辩", "running")
        assert body["process_deadlines"] == []  # the period is listed once, as a clock
        (task,) = api.get("officer1", "/api/v1/tasks?scope=mine").get_json()["items"]
        assert task["due_at"] == "2026-12-10T15:59:59+00:00"  # the task's own deadline
    finally:
        rule.amount = 3
        db_session.commit()
