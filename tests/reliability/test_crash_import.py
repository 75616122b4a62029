"""A roster import killed with SIGKILL in the middle of its write leaves nothing behind and runs again."""

from __future__ import annotations

import pytest
from django.db import connection

from renbang.core.jobs import recover_stale_jobs, stale_jobs
from renbang.core.models import JobStatus
from renbang.org.models import OrgUnit, Position
from renbang.people.importing import uploads
from renbang.people.jobs import APPLY_KIND
from renbang.people.models import Employee, PerformanceRecord
from tests.people.builders import make_csv, person

from .crash import kill_job_midway, queued_job

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROWS = 2500  # three batches of bulk_create: the kill lands after the first one


def counts() -> tuple[int, ...]:
    return (Employee.objects.count(), OrgUnit.objects.count(), Position.objects.count(),
            PerformanceRecord.objects.count())


def test_it_leaves_the_database_as_it_was_and_the_import_runs_again(world):
    assert connection.vendor == "postgresql"
    data = make_csv([person(n, unit="Dinas Uji Impor Baru", position="Analis Data Baru") for n in range(1, ROWS + 1)])
    job = queued_job(kind=APPLY_KIND, function_path="renbang.people.jobs.run_import", agency=world.agency,
                     user=world.users.admin, params={"token": uploads.save(data), "filename": "roster.csv",
                                                     "dry_run": False, "skip_invalid": False})
    before = counts()

    killed = kill_job_midway(job.pk, pause_after_writes=1, model="people.Employee")

    assert killed.returncode == -9
    assert killed.progress and max(killed.progress) >= 80  # it was writing when it died
    assert counts() == before  # the first batch of 1,000 employees, the new unit and position: rolled back
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING  # what a dead worker leaves behind
    assert [j.pk for j in stale_jobs()] == [job.pk]

    recovered = recover_stale_jobs()
    job.refresh_from_db()
    assert [j.pk for j in recovered] == [job.pk]
    assert job.status == JobStatus.FAILED and job.result["retryable"] and "Jalankan ulang" in job.message

    recover_stale_jobs(retry=True)  # nothing stale any more: no second recovery
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED

    from renbang.core.jobs import retry_job

    retry_job(job)  # the ImmediateBackend runs it here, in the test process
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.message
    assert job.attempts == 2
    assert job.result["report"]["created"] == ROWS and job.result["report"]["written"]
    assert counts()[0] == before[0] + ROWS
    assert OrgUnit.objects.filter(name="Dinas Uji Impor Baru").count() == 1
    assert Position.objects.filter(name="Analis Data Baru").count() == 1

