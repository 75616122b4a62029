"""Child process of the crash-safety tests: run one Job as the worker would, stop at a write, wait to be killed.

Usage: python tests/reliability/crash_child.py JOB_ID PAUSE_AFTER_WRITES [MODEL_LABEL]
   or: python tests/reliability/crash_child.py call DOTTED.FUNCTION JSON_KWARGS PAUSE_AFTER_WRITES [MODEL_LABEL]
       (a service run the way a web request runs it, e.g. a plan approval)
The parent sets DATABASE_URL to its test database. Every `job.report(...)` is echoed as "PROGRESS n" and, once
PAUSE_AFTER_WRITES bulk inserts/updates or saves (of MODEL_LABEL, e.g. "people.Employee", if given) have run
inside a transaction, the child prints "PAUSED" and blocks reading stdin: the parent kills it with SIGKILL
there, in the middle of the job's transaction.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renbang.settings")

import django

django.setup()

from django.db import connection, models  # noqa: E402
from django.db.models.query import QuerySet  # noqa: E402

from renbang.core.jobs import run_job  # noqa: E402
from renbang.core.models import Job  # noqa: E402


def main(job_id: int | None, pause_after: int, model_label: str = "", call: tuple[str, str] | None = None) -> None:
    writes = {"n": 0}

    def pause_point(target) -> None:
        model = target.model if isinstance(target, QuerySet) else type(target)
        if not connection.in_atomic_block or (model_label and model._meta.label != model_label):
            return
        writes["n"] += 1
        if writes["n"] == pause_after:
            print("PAUSED", flush=True)
            sys.stdin.readline()  # the parent kills us here

    def wrap(original):
        def wrapper(*args, **kwargs):
            result = original(*args, **kwargs)
            pause_point(args[0])
            return result
        return wrapper

    QuerySet.bulk_create = wrap(QuerySet.bulk_create)
    QuerySet.bulk_update = wrap(QuerySet.bulk_update)
    models.Model.save = wrap(models.Model.save)
    original_report = Job.report

    def report(self, progress, message=""):
        original_report(self, progress, message)
        print(f"PROGRESS {int(progress)}", flush=True)

    Job.report = report
    if call is not None:
        import json

        from django.utils.module_loading import import_string

        import_string(call[0])(**json.loads(call[1]))
    else:
        job = Job.objects.get(pk=job_id)
        run_job.func(job.pk, job.function_path)
    print("FINISHED", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "call":
        main(None, int(sys.argv[4]), *sys.argv[5:6], call=(sys.argv[2], sys.argv[3]))
    else:
        main(int(sys.argv[1]), int(sys.argv[2]), *sys.argv[3:4])
