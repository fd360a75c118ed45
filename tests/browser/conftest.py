"""Fixtures for the browser tests: the app served on a loopback port, and headless Chromium.

The live server uses the same migrated database and FixedClock as the `app`
fixture, but with CSRF protection switched on, so that the real tokens of the
real forms are exercised. Chromium and ChromeDriver come from Debian
(/usr/bin/chromium, /usr/bin/chromedriver); when either is missing the tests
are skipped with a reason naming Chromium (the root conftest prints a banner),
or fail when REQUIRE_BROWSER=1 (CI).
"""
from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import ROOT, _clean, make_config

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARTIFACTS = ROOT / "test-artifacts"
WAIT_SECONDS = 10
CHROME_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
)


def _missing_binaries() -> list[str]:
    return [p for p in (CHROMIUM, CHROMEDRIVER) if not (os.path.isfile(p) and os.access(p, os.X_OK))]


@pytest.fixture(scope="session")
def browser_available() -> None:
    missing = _missing_binaries()
    if not missing:
        return
    reason = f"Chromium/ChromeDriver not installed (missing: {', '.join(missing)}); apt-get install chromium chromium-driver"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@dataclass
class LiveServer:
    app: Flask
    url: str

    def __call__(self, path: str = "/") -> str:
        return self.url + path


@pytest.fixture
def live_server(browser_available, migrated, database_url, instance_path, clock) -> Iterator[LiveServer]:
    """The app on a free 127.0.0.1 port, served by werkzeug in a background thread."""
    from werkzeug.serving import make_server

    from app import create_app
    from app.extensions import db

    app = create_app(make_config(database_url, instance_path, WTF_CSRF_ENABLED=True), clock=clock)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app=app, url=f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        with app.app_context():
            db.session.remove()
            _clean(db)
            db.engine.dispose()


@pytest.fixture
def browser(browser_available, tmp_path) -> Iterator:
    """A fresh headless Chromium with its own profile; never lets selenium-manager download anything."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in CHROME_ARGS:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")
    # an explicit driver path makes selenium skip selenium-manager entirely
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT_SECONDS * 2)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def wait(browser):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, WAIT_SECONDS)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
