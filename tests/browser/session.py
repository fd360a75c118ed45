"""Logging in through the login page, as every browser test does."""
from __future__ import annotations

from urllib.parse import urlparse

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from tests.factories import PASSWORD


def log_in(browser, wait, live_server, username: str, password: str = PASSWORD, *, succeeds: bool = True) -> None:
    """Fill in and submit the login form; when it `succeeds`, wait until the browser has left the
    login page, so that the next page is asked for with the session cookie (under load, a page
    opened right after the click would otherwise race the login and land on /login again)."""
    browser.get(live_server("/login"))
    wait.until(EC.visibility_of_element_located((By.ID, "username"))).send_keys(username)
    browser.find_element(By.ID, "password").send_keys(password)
    browser.find_element(By.ID, "login-submit").click()
    if succeeds:
        wait.until(lambda d: urlparse(d.current_url).path != "/login")
