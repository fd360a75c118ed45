"""An officer makes an inquiry notice (询问通知书) in a real browser: the documents tab, the form
with a mistake, the draft's preview, signing it (文号) and recording its service."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from tests.browser.session import log_in
from tests.integration.cases.helpers import Api, CaseDriver

pytestmark = pytest.mark.browser


def _filed_case(app) -> int:
    from app.extensions import db

    with app.app_context():
        driver = CaseDriver(Api(app), clock=app.extensions["workflow"].clock, env=app.extensions["workflow"],
                            session=db.session)
        driver.filed_case(checked=False)
        case_id = driver.case_id
        db.session.remove()
    return case_id




def test_officer_makes_signs_and_serves_an_inquiry_notice(live_server, browser, wait, artifacts_dir):
    case_id = _filed_case(live_server.app)
    log_in(browser, wait, live_server, "officer1")
    browser.get(live_server(f"/cases/{case_id}/documents"))
    wait.until(EC.presence_of_element_located((By.ID, "documents")))
    assert "尚未制作文书" in browser.find_element(By.ID, "documents").text

    Select(browser.find_element(By.ID, "d-kind")).select_by_value("inquiry_notice")
    browser.find_element(By.CSS_SELECTOR, "#new-document button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.ID, "document-form")))
    browser.find_element(By.ID, "in-inquiry_place").send_keys("横琴新区人力资源和社会保障局三楼询问室")
    browser.find_element(By.CSS_SELECTOR, "#document-form button[type=submit]").click()  # 询问时间, 材料 missing

    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".has-error")))
    page = browser.find_element(By.ID, "document-form").text
    assert "请填写询问时间" in page and "请填写需携带的材料" in page
    # what was typed is still there
    assert browser.find_element(By.ID, "in-inquiry_place").get_attribute("value").startswith("横琴新区")
    browser.execute_script("document.getElementById('in-inquiry_at').value = '2026-12-08T09:30'")
    browser.find_element(By.ID, "in-materials").send_keys("营业执照副本、工资支付台账、考勤记录")
    browser.find_element(By.CSS_SELECTOR, "#document-form button[type=submit]").click()

    wait.until(EC.presence_of_element_located((By.ID, "document-preview")))
    assert "草稿" in browser.find_element(By.ID, "document-status").text
    assert "营业执照副本" in browser.find_element(By.ID, "document-preview").text
    browser.find_element(By.ID, "issue-button").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "document-status"), "已签发"))
    number = browser.find_element(By.ID, "document-number").text
    assert number == "横琴人社监询字〔2026〕第1号"
    assert number in browser.find_element(By.ID, "document-preview").text

    Select(browser.find_element(By.ID, "s-method")).select_by_visible_text("直接送达")
    browser.find_element(By.ID, "s-recipient").send_keys("广东某建筑工程有限公司")
    browser.find_element(By.ID, "s-signed_by").send_keys("张三")
    browser.execute_script("document.getElementById('s-delivered_on').value = '2026-12-03'")
    browser.find_element(By.CSS_SELECTOR, "#service-form button[type=submit]").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "services"), "张三"))
    browser.save_screenshot(str(artifacts_dir / "documents-tab-served.png"))

    browser.get(live_server(f"/cases/{case_id}/documents"))
    row = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#documents tbody tr"))).text
    assert number in row and "已签发" in row and "直接送达 2026-12-03" in row
