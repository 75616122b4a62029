"""Delivery end to end: the employee accepts the invitation, the facilitator records attendance and closes the
session, the employee sees the JP and downloads the certificate, and the public page verifies it."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from renbang.delivery import services

from ..delivery.helpers import make_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _session_as(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    if username:
        page.goto(f"{live_server.url}/akun/masuk/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", "rahasia-uji-123")
        page.click("#login-submit")
        page.wait_for_url(f"{live_server.url}/")
    return context, page


def test_an_invitation_becomes_a_verified_certificate(world, live_server, browser):
    session = make_session(world, days=[timezone.localdate()], facilitator=world.users.facilitator, jp=6,
                           title="Pelatihan Rutin Pelayanan Prima")
    services.enrolments_invite(session=session, employees=[world.staff], user=world.users.admin)

    context, page = _session_as(browser, live_server, "pegawai")
    page.goto(f"{live_server.url}/pelaksanaan/jadwal-saya/")
    page.get_by_role("button", name="Terima").click()
    expect(page.get_by_text("Kehadiran dikonfirmasi")).to_be_visible()
    context.close()

    context, page = _session_as(browser, live_server, "fasilitator")
    page.goto(f"{live_server.url}/pelaksanaan/fasilitator/")
    page.get_by_role("link", name="Presensi").click()
    page.get_by_role("button", name="semua hadir").click()
    expect(page.locator("select[data-day]").first).to_have_value("present")
    page.get_by_role("button", name="Simpan dan tutup sesi").click()
    expect(page.get_by_text("Sesi ditutup: 1 lulus")).to_be_visible()
    context.close()

    context, page = _session_as(browser, live_server, "pegawai")
    page.goto(f"{live_server.url}/pelaksanaan/jp-saya/")
    expect(page.locator("#jp-total")).to_contain_text("6")
    expect(page.get_by_text("Pelatihan Rutin Pelayanan Prima")).to_be_visible()
    code = page.locator("td .font-monospace").first.inner_text().strip()
    with page.expect_download() as download:
        page.locator("a.cert-link").first.click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    context.close()

    context, page = _session_as(browser, live_server, None)
    page.goto(f"{live_server.url}/pelaksanaan/verifikasi/")
    page.fill("input[name=kode]", code)
    page.get_by_role("button", name="Periksa").click()
    expect(page.locator("#verify-result")).to_contain_text("Sertifikat sah")
    expect(page.locator("#verify-name")).to_have_text(world.staff.full_name)
    context.close()
