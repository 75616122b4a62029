"""The API's documentation renders in Chromium under the site's CSP: Swagger UI and ReDoc show a known operation,
with no console error and no CSP violation."""

from __future__ import annotations

import pytest

from .crawl import Findings, csp_violations, watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path, operation", [
    ("/api/docs/", ".opblock-summary-path[data-path='/api/v1/employees/']"),
    ("/api/redoc/", "[data-section-id$='operation/v1_employees_list']"),
])
def test_it_renders_the_api_documentation(live_server, page, path, operation):
    findings = Findings()
    where = [path]
    watch(page, findings, where)
    page.goto(f"{live_server.url}{path}")
    page.wait_for_selector("body :is(.opblock, [data-section-id])", timeout=60000)  # ReDoc lays out everything first
    for _ in range(100):  # Swagger UI renders operations as they scroll into view
        if page.locator(operation).count():
            break
        page.mouse.wheel(0, 2000)
        page.wait_for_timeout(100)
    page.wait_for_selector(operation, timeout=60000)
    findings.problems += [f"CSP violation: {v}" for v in csp_violations(page)]
    assert findings.problems == []
