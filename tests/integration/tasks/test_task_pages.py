"""The task pages: lists with counts, claiming, and the form that keeps what was typed."""
from __future__ import annotations

from tests.factories import PASSWORD, make_ticket, open_task


def _login(client, username):
    client.post("/login", data={"username": username, "password": PASSWORD})
    return client


def test_group_list_claim_and_my_list(client, db_session, env):
    ticket = make_ticket(db_session, env)
    _login(client, "chief")
    page = client.get("/tasks/group").get_data(as_text=True)
    assert ticket.number in page and "指派办理人" in page and "领取" in page
    assert 'id="nav-group">待领取 <span class="badge">1</span>' in page
    task = open_task(db_session, ticket.id)
    r = client.post(f"/tasks/{task.id}/claim")
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/tasks/{task.id}")
    page = client.get("/tasks/").get_data(as_text=True)
    assert ticket.number in page and 'id="nav-mine">我的待办 <span class="badge">1</span>' in page
    assert "剩余工作日" in page and '<td class="num">5</td>' in page
    client.post(f"/tasks/{task.id}/give-back")
    assert ticket.number in client.get("/tasks/group").get_data(as_text=True)


def test_form_errors_are_shown_next_to_fields_and_input_is_kept(client, db_session, env):
    ticket = make_ticket(db_session, env)
    task = open_task(db_session, ticket.id)
    _login(client, "chief")
    r = client.post(f"/tasks/{task.id}", data={"handler": "", "assigned_on": "2026-12-03", "assign_note": "请尽快核查"})
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    assert "请检查以下字段：指派办理人" in page
    assert '<span class="field-error">此项为必填项</span>' in page
    assert 'value="2026-12-03"' in page and "请尽快核查</textarea>" in page
    assert open_task(db_session, ticket.id).status == "open"
    r = client.post(f"/tasks/{task.id}", data={"handler": "officer2", "assigned_on": "2026-12-03"})
    assert r.status_code == 302
    assert "已办理：指派办理人" in client.get("/tasks/").get_data(as_text=True)
    assert open_task(db_session, ticket.id).title == "核查"


def test_overdue_tasks_are_highlighted(client, db_session, env, clock):
    from datetime import timedelta

    make_ticket(db_session, env)
    _login(client, "chief")
    assert "tag-red\">已逾期" not in client.get("/tasks/group").get_data(as_text=True)
    clock.advance(timedelta(days=8))  # past the deadline; the sweep has not run yet
    page = client.get("/tasks/group").get_data(as_text=True)
    assert 'class="overdue"' in page and 'tag-red">已逾期' in page


def test_officer_cannot_open_someone_elses_task(client, db_session, env):
    ticket = make_ticket(db_session, env)
    _login(client, "officer1")
    assert client.get(f"/tasks/{open_task(db_session, ticket.id).id}").status_code == 403


def test_ticket_registration_page_and_ticket_page(client, db_session):
    _login(client, "clerk")
    form = client.get("/tickets/new").get_data(as_text=True)
    assert "欠薪线索登记" in form and "12345热线" in form
    bad = {"channel": "hotline_12345", "received_at": "2026-12-03T09:00", "project_name": "横琴某项目",
           "responsible_units[0].name": "某公司", "complainants[0].name": "黄生", "complainants[0].phone": "123",
           "summary": "反映被拖欠工资三个月。", "people_count": "3", "amount": "1000"}
    r = client.post("/tickets/new", data=bad)
    assert r.status_code == 400 and "请输入有效的电话号码" in r.get_data(as_text=True)
    assert 'value="横琴某项目"' in r.get_data(as_text=True)
    r = client.post("/tickets/new", data={**bad, "complainants[0].phone": "13800138000",
                                          "received_at": "2026-12-04T09:00"})  # tomorrow
    assert r.status_code == 400 and "来访时间不得晚于" in r.get_data(as_text=True)
    assert 'value="13800138000"' in r.get_data(as_text=True)  # what was typed is kept
    r = client.post("/tickets/new", data={**bad, "complainants[0].phone": "13800138000"})
    assert r.status_code == 302
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "HQGD-2026-000001" in page and "指派办理人" in page and "1,000.00 元" in page


