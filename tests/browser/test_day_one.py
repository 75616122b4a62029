"""Day one of a real agency, in Chromium, on an empty database (issue 17's acceptance walk).

Only a superuser exists, as `createsuperuser` makes it. The superuser logs in (two-factor enrolment), fills the
setup page; the first BKPSDM admin logs in (enrolment too), sees the go-live checklist, uploads the roster, sends
activation e-mails; the employee with an e-mail activates from the link in the (locmem) outbox, sets a password
and opens their self-assessment; a second employee logs in through the OIDC provider started by the test; an
unknown NIP through OIDC is refused. Screenshots of the key pages go to var/screens/dayone/ (not committed).
"""

from __future__ import annotations

import datetime as dt
import re
from base64 import b32decode
from pathlib import Path

import pytest
from django.core import mail
from django_otp.oath import totp
from playwright.sync_api import expect

from renbang.accounts.models import Role, User
from renbang.competencies.models import Competency, Indicator, Level
from renbang.competencies.reference import load_national_dictionary
from renbang.competencies.services.standards import standard_apply_positions
from renbang.needs.models import Campaign
from renbang.needs.services import campaign_create, campaign_open
from renbang.org.models import Agency, Position
from renbang.people.models import Employee
from tests.people.builders import make_csv, nip, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT_PASSWORD = "Akar-Server-Medan-2027"
ADMIN_PASSWORD = "Kunci-BKPSDM-Medan-2027"
EMPLOYEE_PASSWORD = "Sandi-Pegawai-Renbang-2027"
SCREENS = Path(__file__).resolve().parents[2] / "var" / "screens" / "dayone"

HEAD = person(11, name="Rahmat Siregar", front_title="Ir.", back_title="M.T.", position="Kepala Bidang Aplikasi",
              rank="IV/a", unit="Dinas Komunikasi dan Informatika", email="")
ANALYST = person(12, name="Nurul Hasibuan", back_title="S.Kom.", position="Pranata Komputer",
                 unit="Dinas Komunikasi dan Informatika", supervisor=HEAD["nip"],
                 email="nurul.hasibuan@pemkomedan.go.id")
CLERK = person(13, name="Budi Harahap", back_title="S.E.", position="Pengadministrasi Umum", rank="II/c",
               unit="Dinas Komunikasi dan Informatika", supervisor=HEAD["nip"], email="")
ROSTER = [HEAD, ANALYST, CLERK]


def shoot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)


