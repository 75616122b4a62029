"""Benchmark of planning: database → instance → solve → stored plan, each phase timed, and the plan pages' queries.

Two agencies: the Kota Medan demo of the bench database (15,000 employees; bench_seed runs first in `make bench`,
seeded here if missing) and a synthetic 25,000-employee agency built here with bulk inserts (its needs are written
as a closed campaign's Need rows, the shape the adapter reads: about 9 gaps per employee over 30 competencies,
150 programmes with level ranges and some restricted to position types, two thirds with scheduled sessions).
Run alone: `.venv/bin/python benchmarks/run.py plans`.
"""

from __future__ import annotations

import time

TIME_LIMIT = 30
LARGE = 25_000
LARGE_CODE = "bench-plans"


def build_large(n: int = LARGE):
    """The synthetic agency (reused when it exists): 30 OPDs × 6 units, 12 positions on 3 ladders, 20 % PPPK."""
    import datetime as dt
    from decimal import Decimal

    import numpy as np
    from django.utils import timezone

    from renbang.accounts.models import Role, User
    from renbang.catalog.models import Method, PlannedSession, Programme, ProgrammeCompetency, ProgrammeEligibility
    from renbang.competencies.models import Competency
    from renbang.needs.models import Campaign, Need
    from renbang.org.models import Agency, OrgUnit, Position
    from renbang.people.models import Employee

    agency = Agency.objects.filter(code=LARGE_CODE).first()
    if agency is not None and Employee.objects.filter(agency=agency).count() >= n:
        return agency
    rng = np.random.default_rng(25)
    agency = Agency.objects.create(code=LARGE_CODE, name="Instansi Uji Beban Perencanaan")
    units = []
    for i in range(30):
        opd = OrgUnit.objects.create(agency=agency, name=f"Dinas {i:02d}", kind="dinas")
        units += [OrgUnit.objects.create(agency=agency, name=f"Bidang {i:02d}-{j}", kind="bidang", parent=opd)
                  for j in range(5)]
        units.append(opd)
    types = ["pelaksana", "pengawas", "administrator", "jpt"]
    positions = [Position.objects.create(agency=agency, name=f"Jabatan {f}-{k}", position_type=t,
                                         level="pratama" if t == "jpt" else "")
                 for f in range(3) for k, t in enumerate(types)]
    comps = [Competency.objects.create(code=f"P.{i}", name=f"Kompetensi {i}", competency_type="teknis",
                                       agency=agency) for i in range(30)]
    share = np.array([0.7, 0.2, 0.08, 0.02])
    rank = rng.choice(4, size=n, p=share)
    emps = Employee.objects.bulk_create([
        Employee(agency=agency, nip=f"25{i:016d}", name=f"Pegawai {i}", sex="L", birth_date=dt.date(1980, 1, 1),
                 unit=units[i % len(units)], position=positions[int(rng.integers(0, 3)) * 4 + int(rank[i])],
                 status="pppk" if rng.random() < 0.2 else "pns")
        for i in range(n)], batch_size=5000)
    campaign = Campaign.objects.create(agency=agency, name="Uji beban", year=2026, status="closed",
                                       period_start=dt.date(2026, 1, 5), period_end=dt.date(2026, 1, 30),
                                       closed_at=timezone.now(), computed_at=timezone.now())
    needs = []
    for e in emps:
        for c in rng.choice(len(comps), size=12, replace=False):
            current = int(rng.integers(1, 5))
            required = int(rng.integers(2, 6))
            gap = max(0, required - current)
            needs.append(Need(campaign=campaign, employee_id=e.pk, unit_id=e.unit_id, competency=comps[int(c)],
                              required=required, current=current, gap=gap, next_required=min(5, required + 1),
                              next_gap=max(0, min(5, required + 1) - current),
                              priority=Decimal(int(rng.integers(10, 100)))))
    Need.objects.bulk_create(needs, batch_size=5000)
    methods = list(Method.objects.filter(agency__isnull=True).order_by("code")[:6])
    for p in range(150):
        low = int(rng.integers(1, 3))
        prog = Programme.objects.create(
            agency=agency, code=f"UB-{p:03d}", title=f"Program uji {p}", method=methods[p % len(methods)],
            jp=int(rng.choice([8, 16, 24, 32, 40])), cost_per_participant=int(rng.integers(5, 50)) * 100_000,
            capacity_per_session=int(rng.integers(25, 41)), min_level=low, max_level=int(rng.integers(low + 1, 6)))
        for c in rng.choice(len(comps), size=int(rng.integers(1, 3)), replace=False):
            ProgrammeCompetency.objects.create(programme=prog, competency=comps[int(c)],
                                               uplift=int(rng.integers(1, 3)))
        if p % 5 == 0:
            ProgrammeEligibility.objects.create(programme=prog, position_type=types[(p // 5) % 3 + 1])
        if p % 3:
            for month in sorted({int(m) for m in rng.choice(range(2, 12), size=2, replace=False)}):
                PlannedSession.objects.create(programme=prog, date=dt.date(2026, month, 10), year=2026, month=month,
                                              capacity=prog.capacity_per_session)
    User.objects.create_user(username="admin.bench-plans", password="x", agency=agency, role=Role.BKPSDM_ADMIN)
    return agency


def run_agency(agency, label: str, budget: int) -> list[tuple[str, str]]:
    """One full run (database → instance → solve → stored plan) and the plan pages' queries as a BKPSDM admin."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from renbang.accounts.models import Role, User
    from renbang.people.models import Employee
    from renbang.plans import runner
    from renbang.plans.models import PlanningScenario

    employees = Employee.objects.filter(agency=agency, active=True).count()
    PlanningScenario.objects.filter(agency=agency, name="Uji beban").delete()
    scenario = PlanningScenario.objects.create(agency=agency, year=2026, name="Uji beban", budget_total=budget,
                                               time_limit=TIME_LIMIT)
    t = time.perf_counter()
    result = runner.run(scenario, time_limit=TIME_LIMIT)
    total = time.perf_counter() - t
    scenario.refresh_from_db()
    s = scenario.summary
    tm = result["timings"]
    rows = [
        (f"{label} {employees:,} pegawai: total basis data → instans → optimasi → tersimpan", f"{total:.1f} s"),
        ("  baca basis data + kandidat", f"{tm['read']:.1f} s"),
        ("  muat instans", f"{tm['instance']:.1f} s"),
        ("  optimasi (rencana + batas atas)", f"{tm['solve']:.1f} s"),
        ("  simpan item, penugasan, IDP", f"{tm['store']:.1f} s"),
        ("  kebutuhan · penugasan · selisih ke batas atas",
         f"{s.get('needs', 0):,} · {result['assignments']:,} · {s['gap_percent'] or 0:.2f} %"),
    ]
    admin = User.objects.filter(agency=agency, role=Role.BKPSDM_ADMIN).first()
    if admin is not None:
        client = Client()
        client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
        for page, url in (("halaman RPK", f"/rencana/rpk/{result['plan_id']}/"),
                          ("halaman skenario", f"/rencana/skenario/{scenario.pk}/")):
            client.get(url)  # warm-up (template loading, first-request imports)
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                response = client.get(url)
                elapsed = time.perf_counter() - t
            rows.append((f"  {page} (status {response.status_code})",
                         f"{len(ctx.captured_queries)} kueri, {elapsed * 1000:.0f} ms"))
    return rows


def run() -> list[tuple[str, str]]:
    import os

    from django.core.management import call_command

    from renbang.org.models import Agency
    from renbang.people.models import Employee

    agency = Agency.objects.filter(code="kota-medan").first()
    if agency is None or not Employee.objects.filter(agency=agency).exists():
        call_command("seed_demo", verbosity=0)
        agency = Agency.objects.get(code="kota-medan")
    load = "beban mesin (1/5/15 menit) " + " / ".join(f"{x:.2f}" for x in os.getloadavg())
    rows = [("sebelum: " + load, "")]
    rows += run_agency(agency, "Kota Medan (demo)", 2_500_000_000)
    t = time.perf_counter()
    large = build_large(LARGE)
    rows.append((f"membangun instansi sintetis {LARGE:,} pegawai (sekali)", f"{time.perf_counter() - t:.1f} s"))
    rows += run_agency(large, "instansi sintetis", 4_200_000_000)
    rows.append(("sesudah: beban mesin (1/5/15 menit) " + " / ".join(f"{x:.2f}" for x in os.getloadavg()), ""))
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
