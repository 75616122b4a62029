"""Day one in a browser: a superuser on an empty database is taken to setup, fixes a mistake, lands on the
go-live checklist and sees the profile page with the logo. With RENBANG_SCREENSHOTS=DIR the pages are also
saved there on a desktop and a phone viewport (the screenshots of docs/panduan/go-live.md)."""

import io
import os
from pathlib import Path

import pytest

from renbang.accounts.models import Role, User
from renbang.org.models import Agency

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Kunci-rahasia-2027"
PHONE = {"width": 390, "height": 844}


def logo_file(tmp_path) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (200, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon([(100, 5), (195, 60), (170, 230), (30, 230), (5, 60)], fill=(20, 90, 160))
    draw.ellipse((60, 70, 140, 150), fill=(230, 190, 30))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path = tmp_path / "lambang-medan.png"
    path.write_bytes(buffer.getvalue())
    return path


def shoot(page, name: str) -> None:
    folder = os.environ.get("RENBANG_SCREENSHOTS")
    if not folder:
        return
    page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(Path(folder) / f"{name}-ponsel.png"), full_page=True)
    page.set_viewport_size(size)


def test_a_superuser_sets_up_an_empty_installation(live_server, page, tmp_path):
    assert not Agency.objects.exists()
    # Exempt from two-factor enrolment like the other browser tests' users: tests/browser/test_day_one.py walks
    # the superuser's enrolment before setup.
    User.objects.create_superuser("root", "root@example.org", PASSWORD, otp_exempt=True)
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("input[name=username]", "root")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"{live_server.url}/organisasi/mulai/")
    assert page.locator("nav .badge").first.inner_text() == "Administrator sistem"

    page.fill("input[name=code]", "kota-medan")
    page.fill("input[name=name]", "Pemerintah Kota Medan")
    page.fill("input[name=region]", "Kota Medan")
    page.fill("input[name=hr_agency_name]", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia")
    page.fill("input[name=head_title]", "Wali Kota Medan")
    page.fill("input[name=head_name]", "Rico Tri Putra Bayu Waas")
    page.fill("textarea[name=address]", "Jl. Kapten Maulana Lubis No. 2, Medan 20112")
    page.fill("input[name=current_year]", "2027")
    page.fill("input[name=admin_username]", "bkpsdm")
    page.fill("input[name=admin_name]", "Dewi Lubis")
    page.fill("input[name=admin_email]", "bkpsdm@pemkomedan.go.id")
    page.fill("input[name=admin_password1]", PASSWORD)
    page.fill("input[name=admin_password2]", "bukan-yang-sama-2027")
    shoot(page, "go-live-mulai")
    page.click(".setup-form button[type=submit]")
    page.wait_for_selector("text=Kedua kata sandi tidak sama.")
    assert page.input_value("input[name=name]") == "Pemerintah Kota Medan"
    assert page.input_value("input[name=admin_email]") == "bkpsdm@pemkomedan.go.id"
    assert not Agency.objects.exists()

    page.fill("input[name=admin_password1]", PASSWORD)
    page.fill("input[name=admin_password2]", PASSWORD)
    page.set_input_files("input[name=logo_file]", str(logo_file(tmp_path)))
    page.click(".setup-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/organisasi/persiapan/")
    assert "Instansi Pemerintah Kota Medan disiapkan" in page.inner_text(".alert-success")
    items = page.locator("[data-testid=check]")
    assert items.count() == 9
    assert page.locator("[data-testid=check][data-done='1']").count() == 0  # an empty installation: all to do
    assert page.get_by_role("link", name="Roster pegawai").get_attribute("href") == "/pegawai/impor/"
    shoot(page, "go-live-persiapan")

    admin = User.objects.get(username="bkpsdm")
    assert admin.role == Role.BKPSDM_ADMIN and admin.agency.code == "kota-medan"
    assert User.objects.get(username="root").agency_id == admin.agency_id

    page.click("a:has-text('Profil instansi') >> nth=-1")
    page.wait_for_url(f"{live_server.url}/organisasi/instansi/")
    logo = page.locator("[data-testid=logo-preview]")
    assert logo.evaluate("img => img.complete && img.naturalWidth") == 200
    shoot(page, "go-live-profil")

    page.goto(f"{live_server.url}/")
    assert "Administrator sistem" in page.inner_text("main")
    assert page.locator("[data-testid=golive-link]").count() == 1
