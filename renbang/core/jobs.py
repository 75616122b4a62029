"""Running a job function through django-tasks with a Job row for progress, and recovering from dead workers.

A job function is a plain function `fn(job: Job, **params) -> dict`; `start_job` records the Job and
enqueues one generic task that calls the function by its dotted path. Tests use the ImmediateBackend, so the
same function runs inline; `make run` starts the DB worker (`manage.py db_worker`).

Crash safety: every job function writes in one transaction (imports are all-or-nothing), so a worker killed
midway (OOM killer, `kill -9`, power loss) leaves the database as it was, but its Job stays "running" for ever.
`recover_stale_jobs` finds such jobs, by the worker's process id on this host (a dead process is detected at
once) or by a heartbeat older than `RENBANG["JOB_STALE_SECONDS"]` (a worker on another host), marks them
failed (calling the job function's optional `on_abandon(job)`, for rows of its own that show "running") and,
with `retry=True`, queues them again (at most `MAX_ATTEMPTS` runs). `manage.py recover_jobs` runs
it; the worker service runs it before starting (docs/deploy.md) and a timer runs it every few minutes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import socket

from auditlog.context import auditlog_value, set_actor
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from .logs import failure_text
from .models import Job, JobStatus

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 2
STALE_MESSAGE = ("Pekerjaan terhenti karena proses pekerja mati; tidak ada perubahan setengah jadi yang "
                 "tersimpan. Jalankan ulang.")


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


@task()
def run_job(job_id: int, function_path: str) -> None:
    job = Job.objects.get(pk=job_id)
    if job.is_finished:
        return  # re-delivered after a crash that happened after finishing: nothing to do
    job.status, job.worker, job.heartbeat_at = JobStatus.RUNNING, worker_id(), timezone.now()
    Job.objects.filter(pk=job.pk).update(status=job.status, worker=job.worker, heartbeat_at=job.heartbeat_at,
                                         attempts=job.attempts + 1)
    try:
        with _as_actor(job.created_by):  # the audit trail names who started the job, not "system"
            result = import_string(function_path)(job, **job.params)
    except Exception as exc:
        # Ids and the traceback only: job parameters and exception messages may carry personal data.
        log.error("job %s (%s) failed\n%s", job.pk, job.kind, failure_text(exc))
        job.finish({"error": type(exc).__name__}, failed=True,
                   message=str(exc)[:300] if getattr(exc, "user_message", False) else "Terjadi kesalahan internal.")
        return
    job.finish(result or {})


@contextlib.contextmanager
def _as_actor(user):
    """auditlog's set_actor for the job's user, restoring the caller's context afterwards (the ImmediateBackend
    runs jobs inside a request, whose middleware context must keep working after the job)."""
    if user is None:
        yield
        return
    try:
        previous = auditlog_value.get()
    except LookupError:
        previous = None
    try:
        with set_actor(user):
            yield
    finally:
        if previous is not None:
            auditlog_value.set(previous)


def start_job(*, kind: str, function_path: str, params: dict, user=None, agency=None) -> Job:
    job = Job.objects.create(kind=kind, params=params, created_by=user, agency=agency, function_path=function_path)
    transaction.on_commit(lambda: run_job.enqueue(job.pk, function_path))
    return job


def _process_is_dead(worker: str) -> bool:
    """True when `worker` ("host:pid") names a process of this host that no longer exists."""
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)  # signal 0: existence check only
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, owned by another user
    return False


def stale_jobs(*, now: dt.datetime | None = None) -> list[Job]:
    """Running jobs whose worker is dead (same host) or silent for longer than JOB_STALE_SECONDS."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=int(settings.RENBANG["JOB_STALE_SECONDS"]))
    found = []
    for job in Job.objects.filter(status=JobStatus.RUNNING).order_by("pk"):
        last_sign = job.heartbeat_at or job.created_at
        if (job.worker and _process_is_dead(job.worker)) or last_sign < cutoff:
            found.append(job)
    return found


def recover_stale_jobs(*, retry: bool = False, now: dt.datetime | None = None) -> list[Job]:
    """Mark stale jobs failed (re-runnable); with `retry`, queue those with attempts left again."""
    recovered = []
    for job in stale_jobs(now=now):
        # Conditional update: a worker that was only slow and finishes meanwhile keeps its result.
        updated = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, worker=job.worker).update(
            status=JobStatus.FAILED, message=STALE_MESSAGE, result={"error": "stale", "retryable": True},
            finished_at=timezone.now())
        if not updated:
            continue
        job.refresh_from_db()
        log.warning("job %s (%s) of dead worker %s marked failed", job.pk, job.kind, job.worker)
        _abandoned(job)
        if retry and job.attempts < MAX_ATTEMPTS:
            retry_job(job)
        recovered.append(job)
    return recovered


def _abandoned(job: Job) -> None:
    """Let the job's module put its own rows back in order (e.g. a scenario shown as "running"): a job function
    may carry an `on_abandon(job)` attribute, called when its job is recovered from a dead worker."""
    try:
        function = import_string(job.function_path)
    except ImportError:
        return
    on_abandon = getattr(function, "on_abandon", None)
    if on_abandon is not None:
        on_abandon(job)


def retry_job(job: Job) -> Job:
    """Queue a failed job again under the same id (pages polling it see it run again)."""
    if job.status != JobStatus.FAILED or not job.function_path:
        raise ValueError("only a failed job with a known function can run again")
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED, progress=0, message="", result={},
                                         finished_at=None, worker="", heartbeat_at=None)
    job.refresh_from_db()
    function_path = job.function_path
    transaction.on_commit(lambda: run_job.enqueue(job.pk, function_path))
    log.info("job %s (%s) queued again (attempt %s)", job.pk, job.kind, job.attempts + 1)
    return job
