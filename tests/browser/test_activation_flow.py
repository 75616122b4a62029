"""In a real browser: BKPSDM creates accounts and prints letters; the employee activates with NIP + code and is in.

Set RENBANG_SCREENSHOTS=DIR to keep screenshots of each page (desktop and a 390×844 phone) for review.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from renbang.accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def shoot(page, name: str) -> None:
    folder = os.environ.get("RENBANG_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=f"{folder}/{name}-desktop.png", full_page=True)
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    page.screenshot(path=f"{folder}/{name}-phone.png", full_page=True)
    page.set_viewport_size(size)


def test_accounts_letters_and_activation_in_the_browser(world, page, log_in, live_server, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    log_in("admin")
    page.goto(f"{live_server.url}/akun/pegawai/")
    assert page.locator('[data-count="no_account"]').inner_text() == "1"
    shoot(page, "akun-pegawai")
    page.click("#create-accounts")
    page.wait_for_selector("#job-result")
    assert "1 akun dibuat" in page.inner_text("#job-result")
    shoot(page, "akun-pekerjaan")
    account = User.objects.get(employee=world.other)
    assert account.username == world.other.nip and not account.has_usable_password()
    page.goto(f"{live_server.url}/akun/pegawai/?unit={world.unit_b.pk}&state=not_activated")
    page.click("#print-letters")
    page.wait_for_selector("#letters-download")
    with page.expect_download() as download:
        page.click("#letters-download")
    pdf = tmp_path / "surat.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert world.other.nip in text
    if os.environ.get("RENBANG_SCREENSHOTS"):
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(pdf),
                        f"{os.environ['RENBANG_SCREENSHOTS']}/surat-aktivasi"], check=True)
    code = re.search(r"\b([A-Z2-9]{4}-[A-Z2-9]{4})\b", text).group(1)
    page.context.clear_cookies()
    # the employee: login page → "Aktivasi akun" → NIP + code → password → home
    page.goto(f"{live_server.url}/akun/masuk/")
    shoot(page, "masuk")
    page.click("text=Aktivasi akun")
    page.fill("input[name=nip]", world.other.nip)
    page.fill("input[name=code]", "AAAA-AAAA")
    page.click("#activate-submit")
    assert "tidak berlaku" in page.inner_text(".alert-danger")
    shoot(page, "aktivasi-ditolak")
    page.fill("input[name=code]", code.lower())
    page.click("#activate-submit")
    page.wait_for_url(f"{live_server.url}/akun/aktivasi/kata-sandi/")
    shoot(page, "aktivasi-kata-sandi")
    page.fill("input[name=new_password1]", "Sandi-Baru-Renbang-2026")
    page.fill("input[name=new_password2]", "Sandi-Baru-Renbang-2026")
    page.click("#password-submit")
    page.wait_for_url(f"{live_server.url}/")
    assert "Siti Nasution" in page.content()
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/akun/lupa-kata-sandi/")
    shoot(page, "lupa-kata-sandi")
