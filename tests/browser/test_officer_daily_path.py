"""The officer's daily path in a real browser: log in, 我的待办, 核查 with a mistake, fix it, done."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from app.tasks import flows
from app.tasks import service as tasks_service
from tests.browser.session import log_in
from tests.factories import make_ticket, open_task, user

pytestmark = pytest.mark.browser


def _ticket_waiting_for_officer1(app) -> tuple[str, int]:
    """A registered ticket whose chief's 指派办理人 is done (handler officer1): 核查 is open for officer1."""
    from app.extensions import db

    with app.app_context():
        session, env = db.session, app.extensions["workflow"]
        ticket = make_ticket(session, env)
        flows.complete(session, env=env, registry=app.extensions["forms"], task_id=open_task(session, ticket.id).id,
                       user=user(session, "chief"), data={"handler": "officer1", "assigned_on": "2026-12-03"})
        session.commit()
        verify = open_task(session, ticket.id)
        assert (verify.title, verify.assignee_id) == ("核查", user(session, "officer1").id)
        number, task_id = ticket.number, verify.id
        db.session.remove()
    return number, task_id




def _path(browser) -> str:
    return urlparse(browser.current_url).path


def _badge(browser) -> str:
    return browser.find_element(By.CSS_SELECTOR, "#nav-mine .badge").text.strip()


def _field(browser, name: str):
    """The <label class="field"> around the input called `name`."""
    return browser.find_element(By.CSS_SELECTOR, f'label.field[for="f-{name}"]')


def test_officer_works_verify_task_with_a_mistake_then_completes_it(live_server, browser, wait, artifacts_dir):
    number, task_id = _ticket_waiting_for_officer1(live_server.app)

    log_in(browser, wait, live_server, "officer1")
    wait.until(lambda d: _path(d) == "/tasks/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "我的待办"
    assert _badge(browser) == "1"
    row = wait.until(EC.visibility_of_element_located(
        (By.XPATH, f'//table[@id="task-list"]//tr[td/a[normalize-space()="{number}"]]')))
    cells = [td.text.strip() for td in row.find_elements(By.TAG_NAME, "td")]
    assert cells[2] == "核查", cells
    assert "2026-12-10" in cells[4], cells  # 5 working days after Thu 2026-12-03

    row.find_element(By.LINK_TEXT, "办理").click()
    wait.until(lambda d: _path(d) == f"/tasks/{task_id}")
    assert wait.until(EC.visibility_of_element_located((By.ID, "task-title"))).text == "核查"

    # the mistake: 不予受理 without a ground, and notes that are too short
    browser.find_element(By.ID, "f-verification_notes").send_keys("属实")
    Select(browser.find_element(By.ID, "f-conclusion")).select_by_visible_text("不予受理")
    browser.find_element(By.ID, "submit-task").click()
    wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".flash-error")))
    assert _path(browser) == f"/tasks/{task_id}"
    assert "请检查以下字段" in browser.find_element(By.CSS_SELECTOR, ".flash-error").text
    ground = _field(browser, "reject_ground")
    assert "has-error" in ground.get_attribute("class")
    assert ground.find_element(By.CSS_SELECTOR, ".field-error").text == "此项为必填项"
    notes = _field(browser, "verification_notes")
    assert "has-error" in notes.get_attribute("class")
    assert "长度应在5到4000个字之间" in notes.find_element(By.CSS_SELECTOR, ".field-error").text
    # what was typed is still there
    assert browser.find_element(By.ID, "f-verification_notes").get_attribute("value") == "属实"
    assert Select(browser.find_element(By.ID, "f-conclusion")).first_selected_option.text == "不予受理"
    assert not _field(browser, "conclusion").find_elements(By.CSS_SELECTOR, ".field-error")
    assert _badge(browser) == "1"
    browser.save_screenshot(str(artifacts_dir / "officer_verify_task_with_errors.png"))

    # fix it and submit
    browser.find_element(By.ID, "f-verification_notes").send_keys("，经核查投诉人已就同一事项申请劳动仲裁并已受理。")
    Select(browser.find_element(By.ID, "f-reject_ground")).select_by_visible_text("已申请仲裁或提起诉讼")
    browser.find_element(By.ID, "submit-task").click()
    success = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".flash-success")))
    assert success.text == f"已办理：核查（{number}）"
    assert _path(browser) == "/tasks/"
    assert not browser.find_elements(By.XPATH, f'//table[@id="task-list"]//a[normalize-space()="{number}"]')
    assert browser.find_element(By.CSS_SELECTOR, "p.empty").text == "暂无我的待办。"
    assert _badge(browser) == "0"

    with live_server.app.app_context():
        from app.extensions import db

        officer = user(db.session, "officer1")
        assert tasks_service.task_list(db.session, user=officer, scope="mine") == []
        done = tasks_service.task_list(db.session, user=officer, scope="done")
        assert [(t.id, t.submitted["reject_ground"]) for t in done] == [(task_id, "in_arbitration_or_litigation")]
        db.session.remove()


def test_wrong_password_shows_the_error_on_the_login_page(live_server, browser, wait):
    log_in(browser, wait, live_server, "officer1", "not-the-password", succeeds=False)
    error = wait.until(EC.visibility_of_element_located((By.ID, "login-error")))
    assert "用户名或密码错误" in error.text
    assert _path(browser) == "/login"
    assert browser.find_element(By.ID, "username").get_attribute("value") == "officer1"
    assert browser.find_element(By.ID, "password").get_attribute("value") == ""
    assert not browser.find_elements(By.ID, "nav-mine")


def test_anonymous_visit_to_my_tasks_redirects_to_login(live_server, browser, wait):
    browser.get(live_server("/tasks/"))
    wait.until(lambda d: _path(d) == "/login")
    assert "next=" in urlparse(browser.current_url).query
    assert wait.until(EC.visibility_of_element_located((By.ID, "login-submit"))).text == "登录"
    assert not browser.find_elements(By.ID, "nav-mine")


def test_accepted_ticket_appears_as_filing_approval_in_the_chiefs_list(live_server, browser, wait):
    """The officer accepts; logged in as the chief, the new case's 立案审批 waits in 待领取."""
    number, task_id = _ticket_waiting_for_officer1(live_server.app)
    log_in(browser, wait, live_server, "officer1")
    wait.until(lambda d: _path(d) == "/tasks/")  # logged in before going to the task
    browser.get(live_server(f"/tasks/{task_id}"))
    wait.until(EC.visibility_of_element_located((By.ID, "f-verification_notes"))).send_keys(
        "经电话核实，投诉人与被投诉单位存在劳动关系，欠薪属实。")
    Select(browser.find_element(By.ID, "f-conclusion")).select_by_visible_text("受理（立案）")
    browser.find_element(By.ID, "submit-task").click()
    wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".flash-success")))
    browser.delete_all_cookies()  # a fresh session for the chief

    log_in(browser, wait, live_server, "chief")
    wait.until(lambda d: _path(d) == "/tasks/")
    browser.find_element(By.ID, "nav-group").click()
    row = wait.until(EC.visibility_of_element_located(
        (By.XPATH, '//table[@id="task-list"]//tr[td[normalize-space()="立案审批"]]')))
    assert row.find_element(By.TAG_NAME, "a").text.startswith("横琴劳监立〔2026〕第")
    row.find_element(By.TAG_NAME, "a").click()  # the case page
    wait.until(EC.visibility_of_element_located((By.ID, "case-stage")))
    assert browser.find_element(By.ID, "case-stage").text == "立案审批"
    assert "流程图" in browser.page_source
