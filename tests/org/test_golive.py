"""The go-live checklist: its items, their figures and links, its permissions and its bounded queries."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from renbang.core import golive
from renbang.core.models import Job, JobStatus
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def checks(client) -> dict:
    response = client.get(reverse("org:golive"))
    assert response.status_code == 200
    return {str(check.title): check for check in response.context["checks"]}


def test_it_lists_every_item_with_status_count_and_link(world, login, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    found = checks(login(world.users.admin))
    assert list(found) == ["Struktur organisasi", "Jabatan", "Roster pegawai", "Standar kompetensi jabatan",
                           "Katalog program", "Akun pegawai", "Masuk dengan SSO", "E-mail keluar", "Cadangan teruji"]
    assert found["Struktur organisasi"].done and found["Struktur organisasi"].count == 4
    assert found["Jabatan"].count == 3 and found["Jabatan"].url == reverse("org:position_list")
    assert found["Roster pegawai"].done and found["Roster pegawai"].count == 4
    assert not found["Standar kompetensi jabatan"].done
    assert "0 dari 3" in found["Standar kompetensi jabatan"].status
    assert not found["Katalog program"].done and found["Katalog program"].url == reverse("catalog:import")
    assert not found["E-mail keluar"].done and not found["Cadangan teruji"].done
    assert found["Masuk dengan SSO"].optional and not found["Masuk dengan SSO"].done


def test_it_counts_accounts_and_activated_accounts_among_active_employees(world, login):
    # The world: 4 active employees, 3 of them with an account (supervisor, employee, mentor); none logged in.
    world.users.employee.last_login = timezone.now()
    world.users.employee.save(update_fields=["last_login"])
    EmployeeFactory(agency=world.agency, unit=world.unit_b, position=world.positions.staff, active=False)
    account = checks(login(world.users.admin))["Akun pegawai"]
    assert not account.done
    assert account.count == 1
    assert "3 dari 4 (75,0%) punya akun" in account.status and "1 dari 4 (25,0%) sudah masuk" in account.status


def test_it_links_the_accounts_item_to_the_account_page_where_activation_is_sent(world, login):
    account = checks(login(world.users.admin))["Akun pegawai"]
    assert account.url == reverse("accounts:employee_accounts")
    page = login(world.users.admin).get(account.url)
    assert page.status_code == 200 and "Kirim tautan aktivasi lewat surel" in page.content.decode()


def test_it_shows_sso_and_mail_as_configured_from_the_settings(world, login, settings):
    settings.OIDC_OP_ISSUER = "https://sso.example.go.id/realms/asn"
    settings.OIDC_RP_CLIENT_ID = "renbang"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "smtp.pemkomedan.go.id"
    found = checks(login(world.users.admin))
    assert found["Masuk dengan SSO"].done
    assert found["E-mail keluar"].done and "smtp.pemkomedan.go.id" in found["E-mail keluar"].status


def test_it_shows_the_last_restore_check(world, login):
    client = login(world.users.admin)
    assert "belum pernah" in checks(client)["Cadangan teruji"].status
    golive.record_restore_check(ok=False, message="pg_restore gagal: rusak")
    backup = checks(client)["Cadangan teruji"]
    assert not backup.done and "gagal" in backup.status and backup.hint == "pg_restore gagal: rusak"
    golive.record_restore_check(ok=True, message="120 tabel, 5000 baris dipulihkan")
    assert checks(client)["Cadangan teruji"].done
    Job.objects.filter(kind=golive.RESTORE_CHECK_KIND).update(created_at=timezone.now() - dt.timedelta(days=40),
                                                              finished_at=timezone.now() - dt.timedelta(days=40))
    stale = checks(client)["Cadangan teruji"]
    assert not stale.done and "lebih dari sebulan" in stale.status


def test_restore_check_records_its_outcome(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("restore_check", str(tmp_path / "tidak-ada.dump"), stdout=io.StringIO())
    job = Job.objects.get(kind=golive.RESTORE_CHECK_KIND)
    assert job.status == JobStatus.FAILED and job.message


def test_the_checklist_runs_a_bounded_number_of_queries(world, login, django_assert_max_num_queries):
    client = login(world.users.admin)
    for _ in range(30):
        EmployeeFactory(agency=world.agency, unit=world.unit_b, position=world.positions.staff)
    # +1 the role grants (User.roles, once per request), +1 django-otp re-reading the verified device
    with django_assert_max_num_queries(15):
        checks(client)


@pytest.mark.parametrize(("actor", "status"), [
    ("admin", 200), ("officer_a", 403), ("employee", 403), ("head", 403), ("supervisor", 403), ("mentor", 403),
])
def test_the_checklist_is_for_the_bkpsdm_admin(world, login, actor, status):
    assert login(getattr(world.users, actor)).get(reverse("org:golive")).status_code == status


def test_a_superuser_of_the_agency_sees_the_checklist(world, login):
    from renbang.accounts.models import User

    root = User.objects.create_superuser("root", "root@example.org", "Kunci-rahasia-2027", agency=world.agency)
    assert login(root).get(reverse("org:golive")).status_code == 200


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("org:golive"))
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_the_admin_home_and_menu_link_the_checklist(world, login):
    text = login(world.users.admin).get("/").content.decode()
    assert text.count(reverse("org:golive")) >= 2  # the home page's button and the menu entry
    assert reverse("org:golive") not in login(world.users.employee).get("/").content.decode()


@pytest.mark.parametrize(("actor", "status"), [("admin", 200), ("officer_a", 403), ("employee", 403), ("head", 403)])
def test_the_checklist_api_follows_the_same_rule(world, login, actor, status):
    response = login(getattr(world.users, actor)).get("/api/v1/go-live/")
    assert response.status_code == status
    if status == 200:
        items = {item["title"]: item for item in response.json()}
        assert items["Roster pegawai"]["done"] is True and items["Roster pegawai"]["count"] == 4
        assert items["Masuk dengan SSO"]["optional"] is True


def test_the_checklist_api_refuses_an_anonymous_client(client):
    assert client.get("/api/v1/go-live/").status_code in (401, 403)
