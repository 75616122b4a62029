"""Benchmark of the needs analysis: gaps and priorities for 25,000 employees, and the heatmap page.

Builds a synthetic agency in a throw-away test database (never the database DATABASE_URL names itself),
then times: closing a campaign (current levels), the bulk read + numpy maths of gaps/JPM/priorities (target
≤ 2 s on PostgreSQL), the bulk write of the Need rows (reported apart), and the heatmap page as an admin.

Run alone: `DATABASE_URL=postgres://... .venv/bin/python benchmarks/bench_needs.py [employees]`.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time

EMPLOYEES = 25_000


def build(n: int):
    """A synthetic agency: 30 OPDs × 6 units, 12 positions on 3 ladders, 9 competencies, n employees with
    self and supervisor ratings and an SKP predicate. Bulk inserts only (fast, no per-row validation)."""
    import numpy as np

    from renbang.accounts.models import Role, User
    from renbang.competencies.models import Competency, Level, PositionStandard
    from renbang.needs.models import Assessment, AssessmentScore, Campaign
    from renbang.org.models import Agency, OrgUnit, Position
    from renbang.people.models import Employee, PerformanceRecord

    rng = np.random.default_rng(7)
    agency = Agency.objects.create(code="bench", name="Instansi Uji Beban")
    units = []
    for i in range(30):
        opd = OrgUnit.objects.create(agency=agency, name=f"Dinas {i:02d}", kind="dinas")
        units += [OrgUnit.objects.create(agency=agency, name=f"Bidang {i:02d}-{j}", kind="bidang", parent=opd)
                  for j in range(5)]
        units.append(opd)
    ladder = [("pelaksana", ""), ("pengawas", ""), ("administrator", ""), ("jpt", "pratama")]
    positions = []
    for family in range(3):
        prev = None
        for k, (ptype, level) in enumerate(ladder):
            pos = Position.objects.create(agency=agency, name=f"Jabatan {family}-{k}", position_type=ptype, level=level)
            if prev:
                prev.next_positions.add(pos)
            positions.append((pos, k + 1))
            prev = pos
    comps = [Competency.objects.create(code=f"B.{i}", name=f"Kompetensi {i}", competency_type="manajerial",
                                       agency=agency) for i in range(9)]
    Level.objects.bulk_create([Level(competency=c, level=k, description="-") for c in comps for k in range(1, 6)])
    PositionStandard.objects.bulk_create([PositionStandard(position=p, competency=c, required_level=min(lvl, 5))
                                          for p, lvl in positions for c in comps])
    weights = np.array([0.7, 0.2, 0.08, 0.02])
    emp_rows = []
    for i in range(n):
        rank = int(rng.choice(4, p=weights))
        pos, _lvl = positions[int(rng.integers(0, 3)) * 4 + rank]
        emp_rows.append(Employee(agency=agency, nip=f"{i:018d}", name=f"Pegawai {i}", sex="L",
                                 birth_date=dt.date(1980, 1, 1), unit=units[i % len(units)], position=pos))
    employees = Employee.objects.bulk_create(emp_rows, batch_size=5000)
    heads = [e for e in employees if e.position.position_type != "pelaksana"]
    for i, e in enumerate(employees):
        if e.position.position_type == "pelaksana" and heads:
            e.supervisor_id = heads[i % len(heads)].pk
    Employee.objects.bulk_update(employees, ["supervisor"], batch_size=5000)
    PerformanceRecord.objects.bulk_create([
        PerformanceRecord(employee=e, year=2025, predicate=str(rng.choice(
            ["sangat_baik", "baik", "baik", "baik", "butuh_perbaikan"]))) for e in employees], batch_size=5000)
    campaign = Campaign.objects.create(agency=agency, name="Uji", year=2026, period_start=dt.date(2026, 1, 5),
                                       period_end=dt.date(2026, 1, 30), status="closed")
    rows = []
    for e in employees:
        rows.append(Assessment(campaign=campaign, employee=e, assessor=e, source="self", status="submitted"))
        rows.append(Assessment(campaign=campaign, employee=e, assessor_id=e.supervisor_id, source="supervisor",
                               status="submitted"))
    created = Assessment.objects.bulk_create(rows, batch_size=5000)
    levels = rng.integers(1, 6, size=(len(created), len(comps)))
    AssessmentScore.objects.bulk_create([
        AssessmentScore(assessment_id=a.pk, competency=c, level=int(levels[i, k]))
        for i, a in enumerate(created) for k, c in enumerate(comps)], batch_size=10000)
    admin = User.objects.create(username="bench-admin", agency=agency, role=Role.BKPSDM_ADMIN)
    return campaign, admin


def run(employees: int = EMPLOYEES) -> list[tuple[str, str]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment
    from django.urls import reverse

    from renbang.needs import compute

    old_name = connection.settings_dict["NAME"]
    # Our own throw-away database name: never the one a concurrent test run (test_<name>) is using.
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"bench_needs_{os.getpid()}" if \
        connection.vendor != "sqlite" else None
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    figures: list[tuple[str, str]] = []
    vendor = connection.vendor
    try:
        started = time.perf_counter()
        campaign, admin = build(employees)
        figures.append((f"needs: synthetic data, {employees:,} employees ({vendor})",
                        f"{time.perf_counter() - started:.1f} s"))
        started = time.perf_counter()
        levels = compute.compute_current_levels(campaign)
        figures.append((f"needs: current levels at close ({levels:,} rows, incl. write)",
                        f"{time.perf_counter() - started:.2f} s"))
        started = time.perf_counter()
        inputs = compute.load_inputs(campaign)
        read = time.perf_counter() - started
        started = time.perf_counter()
        results = compute.compute(inputs)
        maths = time.perf_counter() - started
        figures.append(("needs: gaps + JPM + priorities, bulk read", f"{read:.2f} s"))
        figures.append(("needs: gaps + JPM + priorities, numpy maths", f"{maths:.3f} s"))
        figures.append(("needs: read + maths (target ≤ 2 s on PostgreSQL)", f"{read + maths:.2f} s"))
        started = time.perf_counter()
        written = compute.write_results(campaign, inputs, results)
        figures.append((f"needs: write {written:,} Need rows + JobMatch (separate)",
                        f"{time.perf_counter() - started:.2f} s"))
        from renbang.needs.models import Campaign

        Campaign.objects.filter(pk=campaign.pk).update(computed_at=dt.datetime.now(dt.UTC))
        client = Client()
        client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
        url = reverse("needs:results")
        client.get(url)  # warm
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
            assert response.status_code == 200
        timings.sort()
        figures.append(("needs: heatmap page (median of 5)", f"{timings[2] * 1000:.0f} ms"))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    return figures


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renbang.settings")
    os.environ.setdefault("RENBANG_TESTING", "true")
    import django

    django.setup()
    for label, value in run(int(sys.argv[1]) if len(sys.argv) > 1 else EMPLOYEES):
        print(f"{label:<62} {value}")
