"""Recovery of jobs left "running" by a dead worker (the SIGKILL case itself: tests/reliability)."""

from __future__ import annotations

import datetime as dt
import subprocess
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from renbang.core import jobs
from renbang.core.models import Job, JobStatus

FN = "tests.core.test_jobs.count_run"
RUNS: list[int] = []


def count_run(job, **params) -> dict:
    RUNS.append(job.pk)
    job.report(50, "setengah")
    return {"ok": params["n"]}


ABANDONED: list[int] = []
count_run.on_abandon = lambda job: ABANDONED.append(job.pk)


def running(*, worker: str, heartbeat: dt.datetime | None) -> Job:
    job = Job.objects.create(kind="test.run", function_path=FN, params={"n": 7}, status=JobStatus.RUNNING,
                             worker=worker, heartbeat_at=heartbeat, attempts=1)
    return job


def dead_worker() -> str:
    """A process id of this host that existed and is gone (reaped)."""
    probe = subprocess.Popen(["true"])
    probe.wait()
    return f"{jobs.worker_id().rpartition(':')[0]}:{probe.pid}"


def test_it_records_the_function_worker_and_heartbeat(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start_job(kind="test.run", function_path=FN, params={"n": 3})
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result == {"ok": 3}
    assert job.function_path == FN and job.worker == jobs.worker_id() and job.attempts == 1
    assert job.heartbeat_at is not None


def test_it_marks_the_job_of_a_dead_process_failed_at_once(db):
    job = running(worker=dead_worker(), heartbeat=timezone.now())
    alive = running(worker=jobs.worker_id(), heartbeat=timezone.now())
    other_host = running(worker="another-host:1", heartbeat=timezone.now())

    ABANDONED.clear()
    assert jobs.recover_stale_jobs() == [job]
    assert [job.pk] == ABANDONED  # the job's module was told
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.message == jobs.STALE_MESSAGE and job.finished_at
    assert Job.objects.get(pk=alive.pk).status == JobStatus.RUNNING
    assert Job.objects.get(pk=other_host.pk).status == JobStatus.RUNNING


def test_it_marks_a_silent_job_of_another_host_failed_after_the_stale_delay(db, settings):
    settings.RENBANG = {**settings.RENBANG, "JOB_STALE_SECONDS": 600}
    now = timezone.now()
    quiet = running(worker="another-host:1", heartbeat=now - dt.timedelta(seconds=601))
    recent = running(worker="another-host:2", heartbeat=now - dt.timedelta(seconds=599))
    assert jobs.stale_jobs(now=now) == [quiet]
    assert recent not in jobs.recover_stale_jobs(now=now)


def test_it_runs_a_recovered_job_again_under_the_same_id(db, django_capture_on_commit_callbacks):
    RUNS.clear()
    job = running(worker=dead_worker(), heartbeat=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        jobs.recover_stale_jobs(retry=True)
    job.refresh_from_db()
    assert [job.pk] == RUNS
    assert job.status == JobStatus.DONE and job.result == {"ok": 7} and job.attempts == 2


def test_it_does_not_retry_a_job_that_already_used_its_attempts(db, django_capture_on_commit_callbacks):
    RUNS.clear()
    job = running(worker=dead_worker(), heartbeat=timezone.now())
    Job.objects.filter(pk=job.pk).update(attempts=jobs.MAX_ATTEMPTS)
    with django_capture_on_commit_callbacks(execute=True):
        jobs.recover_stale_jobs(retry=True)
    job.refresh_from_db()
    assert RUNS == [] and job.status == JobStatus.FAILED


def test_it_refuses_to_retry_a_job_that_did_not_fail(db):
    job = running(worker=jobs.worker_id(), heartbeat=timezone.now())
    with pytest.raises(ValueError):
        jobs.retry_job(job)


def test_the_command_and_the_healthcheck_report_stale_jobs(db):
    job = running(worker=dead_worker(), heartbeat=timezone.now())
    with pytest.raises(CommandError, match="macet"):
        call_command("healthcheck", stdout=StringIO())
    out = StringIO()
    call_command("recover_jobs", stdout=out)
    assert f"#{job.pk}" in out.getvalue() and "1 pekerjaan macet" in out.getvalue()
    call_command("healthcheck", stdout=StringIO())  # healthy again
