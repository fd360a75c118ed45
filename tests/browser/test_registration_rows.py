"""The registration page in a real browser: 添加一行 adds a complainant row, 删除 removes one, and the
server registers the rows left on the page."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from tests.browser.session import log_in

pytestmark = pytest.mark.browser




def _type(browser, name: str, text: str) -> None:
    browser.find_element(By.NAME, name).send_keys(text)


def test_clerk_adds_and_removes_complainant_rows(live_server, browser, wait):
    log_in(browser, wait, live_server, "clerk")
    browser.get(live_server("/tickets/new"))
    wait.until(EC.visibility_of_element_located((By.ID, "ticket-form")))
    Select(browser.find_element(By.NAME, "channel")).select_by_visible_text("来访")
    browser.execute_script("document.querySelector('[name=received_at]').value = '2026-12-03T09:00';")
    _type(browser, "project_name", "横琴口岸综合交通枢纽配套工程")
    _type(browser, "summary", "黄国强等3名工人反映被拖欠工资。")
    _type(browser, "people_count", "3")
    _type(browser, "amount", "36000")
    _type(browser, "responsible_units[0].name", "珠海某建设劳务有限公司")
    _type(browser, "complainants[0].name", "黄国强")
    _type(browser, "complainants[0].phone", "13800138001")
    add = browser.find_element(By.CSS_SELECTOR, "#repeat-complainants [data-repeat-add]")
    add.click()
    add.click()
    rows = browser.find_elements(By.CSS_SELECTOR, "#repeat-complainants [data-repeat-rows] > [data-repeat-row]")
    assert len(rows) == 3 and rows[2].find_element(By.CSS_SELECTOR, ".repeat-no").text == "3"
    _type(browser, "complainants[1].name", "写错的人")
    _type(browser, "complainants[2].name", "陈秀英")
    _type(browser, "complainants[2].phone", "13800138011")
    rows[1].find_element(By.CSS_SELECTOR, "[data-repeat-remove]").click()
    rows = browser.find_elements(By.CSS_SELECTOR, "#repeat-complainants [data-repeat-rows] > [data-repeat-row]")
    assert [r.find_element(By.CSS_SELECTOR, ".repeat-no").text for r in rows] == ["1", "2"]
    browser.find_element(By.CSS_SELECTOR, "#ticket-form > .buttons button.primary").click()
    wait.until(EC.visibility_of_element_located((By.ID, "complainant-table")))
    table = browser.find_element(By.ID, "complainant-table").text
    assert "黄国强" in table and "陈秀英" in table and "写错的人" not in table
