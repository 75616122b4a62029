"""A full roster ("daftar lengkap"): active employees missing from the file are deactivated (never deleted) with
their accounts, after a preview, all or nothing, audited, behind a share guard; web and CLI."""

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
from renbang.people.importing import import_employees
from renbang.people.jobs import APPLY_KIND, PREVIEW_KIND
from renbang.people.models import Employee

from .builders import make_xlsx, team


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def limit(settings):
    def _set(share: float) -> None:
        settings.RENBANG = {**settings.RENBANG, "FULL_ROSTER_MAX_DEACTIVATE_SHARE": share}

    _set(0.2)
    return _set


@pytest.fixture
def agency_of_fourteen(world):
    """The world's 4 employees (3 with accounts) and a team of 10 from an earlier partial import."""
    rows = team(10)
    report = run(world, rows, full_roster=False)
    assert report.written and report.created == 10
    return rows


def run(world, rows, *, dry_run=False, full_roster=True, force=False, skip_invalid=False):
    return import_employees(data=make_xlsx(rows), filename="roster.xlsx", agency=world.agency, dry_run=dry_run,
                            skip_invalid=skip_invalid, full_roster=full_roster, force=force)


def world_employees(world):
    return [world.boss, world.chief, world.staff, world.other]


def active_nips() -> set[str]:
    return set(Employee.objects.filter(active=True).values_list("nip", flat=True))


def snapshot():
    employees = list(Employee.objects.order_by("pk").values())
    users = list(User.objects.order_by("pk").values())
    return employees, users, LogEntry.objects.count()


def test_it_lists_the_missing_in_the_dry_run_and_writes_nothing(world, agency_of_fourteen, limit):
    limit(0.5)
    before = snapshot()
    report = run(world, agency_of_fourteen[:9], dry_run=True)
    roster = report.full_roster
    missing = sorted([*world_employees(world)], key=lambda e: (e.name, e.nip))
    assert roster["missing"] == 5 and roster["active"] == 14 and not roster["over_limit"]
    assert [p["nip"] for p in roster["people"] if p["nip"] != agency_of_fourteen[9]["nip"]] == [
        e.nip for e in missing]
    assert {"nip": world.other.nip, "name": "Siti Nasution", "unit": "Dinas Kesehatan"} in roster["people"]
    assert snapshot() == before


def test_it_deactivates_the_missing_and_disables_their_accounts_on_confirm(world, agency_of_fourteen, limit):
    limit(0.5)
    employee_type = ContentType.objects.get_for_model(Employee)
    report = run(world, agency_of_fourteen[:9])
    assert report.written and report.full_roster["missing"] == 5
    gone = {e.nip for e in world_employees(world)} | {agency_of_fourteen[9]["nip"]}
    assert Employee.objects.count() == 14 and active_nips().isdisjoint(gone)  # deactivated, never deleted
    for actor in ("supervisor", "employee", "mentor"):  # the world's employees with an account
        user = User.objects.get(pk=getattr(world.users, actor).pk)
        assert not user.is_active and user.disabled_reason == DisabledReason.EMPLOYEE_INACTIVE
    tenth = User.objects.get(username=agency_of_fourteen[9]["nip"])
    assert not tenth.is_active and tenth.disabled_reason == DisabledReason.EMPLOYEE_INACTIVE
    assert report.accounts["disabled"] == 4
    entries = LogEntry.objects.filter(content_type=employee_type, object_pk=str(world.other.pk))
    assert entries.latest("pk").changes_dict == {"active": ["True", "False"]}
    assert User.objects.get(pk=world.users.admin.pk).is_active  # not an employee: untouched


def test_it_changes_nothing_when_the_same_full_file_is_imported_again(world, agency_of_fourteen, limit):
    limit(0.5)
    run(world, agency_of_fourteen[:9])
    before = snapshot()
    report = run(world, agency_of_fourteen[:9])
    assert report.written and report.full_roster["missing"] == 0
    assert (report.created, report.updated, report.unchanged) == (0, 0, 9)
    assert report.accounts["created"] == report.accounts["updated"] == report.accounts["disabled"] == 0
    assert snapshot() == before  # no row and no audit entry written


def test_it_refuses_past_the_share_guard_without_force_and_applies_with_it(world, agency_of_fourteen, limit):
    rows = agency_of_fourteen[:9]
    rows[0] = {**rows[0], "name": "Pegawai Impor Satu Berganti Nama"}
    before = snapshot()
    preview = run(world, rows, dry_run=True)
    assert preview.full_roster["over_limit"] and preview.full_roster["share"] == round(5 / 14, 4)
    refused = run(world, rows)
    assert not refused.written and refused.notes[0].startswith("Tidak ada yang ditulis: daftar lengkap ini akan "
                                                               "menonaktifkan 5 dari 14 pegawai aktif")
    assert snapshot() == before  # nor the renamed row: all or nothing
    applied = run(world, rows, force=True)
    assert applied.written and applied.full_roster["forced"] and len(active_nips()) == 9
    assert Employee.objects.filter(name="Pegawai Impor Satu Berganti Nama").exists()


def test_it_deactivates_nobody_when_a_row_is_invalid(world, agency_of_fourteen, limit):
    limit(0.9)
    rows = [dict(r) for r in agency_of_fourteen[:9]]
    rows[3]["rank"] = "V/z"
    before = snapshot()
    report = run(world, rows)
    assert not report.written and report.invalid_rows == 1 and report.full_roster["missing"] == 5
    assert snapshot() == before and len(active_nips()) == 14


