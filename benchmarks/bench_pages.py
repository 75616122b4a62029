"""Page latency at agency scale: the employee list with 25,000 employees, and its query count."""

from __future__ import annotations

import statistics
import time

EMPLOYEES = 25_000


def _timed_get(client, url: str, repeat: int = 15) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1], len(queries)


def run() -> list[tuple[str, str]]:
    from django.core.management import call_command
    from django.test import Client

    from renbang.accounts.models import Role, User
    from renbang.people.models import Employee

    started = time.perf_counter()
    call_command("seed_demo", employees=EMPLOYEES, seed=7, verbosity=0)
    seeded = time.perf_counter() - started
    total = Employee.objects.count()
    admin = User.objects.filter(role=Role.BKPSDM_ADMIN).first()
    client = Client()
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    rows = [(f"seed_demo --employees {EMPLOYEES:,} (all demo steps)", f"{seeded:.1f} s ({total:,} employees)")]
    for label, url in [
        ("employee list, page 1", "/pegawai/"),
        ("employee list, search 'Siregar'", "/pegawai/?q=Siregar"),
        ("employee list, page 200 sorted by unit", "/pegawai/?sort=unit&page=200"),
        ("org-unit tree", "/organisasi/unit/"),
        ("API employees page 1", "/api/v1/employees/"),
    ]:
        median, p95, queries = _timed_get(client, url)
        rows.append((label, f"median {median:.0f} ms · p95 {p95:.0f} ms · {queries} queries"))
    return rows
