"""A leader and an employee walk through their pages in headless Chromium."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_follows_the_dashboard_to_the_list_behind_a_figure_and_to_the_years(cycle, live_server, log_in):
    page = log_in("ppk")
    page.click("nav >> text=Pimpinan")
    expect(page.locator("h1")).to_have_text("Dasbor pimpinan")
    expect(page.locator("#fig-mentoring")).to_contain_text("pasangan aktif")
    expect(page.locator("#gap-chart")).to_be_visible()
    rows = page.locator("section[aria-labelledby=h-gaps] tbody tr")
    expect(rows).to_have_count(3)
    rows.filter(has_text="Dinas Pendidikan").locator("a").click()
    expect(page.locator("body")).to_contain_text("Ahmad Lubis")
    page.go_back()
    page.click("text=Antartahun")
    expect(page.locator("#comp-table")).to_contain_text("M.1 Integritas")
    expect(page.locator("#comp-table tr", has_text="M.1")).to_contain_text("-0.33")
    page.click("td >> text=2025")
    expect(page.locator("h1")).to_contain_text("Realisasi tahun 2025")
    expect(page.locator("body")).not_to_contain_text("Tutup tahun 2025")  # the PPK reads; BKPSDM closes


def test_bkpsdm_closes_a_year_and_sees_the_carry_over(cycle, live_server, log_in):
    page = log_in("admin")
    page.goto(f"{live_server.url}/siklus/tahun/2025/")
    page.click("button:has-text('Tutup tahun 2025')")
    expect(page.locator("#close-status")).to_contain_text("6 kebutuhan dibawa", timeout=20000)
    page.click("text=Lihat realisasi")
    page.click("text=6 kebutuhan dibawa ke tahun berikutnya")
    expect(page.locator("tbody tr")).to_have_count(6)


def test_an_employee_sees_their_development_on_a_phone(cycle, live_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID", is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("input[name=username]", "pegawai")
    page.fill("input[name=password]", "rahasia-uji-123")
    page.click("#login-submit")
    page.wait_for_url(f"{live_server.url}/")
    page.click(".navbar-toggler")
    page.click("nav >> text=Saya")
    expect(page.locator("h1")).to_have_text("Pengembangan saya")
    expect(page.locator("#radar")).to_be_visible()
    expect(page.locator("section[aria-labelledby=h-gaps]")).to_contain_text("M.1 Integritas")
    expect(page.locator("section[aria-labelledby=h-feedback]")).to_contain_text("Mentoring Integritas 2026")
    expect(page.locator("#owed")).to_have_text("1")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    page.screenshot(path="/tmp/cycle-my-phone.png", full_page=True)
    context.close()
