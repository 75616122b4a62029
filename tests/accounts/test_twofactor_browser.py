"""Through a real browser: an admin logs in, is sent to enrolment, scans (reads) the key, enters the code, keeps the
recovery codes and opens the roles page; a person gets a second role there."""

import os
from base64 import b32decode
from pathlib import Path

import pytest
from django_otp.oath import totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Set RENBANG_SCREENSHOTS=dir to keep screenshots of the pages (desktop and phone).
SHOTS = os.environ.get("RENBANG_SCREENSHOTS")


def shot(page, name):
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for label, size in (("desktop", {"width": 1280, "height": 800}), ("phone", {"width": 390, "height": 844})):
        page.set_viewport_size(size)
        page.screenshot(path=f"{SHOTS}/{name}-{label}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_it_enrols_an_admin_and_gives_a_role(world, live_server, page):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "rahasia-uji-123")
    page.click("#login-submit")
    page.wait_for_selector("h1:has-text('Daftarkan verifikasi dua langkah')")
    assert page.locator(".otp-qr svg").count() == 1
    shot(page, "otp-enrol")
    key = b32decode(page.inner_text("code.user-select-all").strip())
    page.fill("input[name=token]", f"{totp(key):06d}")
    page.click("button[type=submit]:has-text('Aktifkan')")
    page.wait_for_selector("h1:has-text('Kode pemulihan Anda')")
    assert page.locator("ul.font-monospace li").count() == 10
    shot(page, "otp-codes")
    page.click("text=Sudah saya simpan")
    page.goto(f"{live_server.url}/akun/peran/?q=pegawai")
    page.wait_for_selector("h1:has-text('Peran dan akses')")
    shot(page, "roles-index")
    page.click("a:text-is('pegawai')")
    page.select_option("select[name=role]", "hr_officer")
    page.select_option("select[name=unit]", str(world.unit_b.pk))
    page.click("button:text-is('Beri')")
    page.wait_for_selector("text=Peran diberikan.")
    assert "Dinas Kesehatan" in page.inner_text("main")
    shot(page, "roles-person")
    page.goto(f"{live_server.url}/akun/peran/pemegang/")
    page.wait_for_selector("h1:has-text('Siapa memegang apa')")
    shot(page, "roles-holders")
