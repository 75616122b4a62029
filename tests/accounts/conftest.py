"""Browser fixtures for test_twofactor_browser.py."""

from tests.browser.conftest import browser, page  # noqa: F401
