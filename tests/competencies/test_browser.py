"""Headless Chromium over the main pages: they render, the grid is usable on a phone, screenshots for review."""

import os
from pathlib import Path

import pytest
from django.test import Client

from renbang.competencies import services
from renbang.competencies.models import Competency

SHOTS = Path(os.environ.get("RENBANG_SCREENSHOTS", "/tmp/renbang-screenshots/competencies"))


@pytest.fixture
def browser_page(live_server, comp):
    from playwright.sync_api import sync_playwright

    client = Client()
    client.force_login(comp.world.users.admin, backend="django.contrib.auth.backends.ModelBackend")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                              "url": live_server.url}])
        yield context.new_page()
        browser.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_renders_the_main_pages_in_a_browser(browser_page, live_server, comp):
    services.standard_bulk_apply(agency=comp.world.agency)
    services.career_apply_defaults(agency=comp.world.agency)
    SHOTS.mkdir(parents=True, exist_ok=True)
    m1 = Competency.objects.get(code="M.1", agency__isnull=True)
    staff = comp.world.positions.staff
    pages = {
        "kamus": ("/kompetensi/", "Kamus kompetensi"),
        "kompetensi-m1": (f"/kompetensi/{m1.pk}/", "Integritas"),
        "teknis-ubah": (f"/kompetensi/{comp.budgeting.pk}/ubah/", "Level 5"),
        "standar": ("/kompetensi/standar/", "Standar kompetensi jabatan"),
        "standar-jabatan": (f"/kompetensi/standar/{staff.pk}/", "Standar kompetensi jabatan (SKJ)"),
        "default": ("/kompetensi/standar/default/", "BELUM DIVERIFIKASI"),
        "impor": ("/kompetensi/teknis/impor/", "Impor kompetensi teknis"),
        "pegawai": (f"/pegawai/{comp.world.staff.pk}/", "Kompetensi yang dipersyaratkan jabatan saya"),
    }
    for name, (path, text) in pages.items():
        response = browser_page.goto(live_server.url + path)
        assert response.status == 200, path
        assert browser_page.get_by_text(text, exact=False).first.is_visible(), path
        browser_page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    browser_page.set_viewport_size({"width": 390, "height": 844})
    browser_page.goto(f"{live_server.url}/kompetensi/standar/{staff.pk}/")
    width = browser_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400  # no sideways scrolling of the whole page on a phone
    browser_page.screenshot(path=str(SHOTS / "standar-jabatan-ponsel.png"), full_page=True)
    browser_page.set_viewport_size({"width": 900, "height": 1200})
    browser_page.emulate_media(media="print")
    browser_page.goto(f"{live_server.url}/kompetensi/{m1.pk}/")
    assert not browser_page.locator("nav.navbar").is_visible()
    browser_page.screenshot(path=str(SHOTS / "kompetensi-m1-cetak.png"), full_page=True)
