"""Per-row audit of bulk writes: the roster import and the bulk standard apply log one entry per row changed."""

from __future__ import annotations

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from renbang.competencies.models import PositionStandard
from renbang.competencies.services import standard_bulk_apply
from renbang.core.jobs import start_job
from renbang.people.importing import import_employees, uploads
from renbang.people.jobs import APPLY_KIND
from renbang.people.models import Employee
from tests.people.builders import make_csv, person


def entries(model, **filters):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), **filters)


def test_a_roster_import_job_logs_each_employee_with_the_user_who_started_it(world,
                                                                              django_capture_on_commit_callbacks):
    rows = [person(n, unit=world.unit_a.name, position=world.positions.staff.name) for n in range(1, 4)]
    LogEntry.objects.all().delete()  # the world's own entries
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(kind=APPLY_KIND, function_path="renbang.people.jobs.run_import", user=world.users.admin,
                        agency=world.agency, params={"token": uploads.save(make_csv(rows)), "filename": "r.csv",
                                                     "dry_run": False, "skip_invalid": False})
    job.refresh_from_db()
    assert job.result["report"]["created"] == 3
    created = entries(Employee, action=LogEntry.Action.CREATE).order_by("object_id")
    assert created.count() == 3
    for entry, row in zip(created, rows, strict=True):
        employee = Employee.objects.get(nip=row["nip"])
        assert entry.object_id == employee.pk and entry.actor == world.users.admin
        assert entry.changes["nip"] == ["None", row["nip"]]
        assert entry.changes["name"] == ["None", row["name"]]
        assert entry.changes["unit"] == ["None", str(world.unit_a.pk)]


def test_a_reimport_logs_only_what_changed_old_and_new(world):
    rows = [person(n, unit=world.unit_a.name, position=world.positions.staff.name) for n in range(1, 4)]
    with set_actor(world.users.admin):
        import_employees(data=make_csv(rows), filename="r.csv", agency=world.agency, dry_run=False,
                         skip_invalid=False)
        rows[1]["name"] = "Nama Baru"
        rows[2]["unit"] = world.unit_b.name
        first = LogEntry.objects.count()
        report = import_employees(data=make_csv(rows), filename="r.csv", agency=world.agency, dry_run=False,
                                  skip_invalid=False)
    assert (report.updated, report.unchanged) == (2, 1)
    updates = {e.object_id: e for e in entries(Employee, action=LogEntry.Action.UPDATE)}
    # two employee rows changed (the renamed employee's account follows its name: one more entry, of the User)
    assert entries(Employee, action=LogEntry.Action.UPDATE).count() == 2
    assert LogEntry.objects.count() == first + 3
    second, third = (Employee.objects.get(nip=rows[i]["nip"]) for i in (1, 2))
    assert updates[second.pk].changes == {"name": ["Pegawai Impor 2", "Nama Baru"]}
    assert updates[third.pk].changes == {"unit": [str(world.unit_a.pk), str(world.unit_b.pk)]}
    assert updates[third.pk].actor == world.users.admin


def test_the_bulk_standard_apply_logs_each_standard_row(world):
    started = timezone.now()
    before = PositionStandard.objects.count()
    with set_actor(world.users.admin):
        result = standard_bulk_apply(agency=world.agency)
    assert result.created > 0
    logged = entries(PositionStandard, action=LogEntry.Action.CREATE, timestamp__gte=started)
    assert logged.count() == result.created == PositionStandard.objects.count() - before
    entry = logged.first()
    assert entry.actor == world.users.admin
    assert set(entry.changes) == {"position", "competency", "required_level", "origin"}
    assert " ≥ " in entry.object_repr

    PositionStandard.objects.filter(pk=entry.object_id).update(required_level=5)
    with set_actor(world.users.admin):
        standard_bulk_apply(agency=world.agency, overwrite_manual=True)
    updated = entries(PositionStandard, action=LogEntry.Action.UPDATE, object_id=entry.object_id).get()
    assert updated.changes["required_level"][0] == "5"


def test_bulk_entries_show_on_the_audit_page(world, login):
    with set_actor(world.users.admin):
        import_employees(data=make_csv([person(1, unit=world.unit_a.name, position=world.positions.staff.name)]),
                         filename="r.csv", agency=world.agency, dry_run=False, skip_invalid=False)
    page = login(world.users.admin).get("/akun/jejak-audit/?model=employee")
    assert page.status_code == 200
    assert "Pegawai Impor 1" in page.content.decode()