def test_it_keeps_a_skipped_row_and_withholds_everything_when_a_nip_is_unreadable(world, agency_of_fourteen, limit):
    limit(0.9)
    rows = [dict(r) for r in agency_of_fourteen[:9]]
    rows[3]["rank"] = "V/z"  # skipped, but the person is on the list
    report = run(world, rows, skip_invalid=True)
    assert report.written and report.full_roster["missing"] == 5 and rows[3]["nip"] in active_nips()
    assert len(active_nips()) == 9
    rows = [dict(r) for r in agency_of_fourteen[:8]]
    rows.append({**agency_of_fourteen[8], "nip": "19xx"})
    report = run(world, rows, skip_invalid=True)
    assert report.written and report.full_roster["missing"] == 0 and report.full_roster["withheld"]
    assert any(note.startswith("Daftar lengkap tidak diterapkan: NIP pada baris") for note in report.notes)
    assert agency_of_fourteen[8]["nip"] in active_nips()


def test_it_makes_an_employee_on_the_list_active_again_with_their_account(world, agency_of_fourteen, limit):
    limit(0.9)
    run(world, agency_of_fourteen[:9])
    tenth = agency_of_fourteen[9]["nip"]
    assert not User.objects.get(username=tenth).is_active
    without_aktif = [{k: v for k, v in r.items() if k != "active"} for r in agency_of_fourteen]
    report = run(world, without_aktif)
    assert report.written and report.updated == 1 and report.accounts["enabled"] == 1
    assert tenth in active_nips() and User.objects.get(username=tenth).is_active


def test_it_leaves_everyone_alone_without_the_option(world, agency_of_fourteen):
    report = run(world, agency_of_fourteen[:3], full_roster=False)
    assert report.written and report.full_roster == {} and len(active_nips()) == 14


# -- command line ------------------------------------------------------------------------------------------------

def write(tmp_path, rows) -> str:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(make_xlsx(rows))
    return str(path)


def test_the_command_previews_refuses_and_applies_with_force(world, agency_of_fourteen, limit, tmp_path, capsys):
    path = write(tmp_path, agency_of_fourteen[:9])
    with pytest.raises(CommandError) as refused:
        call_command("import_employees", path, "--full-roster", "--dry-run")
    out = capsys.readouterr().out
    assert refused.value.returncode == 1 and "impor sungguhan akan ditolak" in str(refused.value)
    assert "Daftar lengkap: 5 pegawai tidak ada di berkas dan akan dinonaktifkan (dari 14 pegawai aktif" in out
    assert f"  - {world.other.nip} Siti Nasution (Dinas Kesehatan)" in out
    with pytest.raises(CommandError) as refused:
        call_command("import_employees", path, "--full-roster")
    assert refused.value.returncode == 1 and len(active_nips()) == 14
    call_command("import_employees", path, "--full-roster", "--force")
    out = capsys.readouterr().out
    assert "5 pegawai tidak ada di berkas dan telah dinonaktifkan" in out and "Impor selesai" in out
    assert len(active_nips()) == 9


def test_the_command_refuses_force_without_full_roster(world, tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("import_employees", write(tmp_path, team(2)), "--force")
    assert refused.value.returncode == 2


# -- web -----------------------------------------------------------------------------------------------------------

def upload(client, rows, **extra):
    return client.post(reverse("people:import"),
                       {"file": SimpleUploadedFile("roster.xlsx", make_xlsx(rows)), **extra})


def test_the_web_preview_lists_the_missing_and_confirm_needs_the_second_checkbox(
        world, agency_of_fourteen, limit, login, django_capture_on_commit_callbacks):
    client = login(world.users.admin)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, agency_of_fourteen[:9], full_roster="on")
    preview = Job.objects.get(kind=PREVIEW_KIND)
    page = client.get(reverse("people:import_job", args=[preview.pk])).content.decode()
    assert "5 pegawai tidak ada di berkas dan akan dinonaktifkan" in page and "Siti Nasution" in page
    assert "melebihi batas 20%" in page and 'name="force"' in page
    response = client.post(reverse("people:import_confirm", args=[preview.pk]))
    assert response["Location"] == reverse("people:import_job", args=[preview.pk])
    assert not Job.objects.filter(kind=APPLY_KIND).exists() and len(active_nips()) == 14
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people:import_confirm", args=[preview.pk]), {"force": "1"})
    assert Job.objects.get(kind=APPLY_KIND).params["force"] is True and len(active_nips()) == 9
    page = client.get(response["Location"]).content.decode()
    assert "5 pegawai tidak ada di berkas dan telah dinonaktifkan" in page


def test_the_web_import_without_the_checkbox_deactivates_nobody(
        world, agency_of_fourteen, login, django_capture_on_commit_callbacks):
    client = login(world.users.admin)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, agency_of_fourteen[:9])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("people:import_confirm", args=[Job.objects.get(kind=PREVIEW_KIND).pk]))
    assert Job.objects.get(kind=APPLY_KIND).status == "done" and len(active_nips()) == 14


def test_an_opd_officer_may_not_import_a_full_roster(world, agency_of_fourteen, login):
    """Only BKPSDM imports (people.import_employees), so a full roster is always the agency's."""
    client = login(world.users.officer_a)
    assert upload(client, agency_of_fourteen[:9], full_roster="on").status_code == 403
    assert not Job.objects.exists() and len(active_nips()) == 14
