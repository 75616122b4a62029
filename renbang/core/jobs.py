"""Running a job function through django-tasks with a Job row for progress.

A job function is a plain function `fn(job: Job, **params) -> dict`; `start_job` records the Job and
enqueues one generic task that calls the function by its dotted path. Tests use the ImmediateBackend, so the
same function runs inline; `make run` starts the DB worker (`manage.py db_worker`).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.module_loading import import_string
from django_tasks import task

from .models import Job, JobStatus

log = logging.getLogger(__name__)


@task()
def run_job(job_id: int, function_path: str) -> None:
    job = Job.objects.get(pk=job_id)
    if job.is_finished:
        return  # re-delivered after a crash that happened after finishing: nothing to do
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    try:
        result = import_string(function_path)(job, **job.params)
    except Exception as exc:
        # Ids only: job parameters and messages may carry personal data.
        log.exception("job %s (%s) failed", job.pk, job.kind)
        job.finish({"error": type(exc).__name__}, failed=True,
                   message=str(exc)[:300] if getattr(exc, "user_message", False) else "Terjadi kesalahan internal.")
        return
    job.finish(result or {})


def start_job(*, kind: str, function_path: str, params: dict, user=None, agency=None) -> Job:
    job = Job.objects.create(kind=kind, params=params, created_by=user, agency=agency)
    transaction.on_commit(lambda: run_job.enqueue(job.pk, function_path))
    return job
