"""The web flow: upload → preview (dry run job, polled) → confirm (import job) → result; who may use it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from renbang.core.models import Job
from renbang.people.jobs import APPLY_KIND, PREVIEW_KIND
from renbang.people.models import Employee

from .builders import make_csv, make_xlsx, team


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload(client, data, name="roster.xlsx", **extra):
    return client.post(reverse("people:import"), {"file": SimpleUploadedFile(name, data), **extra})


def imported():
    return Employee.objects.filter(name__startswith="Pegawai Impor")


def stored_files(media):
    folder = media / "private" / "roster-imports"
    return list(folder.iterdir()) if folder.exists() else []


def test_it_previews_then_imports_on_confirmation(world, login, django_capture_on_commit_callbacks,
                                                  private_media):
    client = login(world.users.admin)
    assert "Impor roster" in client.get(reverse("people:list")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, make_xlsx(team(3)))
    preview = Job.objects.get(kind=PREVIEW_KIND)
    assert response.status_code == 302 and response["Location"] == reverse("people:import_job", args=[preview.pk])
    assert not imported().exists() and len(stored_files(private_media)) == 1
    page = client.get(response["Location"]).content.decode()
    assert "Akan dibuat" in page and "Konfirmasi impor" in page and "Dinas Uji Impor" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people:import_confirm", args=[preview.pk]))
    apply = Job.objects.get(kind=APPLY_KIND)
    assert response["Location"] == reverse("people:import_job", args=[apply.pk])
    assert imported().count() == 3
    assert "Impor selesai dan tersimpan" in client.get(response["Location"]).content.decode()
    assert stored_files(private_media) == []  # the upload is deleted after the real import
    again = client.post(reverse("people:import_confirm", args=[preview.pk]))
    assert again["Location"] == reverse("people:import_job", args=[apply.pk])  # no second import
    assert Job.objects.filter(kind=APPLY_KIND).count() == 1


def test_it_polls_a_running_job_with_htmx(world, login):
    job = Job.objects.create(kind=PREVIEW_KIND, agency=world.agency, params={"filename": "a.xlsx"}, progress=40)
    client = login(world.users.admin)
    page = client.get(reverse("people:import_job", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page and "40%" in page
    fragment = client.get(reverse("people:import_job", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<div id="import-status"') and "<html" not in fragment


def test_it_shows_row_errors_and_refuses_to_confirm_unless_skipping(world, login,
                                                                     django_capture_on_commit_callbacks):
    rows = team(3)
    rows[1]["email"] = "salah"
    client = login(world.users.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, make_csv(rows), "roster.csv")
    preview = Job.objects.get(kind=PREVIEW_KIND)
    page = client.get(response["Location"]).content.decode()
    assert "Kesalahan per baris" in page and "Alamat surel tidak sah" in page and "Impor hanya baris yang valid" in page
    report = client.get(reverse("people:import_report", args=[preview.pk]))
    assert report["Content-Type"].startswith("text/csv") and "Email" in report.content.decode()
    refused = client.post(reverse("people:import_confirm", args=[preview.pk]), follow=True)
    assert "tidak valid" in refused.content.decode() and not imported().exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("people:import_confirm", args=[preview.pk]), {"skip_invalid": "1"})
    assert imported().count() == 2


@pytest.mark.parametrize(("data", "message"), [
    (b"%PDF-1.5\n" + b"x" * 300, "bukan spreadsheet"),
    (b"", "kosong"),
    (b"Nama,Unit\r\nBudi,Dinas\r\n", "Kolom NIP tidak ditemukan"),
    (b"NIP,Nama\r\n", "hanya berisi judul"),
])
def test_it_keeps_the_form_with_a_clear_message_for_a_bad_file(world, login, data, message):
    response = upload(login(world.users.admin), data, "roster.csv", skip_invalid="on")
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and 'name="skip_invalid" id="id_skip_invalid" class="form-check-input" checked' in page
    assert not Job.objects.exists()


def test_it_refuses_an_oversized_upload_on_the_form(world, login, settings):
    settings.RENBANG = {**settings.RENBANG, "IMPORT_MAX_BYTES": 1000}
    response = upload(login(world.users.admin), make_csv(team(30)), "roster.csv")
    assert response.status_code == 400 and "terlalu besar" in response.content.decode()


def test_it_shows_a_file_refused_by_the_background_check(world, login, django_capture_on_commit_callbacks, settings,
                                                         private_media):
    settings.RENBANG = {**settings.RENBANG, "IMPORT_MAX_ROWS": 5}
    client = login(world.users.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, make_csv(team(8)), "roster.csv")
    page = client.get(response["Location"]).content.decode()
    assert "Berkas ditolak" in page and "Terlalu banyak baris" in page and "Konfirmasi impor" not in page
    assert stored_files(private_media) == []


@pytest.mark.parametrize("actor", ["officer_a", "supervisor", "employee", "mentor", "facilitator", "head"])
def test_it_refuses_everyone_but_the_bkpsdm_admin(world, login, actor):
    job = Job.objects.create(kind=PREVIEW_KIND, agency=world.agency, params={}, result={"report": {
        "total_rows": 0, "created": 0, "updated": 0, "unchanged": 0, "skipped": 0, "written": False,
        "dry_run": True}})
    client = login(getattr(world.users, actor))
    assert client.get(reverse("people:import")).status_code == 403
    assert upload(client, make_csv(team(2)), "r.csv").status_code == 403
    assert client.get(reverse("people:import_job", args=[job.pk])).status_code == 403
    assert client.post(reverse("people:import_confirm", args=[job.pk])).status_code == 403
    assert client.get(reverse("people:import_report", args=[job.pk])).status_code == 403
    assert "Impor roster" not in client.get(reverse("people:list")).content.decode()


def test_it_sends_anonymous_visitors_to_login(client, world):
    for url in (reverse("people:import"), reverse("people:import_job", args=[1])):
        response = client.get(url)
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_it_hides_jobs_of_another_agency_and_other_kinds(world, login):
    from ..factories import AgencyFactory
    other = AgencyFactory(code="kab-deli", name="Kab. Deli Serdang")
    theirs = Job.objects.create(kind=PREVIEW_KIND, agency=other, params={})
    unrelated = Job.objects.create(kind="plans.run", agency=world.agency, params={})
    client = login(world.users.admin)
    for job in (theirs, unrelated):
        assert client.get(reverse("people:import_job", args=[job.pk])).status_code == 404
        assert client.get(reverse("people:import_report", args=[job.pk])).status_code == 404


def test_it_refuses_an_admin_without_agency(db, login):
    from renbang.accounts.models import Role

    from ..factories import UserFactory
    admin = UserFactory(username="admin_tanpa_instansi", agency=None, role=Role.BKPSDM_ADMIN)
    assert login(admin).get(reverse("people:import")).status_code == 403
