"""End to end in headless Chromium: employee self form, supervisor grid, admin closes, results shown."""

import os
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import expect

from renbang.needs.models import Assessment, Need

SHOTS = Path(os.environ.get("RENBANG_SCREENSHOTS", "/tmp/renbang-screenshots/needs"))


@pytest.fixture
def browser(live_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield chromium
        chromium.close()


def page_as(browser, live_server, user, width=1280):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context.new_page()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_runs_a_campaign_end_to_end_in_the_browser(browser, live_server, needs_world):
    w = needs_world
    SHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url

    # 1. the employee fills the self form on a phone
    page = page_as(browser, live_server, w.users.employee, width=390)
    page.goto(base + "/kebutuhan/")
    page.get_by_role("link", name="Penilaian diri").click()
    for comp, level in zip(w.comps, (4, 3, 4), strict=True):
        page.locator(f"label[for='c{comp.pk}-{level}']").click()
    page.screenshot(path=str(SHOTS / "penilaian-diri-ponsel.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    page.get_by_role("button", name="Simpan draf").click()  # HTMX: only the status line changes
    expect(page.get_by_test_id("saved-at")).to_be_visible()
    expect(page.locator("#save-status")).to_contain_text("3 dari 3 kompetensi dinilai")
    assert page.locator(f"#c{w.comps[0].pk}-4").is_checked()
    assert Assessment.objects.get(employee=w.staff, source="self").scores.count() == 3
    page.locator("#submit-self").click()
    expect(page.get_by_text("Penilaian diri terkirim")).to_be_visible()
    assert Assessment.objects.get(employee=w.staff, source="self").status == "submitted"

    # 2. the supervisor rates the staff member, one page per competency, with the keyboard
    page = page_as(browser, live_server, w.users.supervisor)
    page.goto(base + "/kebutuhan/")
    page.get_by_role("link", name="Penilaian atasan").click()
    page.get_by_role("link", name="M.1 Integritas").click()
    for _comp in w.comps:
        page.locator(f"input[name='e{w.staff.pk}'][value='1']").focus()
        page.keyboard.press("ArrowRight")  # moves to level 2 and selects it
        if _comp == w.comps[0]:
            page.screenshot(path=str(SHOTS / "penilaian-atasan-grid.png"), full_page=True)
        page.locator("#save-next").click()
    expect(page.get_by_role("heading", name="Bawahan langsung")).to_be_visible()
    page.locator("#submit-supervisor").click()
    expect(page.get_by_text("1 penilaian terkirim")).to_be_visible()
    page.goto(base + f"/kebutuhan/kampanye/{w.campaign.pk}/isi/atasan/{w.comps[0].pk}/")
    expect(page.locator("td.text-center", has_text="4").first).to_be_visible()  # self-rating now visible

    # 3. the admin follows progress, closes the campaign, and the results show
    page = page_as(browser, live_server, w.users.admin)
    page.goto(base + f"/kebutuhan/kampanye/{w.campaign.pk}/")
    page.screenshot(path=str(SHOTS / "kampanye-kemajuan.png"), full_page=True)
    page.locator("#close-campaign").click()
    expect(page.get_by_text("Kampanye ditutup dan hasil dihitung")).to_be_visible()
    assert Need.objects.filter(employee=w.staff).count() == 3
    page.get_by_role("link", name="Lihat hasil").click()
    expect(page.get_by_text("Peta kebutuhan: unit × kompetensi")).to_be_visible()
    assert page.locator("table.heatmap td a").count() > 0
    page.screenshot(path=str(SHOTS / "peta-kebutuhan.png"), full_page=True)
    page.locator("table.heatmap td a").first.click()
    page.screenshot(path=str(SHOTS / "sel-pegawai.png"), full_page=True)
    page.goto(base + f"/kebutuhan/hasil/pegawai/{w.staff.pk}/")
    page.wait_for_function("window.Chart && Chart.getChart(document.getElementById('radar'))")
    expect(page.get_by_text("optimal").first).to_be_visible()
    page.screenshot(path=str(SHOTS / "profil-pegawai.png"), full_page=True)
