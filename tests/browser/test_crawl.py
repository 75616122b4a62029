"""Every page, for every role, in a real browser: no server error, no console error, no CSP violation, no uncaught
script error and no serious or critical accessibility violation (axe-core, WCAG 2.1 A and AA).

The list of pages is generated (tests/browser/crawl.py): each named URL of the project with the arguments and the
actors of its permission-matrix row, so a page added by anyone is crawled without anyone adding it here. HTMX
fragments (answers without an <html> document, loaded into a page) are checked for status and console errors; axe
checks them inside the pages that load them.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

from .crawl import ROLES, AxeOnce, Findings, csp_violations, horizontal_overflow, targets, watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(context, live_server, username, findings, where):
    from renbang.accounts.models import User

    # As tests/browser/conftest.py's log_in: the crawl looks at pages, two-step verification has its own tests.
    User.objects.filter(username=username).update(otp_exempt=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    watch(page, findings, where)
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"{live_server.url}/")
    return page


def _visit(page, url, where, findings, axe, first_of_role=False):
    """Opens one page and records what is wrong with it."""
    where[0] = url
    response = page.goto(url, wait_until="load")
    if response is None:
        findings.add(url, "no response")
        return
    if response.status >= 400:
        findings.add(url, f"HTTP {response.status}")
    content_type = response.headers.get("content-type", "")
    if not content_type.startswith("text/html"):
        findings.add(url, f"answers {content_type}, not a page: add its URL name to NOT_PAGES in crawl.py")
        return
    for violation in csp_violations(page):
        findings.add(url, f"CSP violation: {violation}")
    if "<html" in response.text()[:500].lower():
        for violation in axe(page, first_of_role):
            findings.add(url, violation)


def test_it_crawls_every_page_for_every_role_without_errors_or_accessibility_violations(world, live_server, browser):
    pages = targets(world)
    assert len(pages) > 80  # the resolver gave the whole project, not a namespace
    findings, axe = Findings(), AxeOnce()
    visited = 0
    for role, actor in ROLES.items():
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
        where = [role]
        page = _log_in(context, live_server, getattr(world.users, actor).username, findings, where)
        mine = [target for target in pages if actor in target.visitors]
        for number, target in enumerate(mine):
            _visit(page, f"{live_server.url}{target.url}", where, findings, axe, first_of_role=number == 0)
        visited += len(mine)
        context.close()
    assert visited > 200 and len(axe.seen) > 100
    assert not findings.problems, f"{len(findings.problems)} problems:\n" + "\n".join(findings.problems)


def test_it_fits_the_key_pages_of_an_employee_on_a_phone(world, live_server, browser):
    from tests.security.test_permission_matrix import _needs

    campaign = _needs(world).campaign
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID", is_mobile=True,
                                  has_touch=True)
    findings, where = Findings(), ["phone"]
    page = _log_in(context, live_server, world.users.employee.username, findings, where)
    for url in (reverse("core:home"), reverse("needs:self_form", kwargs={"pk": campaign.pk}),
                reverse("cycle:my_development")):
        _visit(page, f"{live_server.url}{url}", where, findings, AxeOnce())
        overflow = horizontal_overflow(page)
        if overflow > 0:
            findings.add(url, f"{overflow}px wider than a 390px phone screen")
    context.close()
    assert not findings.problems, "\n".join(findings.problems)
