"""Benchmark of talent: the 5-year retirement outlook and the talent box for 25,000 employees (targets ≤ 2 s each
on PostgreSQL), on the synthetic agency of bench_needs (its campaign computed first, birth dates spread 1964–2000
with a bulge in 1966–1970, two years of SKP).

Run alone: `DATABASE_URL=postgres://... .venv/bin/python benchmarks/bench_talent.py [employees]`.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time

EMPLOYEES = 25_000


def _spread_births(agency_id: int) -> None:
    import numpy as np

    from renbang.people.models import Employee, PerformanceRecord

    rng = np.random.default_rng(11)
    employees = list(Employee.objects.filter(agency_id=agency_id).only("pk", "birth_date"))
    wave = rng.random(len(employees)) < 0.3
    years = np.where(wave, rng.integers(1966, 1971, len(employees)), rng.integers(1964, 2001, len(employees)))
    days = rng.integers(0, 365, len(employees))
    for e, y, d in zip(employees, years.tolist(), days.tolist(), strict=True):
        e.birth_date = dt.date(y, 1, 1) + dt.timedelta(days=d)
    Employee.objects.bulk_update(employees, ["birth_date"], batch_size=5000)
    PerformanceRecord.objects.bulk_create([
        PerformanceRecord(employee=e, year=2024, predicate=str(rng.choice(["sangat_baik", "baik", "butuh_perbaikan"])))
        for e in employees], batch_size=5000)


def _median(fn, repeat: int = 3) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - started)
    return sorted(timings)[repeat // 2]


def run(employees: int = EMPLOYEES) -> list[tuple[str, str]]:
    from bench_needs import build
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    from renbang.needs import compute
    from renbang.talent import box, outlook

    old_name = connection.settings_dict["NAME"]
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"bench_talent_{os.getpid()}" if \
        connection.vendor != "sqlite" else None
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    figures: list[tuple[str, str]] = []
    try:
        started = time.perf_counter()
        campaign, _admin = build(employees)
        compute.compute_campaign(campaign)
        _spread_births(campaign.agency_id)
        figures.append((f"talent: synthetic data + needs, {employees:,} employees ({connection.vendor})",
                        f"{time.perf_counter() - started:.1f} s"))
        agency_id = campaign.agency_id
        result: dict = {}
        t = _median(lambda: result.update(o=outlook.outlook(agency_id, years=5, start=dt.date(2026, 12, 7))))
        figures.append((f"talent: 5-year retirement outlook ({result['o']['total']:,} leavers; target ≤ 2 s)",
                        f"{t:.2f} s"))
        t = _median(lambda: result.update(b=box.compute(agency_id)))
        placed = int((result["b"].box > 0).sum())
        figures.append((f"talent: talent box ({placed:,} placed; target ≤ 2 s)", f"{t:.2f} s"))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    return figures


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renbang.settings")
    os.environ.setdefault("RENBANG_TESTING", "true")
    import django

    django.setup()
    for label, value in run(int(sys.argv[1]) if len(sys.argv) > 1 else EMPLOYEES):
        print(f"{label:<62} {value}")
