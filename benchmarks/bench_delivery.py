"""Benchmark of delivery: the JP ledger for 15,000–25,000 employees (completed sessions, verified claims,
mentoring logs), and the query counts and times of the calendar events and the at-risk (compliance) page.

Run alone: `DATABASE_URL=postgres://... .venv/bin/python benchmarks/bench_delivery.py [employees]`.
Works in a throw-away test database (never the one a concurrent test run uses).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from decimal import Decimal

EMPLOYEES = 25_000
SESSIONS = 600  # about 50 a month: routine sessions and intakes of an agency of this size


def build(n: int):
    """A synthetic agency: 30 OPDs × 6 units, n employees (20 % PPPK), SESSIONS one-day sessions of the year
    each with 30 participants (90 % completed), n/10 verified claims and n/5 mentoring logs. Bulk inserts."""
    import numpy as np

    from renbang.accounts.models import Role, User
    from renbang.catalog.models import Method, Programme
    from renbang.delivery.models import Attendance, Enrolment, ExternalClaim, Session, SessionDay
    from renbang.mentoring.models import Log, MentoringProgramme, Pair
    from renbang.org.models import Agency, OrgUnit, Position
    from renbang.people.models import Employee

    rng = np.random.default_rng(11)
    year = dt.date.today().year
    agency = Agency.objects.create(code="bench-delivery", name="Instansi Uji Beban Pelaksanaan")
    units = []
    for i in range(30):
        opd = OrgUnit.objects.create(agency=agency, name=f"Dinas {i:02d}", kind="dinas")
        units += [OrgUnit.objects.create(agency=agency, name=f"Bidang {i:02d}-{j}", kind="bidang", parent=opd)
                  for j in range(5)]
        units.append(opd)
    position = Position.objects.create(agency=agency, name="Pelaksana Uji", position_type="pelaksana")
    employees = Employee.objects.bulk_create([
        Employee(agency=agency, nip=f"9{i:017d}", name=f"Pegawai {i}", sex="L", birth_date=dt.date(1985, 1, 1),
                 unit=units[i % len(units)], position=position, status="pppk" if i % 5 == 0 else "pns")
        for i in range(n)], batch_size=5000)
    ids = np.array([e.pk for e in employees])
    method = Method.objects.get(agency=None, code="KL-TEK")
    programme = Programme.objects.create(agency=agency, code="B-1", title="Pelatihan Uji", method=method, jp=8)
    days = [dt.date(year, 1, 2) + dt.timedelta(days=int(d)) for d in rng.integers(0, 330, SESSIONS)]
    sessions = Session.objects.bulk_create([
        Session(agency=agency, programme=programme, start_date=d, end_date=d, capacity=30, jp=Decimal(8),
                status=Session.Status.COMPLETED if d < dt.date.today() else Session.Status.SCHEDULED,
                checkin_code="ABCDEF") for d in days], batch_size=2000)
    session_days = SessionDay.objects.bulk_create([SessionDay(session=s, date=s.start_date) for s in sessions])
    enrolments = []
    for s in sessions:
        done = s.status == Session.Status.COMPLETED
        for pk in rng.choice(ids, 30, replace=False):
            completed = done and rng.random() < 0.9
            enrolments.append(Enrolment(session=s, employee_id=int(pk), status=Enrolment.Status.CONFIRMED,
                                        completed=completed, jp=Decimal(8) if completed else Decimal(0)))
    Enrolment.objects.bulk_create(enrolments, batch_size=5000)
    day_of = {d.session_id: d for d in session_days}
    Attendance.objects.bulk_create([Attendance(enrolment=e, day=day_of[e.session_id],
                                               status="present" if e.completed else "absent")
                                    for e in enrolments if e.session.status == Session.Status.COMPLETED],
                                   batch_size=5000)
    ExternalClaim.objects.bulk_create([
        ExternalClaim(employee_id=int(pk), title="Webinar", provider_name="LAN", start_date=dt.date(year, 3, 1),
                      end_date=dt.date(year, 3, 1), jp=Decimal(4), file="x.pdf", status="verified")
        for pk in rng.choice(ids, n // 10, replace=False)], batch_size=5000)
    mentoring = MentoringProgramme.objects.create(agency=agency, title="Mentoring Uji", method=method,
                                                  start_date=dt.date(year, 1, 1), end_date=dt.date(year, 12, 31))
    mentors = ids[: max(1, n // 50)]
    pairs = Pair.objects.bulk_create([Pair(programme=mentoring, mentor_id=int(mentors[i % len(mentors)]),
                                           mentee_id=int(pk)) for i, pk in enumerate(ids[n // 50: n // 50 + n // 5])],
                                     batch_size=5000)
    Log.objects.bulk_create([Log(pair=p, date=dt.date(year, 4, 1), topic="Bimbingan", duration_minutes=90, jp=2)
                             for p in pairs], batch_size=5000)
    admin = User.objects.create(username="bench-delivery-admin", agency=agency, role=Role.BKPSDM_ADMIN)
    return agency, admin, year, len(enrolments)


def run(employees: int = EMPLOYEES) -> list[tuple[str, str]]:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment

    from renbang.delivery import ledger

    old_name = connection.settings_dict["NAME"]
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"bench_delivery_{os.getpid()}" if \
        connection.vendor != "sqlite" else None
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    figures: list[tuple[str, str]] = []
    vendor = connection.vendor
    try:
        started = time.perf_counter()
        agency, admin, year, n_enrolments = build(employees)
        figures.append((f"delivery: synthetic data, {employees:,} employees, {SESSIONS} sessions, "
                        f"{n_enrolments:,} enrolments ({vendor})", f"{time.perf_counter() - started:.1f} s"))
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                led = ledger.jp_ledger(agency, year)
            timings.append(time.perf_counter() - started)
        figures.append((f"delivery: JP ledger, {len(led.employee_ids):,} employees (median of 3, "
                        f"{len(queries)} queries)", f"{sorted(timings)[1]:.2f} s"))
        figures.append(("delivery: compliant / at risk / PPPK over 24 JP",
                        f"{int((led.subject & led.compliant).sum()):,} / {int(led.at_risk.sum()):,} / "
                        f"{int(led.pppk_over.sum()):,}"))
        client = Client()
        client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
        pages = [("compliance (at-risk) page", f"/pelaksanaan/kepatuhan-jp/?tahun={year}"),
                 ("at-risk Excel export", f"/pelaksanaan/kepatuhan-jp/?tahun={year}&format=xlsx"),
                 ("calendar events, one month", f"/pelaksanaan/kalender/acara/?start={year}-03-01&end={year}-04-01"),
                 ("session list", f"/pelaksanaan/sesi/?tahun={year}")]
        for label, url in pages:
            client.get(url)  # warm
            reset_queries()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            figures.append((f"delivery: {label} ({len(queries)} queries)",
                            f"{(time.perf_counter() - started) * 1000:.0f} ms"))
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
        print(f"{label:<80} {value}")
