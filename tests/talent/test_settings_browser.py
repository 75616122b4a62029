"""Pengaturan talenta in headless Chromium: BKPSDM adds a special BUP rule and changes a threshold, a wrong value
comes back with its message and the typed value, restoring the defaults asks first; no CSP violation, nothing wider
than a phone; screenshots at desktop and phone width."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from renbang.talent.models import TalentSettings
from tests.browser.crawl import CSP_LISTENER, horizontal_overflow
from tests.plans.test_browser import browser, page_as  # noqa: F401 (fixture)

SHOTS = Path(os.environ.get("RENBANG_SCREENSHOTS", "/tmp/renbang-screenshots/talent"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_bkpsdm_edits_the_talent_settings_in_the_browser(browser, live_server, world):  # noqa: F811
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = page_as(browser, live_server, world.users.admin)
    page.add_init_script(CSP_LISTENER)
    errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.goto(f"{live_server.url}/talenta/kotak-talenta/")
    page.get_by_role("link", name="Pengaturan talenta").click()
    expect(page.get_by_role("heading", name="Pengaturan talenta", level=1)).to_be_visible()
    page.screenshot(path=str(SHOTS / "settings-desktop.png"), full_page=True)
    rows = page.locator('[data-testid="special-rules"] tbody tr')
    empty = rows.nth(rows.count() - 2)
    empty.locator("input[name$=contains]").fill("penyuluh")
    empty.locator("input[name$=age]").fill("60")
    page.get_by_label("Kinerja menengah mulai skor").fill("1.5")
    page.get_by_test_id("settings-save").click()
    expect(page.get_by_text("Pengaturan talenta tersimpan")).to_be_visible()
    conf = TalentSettings.objects.get()
    assert conf.bup_special[-1]["contains"] == "penyuluh" and str(conf.performance_mid) == "1.50"
    page.get_by_label("Kinerja menengah mulai skor").fill("2.9")
    page.get_by_test_id("settings-save").click()
    expect(page.get_by_test_id("settings-errors")).to_be_visible()
    expect(page.get_by_text("Batas kinerja menengah tidak boleh di atas batas kinerja tinggi.")).to_be_visible()
    expect(page.get_by_label("Kinerja menengah mulai skor")).to_have_value("2.9")
    questions: list[str] = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.get_by_test_id("restore-defaults").click()
    assert questions and "bawaan" in questions[0]
    assert TalentSettings.objects.get().bup_special[-1]["contains"] == "penyuluh"  # dismissed: nothing changed
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("restore-defaults").click()
    expect(page.get_by_text("dikembalikan ke nilai bawaan")).to_be_visible()
    assert TalentSettings.objects.get().bup_special[-1]["contains"] == "dosen"
    # The refused form answers 400 (as the other settings pages), which Chromium logs; nothing else may be logged.
    assert page.evaluate("window.__cspViolations") == []
    assert [e for e in errors if "status of 400" not in e] == [] and len(errors) == 1
    phone = page_as(browser, live_server, world.users.head, width=390)
    phone.goto(f"{live_server.url}/talenta/pengaturan/")
    expect(phone.get_by_role("heading", name="Pengaturan talenta", level=1)).to_be_visible()
    expect(phone.get_by_test_id("settings-save")).to_have_count(0)  # the PPK reads
    phone.screenshot(path=str(SHOTS / "settings-phone.png"), full_page=True)
    assert horizontal_overflow(phone) == 0
