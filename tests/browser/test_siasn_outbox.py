"""SIASN outbox end to end against the fake SIASN on loopback: BKPSDM sends the year's records, sees them sent,
fixes a refused one (the jenis-diklat mapping) and sends it again."""

import os

import pytest
from playwright.sync_api import expect

from renbang.siasn.fake import FakeSiasn
from renbang.siasn.models import JenisMapping, OutboxItem

from ..siasn.builders import completed_year, known_to_siasn

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name):
    """Screenshots for review when RENBANG_SCREENSHOTS names a folder (not needed by the test)."""
    folder = os.environ.get("RENBANG_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


@pytest.fixture
def fake(settings):
    server = FakeSiasn(seed=3).start()
    settings.SIASN = server.settings(BACKOFF=0.0)
    yield server
    server.stop()


def test_bkpsdm_sends_the_year_and_fixes_a_refused_record(world, live_server, log_in, fake):
    known_to_siasn(fake, world)
    year = completed_year(world)
    JenisMapping.objects.create(agency=world.agency, method_code="KL-TEK", target="kursus", jenis_diklat_id="99")

    page = log_in("admin")
    page.goto(f"{live_server.url}/siasn/?tahun={year}")
    expect(page.locator("#siasn-route")).to_contain_text("web service SIASN BKN")
    page.click("#push-year")
    expect(page.locator("#job-done")).to_contain_text("3 terkirim, 2 gagal")
    page.get_by_role("link", name="Buka kotak keluar").click()
    expect(page.locator("#count-sent")).to_have_text("3")
    expect(page.locator("#count-failed")).to_have_text("2")
    failed = page.locator("tr[data-status=failed]")
    expect(failed.first).to_contain_text("jenisDiklatId 99 tidak ditemukan pada referensi")
    _shot(page, "siasn-outbox-failed")

    page.get_by_role("link", name="Pemetaan jenis diklat").click()
    page.fill("input[name=method_code]", "KL-TEK")
    page.select_option("select[name=target]", "kursus")
    page.fill("input[name=jenis_diklat_id]", "3")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Pemetaan KL-TEK disimpan.")).to_be_visible()

    page.goto(f"{live_server.url}/siasn/?tahun={year}&status=failed")
    for _ in range(2):
        page.locator("tr[data-status=failed]").first.get_by_role("button", name="Kirim lagi").click()
        expect(page.get_by_text("Terkirim ke SIASN")).to_be_visible()
    page.goto(f"{live_server.url}/siasn/?tahun={year}")
    expect(page.locator("#count-sent")).to_have_text("5")
    expect(page.locator("#count-failed")).to_have_text("0")
    _shot(page, "siasn-outbox-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    _shot(page, "siasn-outbox-phone")
    assert OutboxItem.objects.filter(status="sent").count() == 5
    assert {s["jenisDiklatId"] for s in fake.saves if s["kind"] == "kursus"} >= {"3"}

    from renbang.delivery.models import TrainingRecord

    diklat = OutboxItem.objects.get(target="diklat")
    TrainingRecord.objects.create(employee=world.chief, kind="diklat", siasn_id=diklat.siasn_id, title=diklat.title,
                                  jp=diklat.jp, year=year, end_date=diklat.enrolment.session.end_date,
                                  enrolment=diklat.enrolment, organiser="BPSDM Provinsi Sumatera Utara")
    TrainingRecord.objects.create(employee=world.chief, kind="kursus", siasn_id="k-lama", jp=16, year=year - 1,
                                  title="Bimtek Pengelolaan Arsip Dinamis", organiser="ANRI")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/pegawai/{world.chief.pk}/")
    expect(page.locator("#siasn-history")).to_contain_text("Bimtek Pengelolaan Arsip Dinamis")
    _shot(page, "employee-section-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    _shot(page, "employee-section-phone")