def test_a_designated_task_cannot_be_given_back_to_the_pool(client, db_session, env, app):
    from app.tasks import flows
    from tests.factories import user

    ticket = make_ticket(db_session, env)
    flows.complete(db_session, env=env, registry=app.extensions["forms"], task_id=open_task(db_session, ticket.id).id,
                   user=user(db_session, "chief"), data={"handler": "officer1", "assigned_on": "2026-12-03"})
    db_session.commit()
    verify = open_task(db_session, ticket.id)
    assert verify.designated
    _login(client, "officer1")
    assert "退回待领取" not in client.get(f"/tasks/{verify.id}").get_data(as_text=True)
    client.post(f"/tasks/{verify.id}/give-back")
    db_session.expire_all()
    assert open_task(db_session, ticket.id).assignee_id == user(db_session, "officer1").id


def test_conditionally_required_fields_are_marked(client, db_session, env, app):
    from app.tasks import flows
    from tests.factories import user

    ticket = make_ticket(db_session, env)
    flows.complete(db_session, env=env, registry=app.extensions["forms"], task_id=open_task(db_session, ticket.id).id,
                   user=user(db_session, "chief"), data={"handler": "officer1", "assigned_on": "2026-12-03"})
    db_session.commit()
    _login(client, "officer1")
    page = client.get(f"/tasks/{open_task(db_session, ticket.id).id}").get_data(as_text=True)
    assert "核处结论为“不予受理”时必填" in page


def test_task_list_filters(client, db_session, env, clock, api):
    from datetime import timedelta

    soon = make_ticket(db_session, env, received_at="2026-12-01T09:00:00+08:00")  # due Tue 12-08
    later = make_ticket(db_session, env, project_name="横琴金融岛项目", respondent_name="珠海某劳务有限公司")  # due 12-10
    _login(client, "chief")
    page = client.get("/tasks/group?due_within=3").get_data(as_text=True)  # through Tue 12-08
    assert soon.number in page and later.number not in page
    page = client.get("/tasks/group?party=珠海某劳务").get_data(as_text=True)
    assert later.number in page and soon.number not in page
    page = client.get(f"/tasks/group?number={soon.number[-3:]}").get_data(as_text=True)
    assert soon.number in page and later.number not in page
    clock.advance(timedelta(days=5, hours=16))  # Wed 12-09 01:00: the first is overdue, the sweep not yet run
    page = client.get("/tasks/group?overdue=1").get_data(as_text=True)
    assert soon.number in page and later.number not in page
    r = api.get("chief", "/api/v1/tasks?scope=group&due_within=abc")
    assert r.status_code == 400 and "due_within" in r.get_json()["error"]["fields"]
    items = api.get("chief", "/api/v1/tasks?scope=group&type=assign_handler&party=金融岛").get_json()["items"]
    assert [t["business_number"] for t in items] == [later.number]


def test_the_party_filter_finds_any_party_or_complainant_of_the_ticket(client, api):
    from tests.integration.parties.helpers import full_registration, unrelated_registration

    wanted = api.post("clerk", "/api/v1/tickets", json=full_registration()).get_json()
    other = api.post("clerk", "/api/v1/tickets", json=unrelated_registration()).get_json()

    def numbers(party):
        items = api.get("chief", f"/api/v1/tasks?scope=group&party={party}").get_json()["items"]
        return [t["business_number"] for t in items]

    # the general contractor and a complainant are not in the task's title (project and first unit)
    assert numbers("中建某局") == [wanted["number"]]
    assert numbers("陈秀英") == [wanted["number"]]
    assert numbers("13800138011") == [wanted["number"]]  # a complainant's phone, whole
    assert numbers("某装饰工程") == [other["number"]]
    assert numbers("无此单位") == []
    _login(client, "chief")
    page = client.get("/tasks/group?party=中建某局").get_data(as_text=True)
    assert wanted["number"] in page and other["number"] not in page
