"""The process diagram on the ticket and case pages: the current step highlighted."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from app.cases import service as cases
from app.tasks import flows
from app.tasks import service as tasks
from app.workflow import service as workflow
from app.workflow.diagram import instance_diagram
from tests.factories import PASSWORD, make_ticket, open_task, user

SVG = "{http://www.w3.org/2000/svg}"


def _complete(app, session, env, task_id, username, data):
    flows.complete(session, env=env, registry=app.extensions["forms"], task_id=task_id,
                   user=user(session, username), data=data)
    session.commit()


def _assigned_ticket(app, session, env):
    ticket = make_ticket(session, env)
    _complete(app, session, env, open_task(session, ticket.id).id, "chief",
              {"handler": "officer1", "assigned_on": "2026-12-03"})
    return ticket


def _accepted_case(app, session, env):
    ticket = _assigned_ticket(app, session, env)
    _complete(app, session, env, open_task(session, ticket.id).id, "officer1",
              {"verification_notes": "核实欠薪属实，双方存在劳动关系。", "conclusion": "accept"})
    return ticket, cases.for_ticket(session, ticket_id=ticket.id)


def _states(svg: str) -> dict[str, str]:
    """BPMN element id -> plain | active | done, read from the drawn SVG."""
    root = ET.fromstring(svg)
    return {g.get("data-element-id"): re.search(r"bpmn-(plain|active|done)\b", g.get("class")).group(1)
            for g in root.iter(SVG + "g") if re.search(r"bpmn-(plain|active|done)\b", g.get("class", ""))}


def _page_diagrams(client, path: str) -> tuple[str, list[str]]:
    client.post("/login", data={"username": "chief", "password": PASSWORD})
    response = client.get(path)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    return page, re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" class="bpmn-diagram".*?</svg>', page,
                            re.S)


def test_ticket_page_shows_the_diagram_with_the_verification_current(app, db_session, env, client):
    ticket = _assigned_ticket(app, db_session, env)
    page, (svg,) = _page_diagrams(client, f"/tickets/{ticket.id}")
    assert page.index("<h2>流程图</h2>") < page.index("<h2>办理历史</h2>")
    assert "当前环节" in page and "已完成" in page and "欠薪线索受理（工单）" in page
    states = _states(svg)
    assert states["verify_ticket"] == "active" and states["verify_deadline"] == "active"  # its timer waits
    assert states["ticket_registered"] == states["assign_handler"] == "done"
    assert states["assign_deadline"] == states["conclusion_gateway"] == states["accepted_end"] == "plain"
    assert "核查" in svg and "指派办理人" in svg


def test_case_page_shows_its_diagram_with_the_filing_approval_current(app, db_session, env, client):
    ticket, case = _accepted_case(app, db_session, env)
    page, (svg,) = _page_diagrams(client, f"/cases/{case.id}")
    assert "流程图" in page and "劳动保障监察案件办理" in page
    states = _states(svg)
    assert [ref for ref, state in states.items() if state == "active"] == ["approve_filing"]
    assert states["case_registered"] == states["stage_filing"] == "done"
    assert "立案审批" in svg
    # the ticket's own process has ended: all of it up to 已受理 done, nothing current
    _page, (ticket_svg,) = _page_diagrams(client, f"/tickets/{ticket.id}")
    ticket_states = _states(ticket_svg)
    assert "active" not in ticket_states.values()
    assert ticket_states["mark_accepted"] == ticket_states["accepted_end"] == "done"
    assert ticket_states["mark_rejected"] == "plain"
    assert "已办结" in _page


def test_a_running_call_activity_is_current_in_its_parent(app, db_session, env):
    _ticket, case = _accepted_case(app, db_session, env)
    approve = tasks.open_tasks(db_session, business_type="case", business_id=case.id)[0]
    _complete(app, db_session, env, approve.id, "chief",
              {"filing_approval": "approve", "filed_on": "2026-12-03", "case_cause": "拖欠农民工工资",
               "filing_opinion": "符合立案条件，同意立案"})
    assign = tasks.open_tasks(db_session, business_type="case", business_id=case.id)[0]
    _complete(app, db_session, env, assign.id, "chief",
              {"handler": "officer1", "co_handler": "officer2", "assigned_on": "2026-12-03"})
    (view,) = instance_diagram(db_session, env=env, business_type="case", business_id=case.id)
    states = _states(view.svg)
    # the investigation subprocess runs: its call activity is current, and the signals that may interrupt wait
    assert {ref for ref, state in states.items() if state == "active"} == {
        "investigation", "extension_requested", "suspension_requested"}
    assert states["approve_filing"] == states["filing_gateway"] == states["stage_investigation"] == "done"
    assert states["not_filed"] == "plain"


def test_the_diagram_is_drawn_from_the_version_the_instance_runs_on(app, db_session, env):
    ticket = _assigned_ticket(app, db_session, env)
    (instance,) = workflow.instances_for(db_session, business_type="ticket", business_id=ticket.id)
    record = instance.process_version
    # as if the instance ran on an older version whose task had another name
    record.sources = {name: text.replace('name="核查"', 'name="核查（旧版）"')
                      for name, text in record.sources.items()}
    (view,) = instance_diagram(db_session, env=env, business_type="ticket", business_id=ticket.id)
    assert "核查（旧版）" in view.svg and view.title == "欠薪线索受理（工单）"
    db_session.rollback()


def test_no_process_no_diagram(app, db_session, env):
    assert instance_diagram(db_session, env=env, business_type="ticket", business_id=999999) == []