def log_in_with_form(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/akun/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("#login-submit")


def enrol_two_factor(page) -> None:
    """What an admin does on first login: read the key (as from the QR code), type the current code, keep the
    recovery codes."""
    expect(page.get_by_role("heading", name="Daftarkan verifikasi dua langkah")).to_be_visible()
    key = b32decode(page.inner_text("code.user-select-all").strip())
    page.fill("input[name=token]", f"{totp(key):06d}")
    page.click("button[type=submit]:has-text('Aktifkan')")
    expect(page.get_by_role("heading", name="Kode pemulihan Anda")).to_be_visible()
    assert page.locator("ul.font-monospace li").count() == 10
    page.click("text=Sudah saya simpan")


def fill_setup(page) -> None:
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
    page.fill("input[name=admin_password1]", ADMIN_PASSWORD)
    page.fill("input[name=admin_password2]", ADMIN_PASSWORD)


def open_self_assessment_campaign(agency: Agency) -> Campaign:
    """Not part of day one's UI: BKPSDM's later work (standards, a campaign), done with the project's services."""
    standard_apply_positions(agency=agency, positions=list(Position.objects.filter(agency=agency)))
    today = dt.date.today()
    campaign = campaign_create(agency=agency, name="Penilaian Kompetensi 2027", year=2027, period_start=today,
                               period_end=today + dt.timedelta(days=30))
    return campaign_open(campaign=campaign)


def test_day_one_of_a_real_agency(live_server, browser, oidc_provider, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.RENBANG = {**settings.RENBANG, "ADMIN_2FA_REQUIRED": True}
    # What `migrate` leaves (a transactional test before this one may have flushed the reference rows) plus
    # what `createsuperuser` makes: nothing else.
    load_national_dictionary(Competency, Level, Indicator)
    assert not Agency.objects.exists() and not Employee.objects.exists()
    User.objects.create_superuser("root", "root@example.org", ROOT_PASSWORD)
    base = live_server.url

    def new_page():
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
        page = context.new_page()
        page.set_default_timeout(20000)
        return page

    # 1. The person who installed it: log in, enrol two-factor, set the agency up.
    root = new_page()
    log_in_with_form(root, base, "root", ROOT_PASSWORD)
    enrol_two_factor(root)
    root.wait_for_url(f"{base}/organisasi/mulai/")
    expect(root.get_by_role("heading", name="Penyiapan awal Renbang ASN")).to_be_visible()
    assert "Pegawai" not in root.locator("nav .badge").first.inner_text()
    fill_setup(root)
    shoot(root, "1-penyiapan-awal")
    root.click(".setup-form button[type=submit]")
    root.wait_for_url(f"{base}/organisasi/persiapan/")
    expect(root.locator(".alert-success")).to_contain_text("Instansi Pemerintah Kota Medan disiapkan")
    expect(root.get_by_role("heading", name="Persiapan go-live")).to_be_visible()
    done = root.locator("[data-testid=check][data-done='1'] .fw-semibold").all_inner_texts()
    assert len(done) == 1 and done[0].startswith("Masuk dengan SSO")  # only what the environment gives (the
    # test's OIDC provider); structure, roster, standards, accounts, mail, backups are all still to do
    assert root.locator("[data-testid=check][data-done='0']").count() >= 8
    agency = Agency.objects.get(code="kota-medan")
    assert User.objects.get(username="bkpsdm").role == Role.BKPSDM_ADMIN
    root.context.close()

    # 2. The BKPSDM admin: first login (enrolment), the checklist, the roster upload → preview → confirm.
    admin = new_page()
    log_in_with_form(admin, base, "bkpsdm", ADMIN_PASSWORD)
    enrol_two_factor(admin)
    admin.goto(f"{base}/organisasi/persiapan/")
    roster_check = admin.locator("[data-testid=check]", has=admin.get_by_role("link", name="Roster pegawai"))
    expect(roster_check).to_have_attribute("data-done", "0")
    shoot(admin, "2-persiapan-go-live")
    roster_check.get_by_role("link", name="Roster pegawai").click()
    expect(admin.get_by_role("heading", name="Impor roster pegawai")).to_be_visible()
    roster = tmp_path / "roster-diskominfo.csv"
    roster.write_bytes(make_csv(ROSTER))
    admin.set_input_files("input[name=file]", str(roster))
    admin.get_by_role("button", name="Unggah dan periksa").click()
    expect(admin.get_by_role("heading", name="Pratinjau impor roster")).to_be_visible()
    expect(admin.get_by_role("button", name="Konfirmasi impor")).to_be_visible()
    assert "Akan dibuat" in admin.inner_text("#import-status")
    assert not Employee.objects.exists()  # a preview writes nothing
    shoot(admin, "3-pratinjau-impor")
    admin.get_by_role("button", name="Konfirmasi impor").click()
    expect(admin.get_by_text("Impor selesai dan tersimpan.")).to_be_visible()
    expect(admin.locator("#import-accounts")).to_contain_text("Akun pengguna: 3 dibuat")
    expect(admin.get_by_role("link", name="Kelola akun pegawai dan aktivasi")).to_be_visible()
    assert Employee.objects.filter(agency=agency).count() == 3
    analyst = Employee.objects.get(nip=ANALYST["nip"])
    assert analyst.supervisor.nip == HEAD["nip"] and analyst.user.username == ANALYST["nip"]
    assert not analyst.user.has_usable_password()
    admin.goto(f"{base}/organisasi/persiapan/")
    for title in ("Struktur organisasi", "Jabatan", "Roster pegawai", "Akun pegawai"):
        check = admin.locator("[data-testid=check]", has=admin.get_by_role("link", name=title, exact=True))
        expect(check).to_have_attribute("data-done", "1")

    # 3. Activation by e-mail: only the employee with an address gets one.
    admin.locator("[data-testid=check]").get_by_role("link", name="Akun pegawai", exact=True).click()
    expect(admin.get_by_role("heading", name="Akun pegawai")).to_be_visible()
    expect(admin.locator('[data-count="not_activated"]')).to_have_text("3")
    admin.select_option("#id_email", label="Punya alamat surel")
    admin.get_by_role("button", name="Cari").click()
    expect(admin.locator("tbody tr")).to_have_count(1)
    expect(admin.locator("tbody tr")).to_contain_text("Nurul Hasibuan")
    admin.click("#send-emails")
    expect(admin.locator("#job-result")).to_contain_text("1 surel aktivasi terkirim")
    shoot(admin, "4-akun-pegawai-surel")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [ANALYST["email"]]
    link = re.search(r"https?://\S+/akun/aktivasi/\S+/", message.body).group(0)
    assert link.startswith(base)
    admin.context.close()

    campaign = open_self_assessment_campaign(agency)

    # The employee, in their own browser: the link → a password → in → "Penilaian diri".
    employee = new_page()
    employee.goto(link)
    expect(employee.get_by_role("heading", name="Buat kata sandi")).to_be_visible()
    expect(employee.locator("main")).to_contain_text("Nurul Hasibuan")  # whose account this link opens
    employee.fill("input[name=new_password1]", "12345678")
    employee.fill("input[name=new_password2]", "12345678")
    employee.click("#password-submit")
    expect(employee.locator(".invalid-feedback").first).to_contain_text("terlalu pendek")  # the password rules
    assert not User.objects.get(username=ANALYST["nip"]).has_usable_password()
    employee.fill("input[name=new_password1]", EMPLOYEE_PASSWORD)
    employee.fill("input[name=new_password2]", EMPLOYEE_PASSWORD)
    employee.click("#password-submit")
    employee.wait_for_url(f"{base}/")
    expect(employee.locator("main")).to_contain_text("Nurul Hasibuan")
    employee.goto(f"{base}/kebutuhan/")
    employee.get_by_role("link", name="Penilaian diri").first.click()
    employee.wait_for_url(f"{base}/kebutuhan/kampanye/{campaign.pk}/isi/diri/")
    expect(employee.locator("h1")).to_contain_text("Penilaian Kompetensi 2027")
    legends = employee.locator("fieldset legend")
    expect(legends.first).to_be_visible()
    assert legends.count() >= 9  # M.1–M.8 and SK.1 from the position's standard
    assert "M.1 Integritas" in legends.all_inner_texts()
    shoot(employee, "5-penilaian-diri")
    employee.context.close()
    assert User.objects.get(username=ANALYST["nip"]).has_usable_password()

    # 4. A second employee through the agency's SSO; an identity with an unknown NIP is refused.
    oidc_provider.add_user("budi.harahap", nip=CLERK["nip"], name="Budi Harahap")
    oidc_provider.add_user("orang.lain", nip=nip(99), name="Bukan Pegawai Medan")
    sso = new_page()
    sso.goto(f"{base}/akun/masuk/")
    sso.get_by_role("link", name="Masuk dengan SSO ASN").click()
    sso.wait_for_url(f"{oidc_provider.issuer}/oauth2/authorize*")
    sso.fill("input[name=sub]", "budi.harahap")
    sso.get_by_role("button", name="Authorize").click()
    sso.wait_for_url(f"{base}/")
    expect(sso.locator("main")).to_contain_text("Budi Harahap")
    sso.context.clear_cookies()
    sso.goto(f"{base}/akun/masuk/")
    sso.get_by_role("link", name="Masuk dengan SSO ASN").click()
    sso.fill("input[name=sub]", "orang.lain")
    sso.get_by_role("button", name="Authorize").click()
    sso.wait_for_url(f"{base}/akun/masuk/")
    expect(sso.locator(".alert")).to_contain_text("tidak terdaftar sebagai pegawai aktif")
    expect(sso.locator("#login-form")).to_be_visible()
    shoot(sso, "6-sso-ditolak")
    sso.context.close()
