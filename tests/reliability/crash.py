"""Crash-safety harness: run a Job in a real worker process and kill it with SIGKILL in the middle of its write.

Works on PostgreSQL only (a second process must reach the test database; SQLite's test database is in memory),
so the tests using it are marked `postgres` and run in the PostgreSQL pass of `make test` (tests/conftest.py
deselects them on SQLite).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def queued_job(*, kind: str, function_path: str, params: dict, agency=None, user=None):
    """A Job as `start_job` records it, but not handed to any worker (the child process will run it)."""
    from renbang.core.models import Job

    return Job.objects.create(kind=kind, function_path=function_path, params=params, agency=agency, created_by=user)


def database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER'] or 'postgres'}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@dataclass
class Killed:
    progress: list[int]
    returncode: int


def kill_job_midway(job_id: int, *, pause_after_writes: int = 1, model: str = "") -> Killed:
    """Run Job `job_id` in a child worker; SIGKILL it once it has done `pause_after_writes` writes (of `model`,
    a label like "people.Employee", if given) in its transaction. Fails if the job ends before that point."""
    return _kill_midway([str(job_id), str(pause_after_writes), model], job_id=job_id)


def kill_call_midway(function: str, kwargs: dict, *, pause_after_writes: int = 1, model: str = "") -> Killed:
    """The same for a service called in a child process (what a web request does), e.g. a plan approval."""
    import json

    return _kill_midway(["call", function, json.dumps(kwargs), str(pause_after_writes), model])


def _kill_midway(arguments: list[str], job_id: int | None = None) -> Killed:
    from django.conf import settings

    # The same database and the same private upload folder as this test process (tests may move MEDIA_ROOT).
    env = {**os.environ, "DATABASE_URL": database_url(), "DB_CONN_MAX_AGE": "0", "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "tests/reliability/crash_child.py"), *arguments],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    progress: list[int] = []
    seen: list[str] = []
    try:
        for line in child.stdout:  # blocking reads: no sleeps, no polling
            seen.append(line)
            if line.startswith("PROGRESS"):
                progress.append(int(line.split()[1]))
            elif line.startswith("PAUSED"):
                break
        else:
            from renbang.core.models import Job

            job = Job.objects.filter(pk=job_id).first()
            state = f"{job.status}: {job.message} {job.result}" if job else "no job"
            raise AssertionError(
                f"the work ended without reaching the kill point ({state}):\n"
                f"{''.join(seen)[-2000:]}\n{child.stderr.read()[-3000:]}"
            )
        os.kill(child.pid, signal.SIGKILL)
    finally:
        if child.poll() is None and child.returncode is None:
            child.kill()
        child.wait(timeout=60)
        child.stdout.close()
        child.stderr.close()
        child.stdin.close()
    return Killed(progress=progress, returncode=child.returncode)
