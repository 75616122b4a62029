"""Headless Chromium over the main pages: they render, the grid is usable on a phone, screenshots for review.

Every database query happens before Playwright starts: queries inside its event loop would open a second,
never-closed connection (Django's connections are context-local).
"""

import os
from pathlib import Path

import pytest
from django.test import Client

from renbang.competencies import services
from renbang.competencies.models import Competency

SHOTS = Path(os.environ.get("RENBANG_SCREENSHOTS", "/tmp/renbang-screenshots/competencies"))


@pytest.fixture
def pages(comp):
    services.standard_bulk_apply(agency=comp.world.agency)
    services.career_apply_defaults(agency=comp.world.agency)
    m1 = Competency.objects.get(code="M.1", agency__isnull=True).pk
    staff = comp.world.positions.staff.pk
    client = Client()
    client.force_login(comp.world.users.admin, backend="django.contrib.auth.backends.ModelBackend")
    return {
        "session": client.cookies["sessionid"].value,
        "m1": f"/kompetensi/{m1}/",
        "grid": f"/kompetensi/standar/{staff}/",
        "urls": {
            "kamus": ("/kompetensi/", "Kamus kompetensi"),
            "kompetensi-m1": (f"/kompetensi/{m1}/", "Integritas"),
            "teknis-ubah": (f"/kompetensi/{comp.budgeting.pk}/ubah/", "Level 5"),
            "standar": ("/kompetensi/standar/", "Standar kompetensi jabatan"),
            "standar-jabatan": (f"/kompetensi/standar/{staff}/", "Standar kompetensi jabatan (SKJ)"),
            "default": ("/kompetensi/standar/default/", "BELUM DIVERIFIKASI"),
            "impor": ("/kompetensi/teknis/impor/", "Impor kompetensi teknis"),
            "pegawai": (f"/pegawai/{comp.world.staff.pk}/", "Kompetensi yang dipersyaratkan jabatan saya"),
        },
    }


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_renders_the_main_pages_in_a_browser(live_server, pages):
    from playwright.sync_api import expect, sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
        context.add_cookies([{"name": "sessionid", "value": pages["session"], "url": live_server.url}])
        page = context.new_page()
        for name, (path, text) in pages["urls"].items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            # in the page body: the same words may also be a (folded) menu entry
            expect(page.locator("main").get_by_text(text, exact=False).first).to_be_visible()
            page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(live_server.url + pages["grid"])
        assert page.evaluate("document.documentElement.scrollWidth") <= 400  # no sideways page scroll on a phone
        page.screenshot(path=str(SHOTS / "standar-jabatan-ponsel.png"), full_page=True)
        page.set_viewport_size({"width": 900, "height": 1200})
        page.emulate_media(media="print")
        page.goto(live_server.url + pages["m1"])
        assert not page.locator("nav.navbar").is_visible()
        page.screenshot(path=str(SHOTS / "kompetensi-m1-cetak.png"), full_page=True)
        browser.close()
