"""Benchmark of planning at demo scale: database → instance → solve → stored plan, and the plan page's queries.

Uses the Kota Medan demo agency of the bench database (bench_seed runs first in `make bench`; seeded here if
missing). Run alone: `.venv/bin/python benchmarks/run.py plans`.
"""

from __future__ import annotations

import time

TIME_LIMIT = 30


def run() -> list[tuple[str, str]]:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from renbang.accounts.models import Role, User
    from renbang.org.models import Agency
    from renbang.people.models import Employee
    from renbang.plans import runner
    from renbang.plans.models import PlanningScenario

    agency = Agency.objects.filter(code="kota-medan").first()
    if agency is None or not Employee.objects.filter(agency=agency).exists():
        call_command("seed_demo", verbosity=0)
        agency = Agency.objects.get(code="kota-medan")
    employees = Employee.objects.filter(agency=agency, active=True).count()
    PlanningScenario.objects.filter(agency=agency, name="Uji beban").delete()
    scenario = PlanningScenario.objects.create(agency=agency, year=2026, name="Uji beban", budget_total=2_500_000_000,
                                               time_limit=TIME_LIMIT)
    t = time.perf_counter()
    result = runner.run(scenario, time_limit=TIME_LIMIT)
    total = time.perf_counter() - t
    scenario.refresh_from_db()
    s = scenario.summary
    tm = result["timings"]
    rows = [
        (f"rencana {employees:,} pegawai: total basis data → instans → optimasi → tersimpan", f"{total:.1f} s"),
        ("  baca basis data + kandidat", f"{tm['read']:.1f} s"),
        ("  muat instans", f"{tm['instance']:.1f} s"),
        ("  optimasi (rencana + batas atas)", f"{tm['solve']:.1f} s"),
        ("  simpan item, penugasan, IDP", f"{tm['store']:.1f} s"),
        ("  penugasan · selisih ke batas atas", f"{result['assignments']:,} · {s['gap_percent'] or 0:.2f} %"),
    ]
    admin = User.objects.filter(agency=agency, role=Role.BKPSDM_ADMIN).first()
    if admin is not None:
        client = Client()
        client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
        for label, url in (("halaman RPK", f"/rencana/rpk/{result['plan_id']}/"),
                           ("halaman skenario", f"/rencana/skenario/{scenario.pk}/")):
            client.get(url)  # warm-up (template loading, first-request imports)
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                response = client.get(url)
                elapsed = time.perf_counter() - t
            rows.append((f"{label} (status {response.status_code})",
                         f"{len(ctx.captured_queries)} kueri, {elapsed * 1000:.0f} ms"))
    rows.append(("instansi 25.000 pegawai", "belum diukur (lihat catatan di benchmarks/README.md)"))
    return rows


if __name__ == "__main__":
    import os
    import sys

    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renbang.settings")
    import django

    django.setup()
    for label, figure in run():
        print(f"{label:<80} {figure}")
