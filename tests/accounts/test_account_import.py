"""The roster import (web and CLI) and `create_accounts` give every employee an account, idempotently."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from renbang.accounts.models import DisabledReason, User
from renbang.core.models import Job
from renbang.people.jobs import PREVIEW_KIND
from renbang.people.models import Employee

from ..people.builders import make_xlsx, team


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def roster(tmp_path, rows, name="roster.xlsx") -> str:
    path = tmp_path / name
    path.write_bytes(make_xlsx(rows))
    return str(path)


def accounts():
    return User.objects.filter(employee__name__startswith="Pegawai Impor")


def user_entries() -> int:
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User)).count()


def test_it_creates_accounts_with_the_cli_import_and_changes_nothing_on_reimport(world, tmp_path, capsys):
    rows = team(3)
    call_command("import_employees", roster(tmp_path, rows))
    assert "Akun pengguna: 3 dibuat, 0 diperbarui, 0 dinonaktifkan" in capsys.readouterr().out
    user = accounts().get(username=rows[1]["nip"])
    assert user.email == rows[1]["email"] and user.first_name == "Pegawai Impor 2" and not user.has_usable_password()
    entries, snapshot = user_entries(), list(User.objects.order_by("pk").values())
    call_command("import_employees", roster(tmp_path, rows))
    assert "Akun pengguna: 0 dibuat, 0 diperbarui, 0 dinonaktifkan, 0 diaktifkan kembali" in capsys.readouterr().out
    assert user_entries() == entries and list(User.objects.order_by("pk").values()) == snapshot


def test_it_disables_the_account_when_the_roster_marks_the_employee_inactive(world, tmp_path, capsys):
    rows = team(3)
    call_command("import_employees", roster(tmp_path, rows))
    rows[2]["active"] = "Pensiun"
    call_command("import_employees", roster(tmp_path, rows))
    assert "0 dibuat, 0 diperbarui, 1 dinonaktifkan" in capsys.readouterr().out
    user = User.objects.get(username=rows[2]["nip"])
    assert not user.is_active and user.disabled_reason == DisabledReason.EMPLOYEE_INACTIVE
    assert Employee.objects.filter(nip=rows[2]["nip"], active=False).exists()


def test_it_reports_accounts_on_the_web_import(world, login, django_capture_on_commit_callbacks):
    client = login(world.users.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("people:import"), {"file": SimpleUploadedFile("r.xlsx", make_xlsx(team(4)))})
    preview = Job.objects.get(kind=PREVIEW_KIND)
    assert not accounts().exists()  # the preview writes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people:import_confirm", args=[preview.pk]))
    assert accounts().count() == 4
    page = client.get(response["Location"]).content.decode()
    assert "Akun pengguna: 4 dibuat, 0 diperbarui, 0 dinonaktifkan" in page


def test_create_accounts_command_covers_employees_already_in_the_database(world, capsys):
    call_command("create_accounts", "--agency", world.agency.code, "--dry-run")
    assert "akan dibuat 1" in capsys.readouterr().out and not User.objects.filter(employee=world.other).exists()
    call_command("create_accounts", "--agency", world.agency.code, "--unit", str(world.unit_a.pk))
    assert not User.objects.filter(employee=world.other).exists()  # other is in unit B
    call_command("create_accounts", "--agency", world.agency.code)
    assert "dibuat 1" in capsys.readouterr().out
    assert User.objects.get(employee=world.other).username == world.other.nip
    call_command("create_accounts")  # the only agency
    assert "dibuat 0, diperbarui 0, dinonaktifkan 0" in capsys.readouterr().out


def test_create_accounts_command_refuses_an_unknown_agency_or_unit(world):
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("create_accounts", "--agency", "tidak-ada")
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("create_accounts", "--agency", world.agency.code, "--unit", "999999")
