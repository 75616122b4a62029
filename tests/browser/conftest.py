"""Headless Chromium (Debian's) driven by Playwright; Playwright never downloads a browser here."""

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    # Module scope: a Playwright session left open would keep an asyncio loop running in this thread and break
    # other modules that start their own sync_playwright().
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def log_in(page, live_server):
    def _log_in(username: str, password: str = "rahasia-uji-123"):
        # Browser-test users are exempt from two-factor enrolment like the demo's (tests/accounts/test_twofactor.py
        # tests the enforcement).
        from renbang.accounts.models import User

        User.objects.filter(username=username).update(otp_exempt=True)
        page.goto(f"{live_server.url}/akun/masuk/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("#login-submit")
        page.wait_for_url(f"{live_server.url}/")
        return page

    return _log_in
