"""Pages and REST endpoints of the SIASN connector, with allowed and refused actors."""

import pytest
from django.urls import reverse

from renbang.delivery.models import TrainingRecord
from renbang.siasn import push
from renbang.siasn.client import SiasnClient, SiasnConfig
from renbang.siasn.models import JenisMapping, OutboxItem, SyncRun

from .builders import completed_year, known_to_siasn

pytestmark = pytest.mark.django_db


def _sent_year(fake, world):
    known_to_siasn(fake, world)
    year = completed_year(world)
    with SiasnClient(SiasnConfig.from_settings(backoff=0.0)) as client:
        push.push(agency=world.agency, year=year, client=client)
    return year


def test_the_outbox_shows_bkpsdm_everything_and_an_officer_their_units(fake_siasn, world, login):
    year = _sent_year(fake_siasn, world)
    page = login(world.users.admin).get(reverse("siasn:outbox"), {"tahun": year})
    assert page.status_code == 200
    assert page.content.decode().count('data-status="sent"') == 5
    assert "Jalur aktif: web service SIASN BKN" in page.content.decode()
    officer = login(world.users.officer_b).get(reverse("siasn:outbox"), {"tahun": year}).content.decode()
    assert officer.count('data-status="sent"') == 1 and world.other.name in officer  # unit B: only Siti
    filtered = login(world.users.admin).get(reverse("siasn:outbox"), {"tahun": year, "sumber": "claim"})
    assert filtered.content.decode().count('data-status="sent"') == 1
    for user in (world.users.employee, world.users.supervisor, world.users.head):
        assert login(user).get(reverse("siasn:outbox")).status_code == 403


def test_the_page_names_the_excel_route_when_siasn_is_not_configured(world, login, settings):
    settings.SIASN = {"BASE_URL": "", "RATE": 0}
    page = login(world.users.admin).get(reverse("siasn:outbox")).content.decode()
    assert "Jalur aktif: ekspor Excel" in page and reverse("cycle:reports") in page
    response = login(world.users.admin).post(reverse("siasn:push_year"), follow=True)
    assert "belum dikonfigurasi" in response.content.decode()


def test_sending_the_year_is_for_bkpsdm_only(fake_siasn, world, login, django_capture_on_commit_callbacks):
    known_to_siasn(fake_siasn, world)
    year = completed_year(world)
    assert login(world.users.officer_a).post(reverse("siasn:push_year") + f"?tahun={year}").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.users.admin).post(reverse("siasn:push_year") + f"?tahun={year}")
    assert response.status_code == 302
    page = login(world.users.admin).get(response.url).content.decode()
    assert "5 terkirim, 0 gagal" in page
    assert OutboxItem.objects.filter(status="sent").count() == 5


def test_send_again_is_allowed_in_scope_and_refused_outside(fake_siasn, world, login):
    year = _sent_year(fake_siasn, world)
    item = OutboxItem.objects.get(employee=world.other)
    url = reverse("siasn:send_again", args=[item.pk])
    assert login(world.users.officer_a).post(url).status_code == 404  # not their unit
    assert login(world.users.employee).post(url).status_code == 403
    saves = len(fake_siasn.saves)
    response = login(world.users.officer_b).post(url, {"next": "https://evil.example/"})
    assert response.status_code == 302 and response.url.startswith(reverse("siasn:outbox"))
    assert len(fake_siasn.saves) == saves + 1 and fake_siasn.saves[-1]["id"] == item.siasn_id
    assert year


def test_the_pull_page_starts_a_dry_run_and_shows_its_report(fake_siasn, world, login,
                                                             django_capture_on_commit_callbacks):
    fake_siasn.add_pns({**_data(world.staff), "golRuangAkhir": "III/c"})
    assert login(world.users.officer_a).get(reverse("siasn:pull")).status_code == 403
    bad = login(world.users.admin).post(reverse("siasn:pull"), {"nips": "12345"})
    assert bad.status_code == 200 and "18 digit" in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.users.admin).post(reverse("siasn:pull"), {"nips": world.staff.nip, "dry_run": "on"})
    page = login(world.users.admin).get(response.url).content.decode()
    assert "Uji coba selesai" in page and "III/c" in page
    world.staff.refresh_from_db()
    assert world.staff.rank == "III/a" and not SyncRun.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.users.admin).post(reverse("siasn:pull"), {"nips": world.staff.nip})
    run = SyncRun.objects.get()
    assert login(world.users.admin).get(reverse("siasn:run", args=[run.pk])).status_code == 200
    assert login(world.users.officer_a).get(reverse("siasn:run", args=[run.pk])).status_code == 403
    world.staff.refresh_from_db()
    assert world.staff.rank == "III/c"


def _data(employee):
    from renbang.siasn import sample

    return sample.data_utama_of(employee)


def test_the_mapping_page_edits_the_agency_copy(world, login):
    assert login(world.users.officer_a).get(reverse("siasn:mapping")).status_code == 403
    client = login(world.users.admin)
    assert "KL-TEK" in client.get(reverse("siasn:mapping")).content.decode()
    bad = client.post(reverse("siasn:mapping"), {"method_code": "KL-TEK", "target": "kursus", "jenis_diklat_id": "x"})
    assert bad.status_code == 200 and "angka referensi SIASN" in bad.content.decode()
    client.post(reverse("siasn:mapping"), {"method_code": "KL-TEK", "target": "kursus", "jenis_diklat_id": "8"})
    assert JenisMapping.objects.get(agency=world.agency, method_code="KL-TEK").jenis_diklat_id == "8"
    assert JenisMapping.objects.get(agency=None, method_code="KL-TEK").jenis_diklat_id == "3"


def test_the_employee_page_and_my_jp_show_the_siasn_history(world, login):
    TrainingRecord.objects.create(employee=world.staff, kind="kursus", siasn_id="k1", title="Kursus Arsip Digital",
                                  jp=12, year=2026)
    page = login(world.users.admin).get(reverse("people:detail", args=[world.staff.pk])).content.decode()
    assert "Riwayat pelatihan di SIASN" in page and "Kursus Arsip Digital" in page
    mine = login(world.users.employee).get(reverse("delivery:my_jp"), {"tahun": 2026}).content.decode()
    assert "Kursus Arsip Digital" in mine and "Riwayat SIASN" in mine
    other = login(world.users.officer_b).get(reverse("people:detail", args=[world.staff.pk]))
    assert other.status_code == 404


def test_the_api_lists_in_scope_and_sends_again(fake_siasn, world, login):
    _sent_year(fake_siasn, world)
    url = "/api/v1/siasn/outbox/"
    assert len(login(world.users.admin).get(url).json()["results"]) == 5
    assert [r["nip"] for r in login(world.users.officer_b).get(url).json()["results"]] == [world.other.nip]
    assert login(world.users.employee).get(url).status_code == 403
    item = OutboxItem.objects.get(employee=world.other)
    again = f"{url}{item.pk}/send-again/"
    assert login(world.users.officer_a).post(again).status_code == 404
    assert login(world.users.head).post(again).status_code == 403
    response = login(world.users.admin).post(again)
    assert response.status_code == 200 and response.json()["status"] == "sent"
    assert response.json()["siasn_id"] == item.siasn_id
