"""Benchmark: accounts for 25,000 employees and activation letters for one OPD of 2,000, both as background jobs.

`run()` returns [(label, figure)] for `make bench`; `python benchmarks/bench_accounts.py [EMPLOYEES] [OPD_SIZE]`
prints them. The employees are built with bulk_create in their own agency `bench-accounts` (not the demo),
removed afterwards. Targets (issue 17): ≤ 60 s each.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time

EMPLOYEES = 25_000
OPD_SIZE = 2_000
OPDS = 40
AGENCY_CODE = "bench-accounts"


def _setup_django() -> None:
    from django.conf import settings

    if not settings.configured:
        sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renbang.settings")
        os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
        import django

        django.setup()


def _build(agency, employees: int, opd_size: int):
    """OPDs with one bidang each; OPD 0 holds `opd_size` employees, the rest are spread over the others."""
    from renbang.org.models import OrgUnit, Position, PositionType, UnitKind
    from renbang.people.models import Employee
    from renbang.people.nip import make_nip

    opds = [OrgUnit.objects.create(agency=agency, name=f"Dinas Bench Akun {i:02d}", kind=UnitKind.OFFICE)
            for i in range(OPDS)]
    fields = [OrgUnit.objects.create(agency=agency, name=f"Bidang {opd.name}", kind=UnitKind.FIELD, parent=opd)
              for opd in opds]
    position = Position.objects.create(agency=agency, name="Pengolah Data Bench Akun",
                                       position_type=PositionType.EXECUTIVE)
    taken = set(Employee.objects.values_list("nip", flat=True))
    rows, n = [], 0
    while len(rows) < employees:
        birth = dt.date(1966, 1, 1) + dt.timedelta(days=(n * 17) % 12500)
        sex = "L" if n % 2 else "P"
        nip = make_nip(birth, (birth.year + 25, 1 + n % 12), sex, (n * 7) % 1000)
        n += 1
        if nip in taken:
            continue
        taken.add(nip)
        i = len(rows)
        opd = 0 if i < opd_size else 1 + i % (OPDS - 1)
        rows.append(Employee(agency=agency, nip=nip, name=f"Pegawai Bench Akun {i}", sex=sex, birth_date=birth,
                             rank="III/a", unit=fields[opd] if i % 3 else opds[opd], position=position,
                             email=f"akun{i}@bench.go.id" if i % 4 else ""))
    Employee.objects.bulk_create(rows, batch_size=2000)
    return opds[0]


def _cleanup(agency) -> None:
    from renbang.accounts.models import User
    from renbang.org.models import OrgUnit, Position
    from renbang.people.models import Employee

    User.objects.filter(agency=agency).delete()  # their activations go with them
    Employee.objects.filter(agency=agency).delete()
    Position.objects.filter(agency=agency).delete()
    OrgUnit.objects.filter(agency=agency, parent__isnull=False).delete()
    OrgUnit.objects.filter(agency=agency).delete()
    agency.delete()


def _job(kind: str, function: str, user, agency, params: dict):
    from renbang.core.jobs import start_job
    from renbang.core.models import Job

    started, cpu = time.perf_counter(), time.process_time()
    job = start_job(kind=kind, function_path=function, params=params, user=user, agency=agency)  # runs inline
    job = Job.objects.get(pk=job.pk)
    if job.status != "done":
        raise RuntimeError(f"job {kind} ended {job.status}: {job.message}")
    return job, time.perf_counter() - started, time.process_time() - cpu


def run(employees: int = EMPLOYEES, opd_size: int = OPD_SIZE) -> list[tuple[str, str]]:
    _setup_django()
    from django.db import connection

    from renbang.accounts import jobs
    from renbang.accounts.models import Role, User
    from renbang.org.models import Agency

    leftover = Agency.objects.filter(code=AGENCY_CODE).first()
    if leftover is not None:
        _cleanup(leftover)
    agency = Agency.objects.create(code=AGENCY_CODE, name="Instansi Benchmark Akun")
    figures = []
    try:
        started = time.perf_counter()
        opd = _build(agency, employees, opd_size)
        built = time.perf_counter() - started
        figures.append((f"accounts: build {employees:,} employees (bulk_create)", f"{built:.1f} s"))
        admin = User.objects.create(username="bench-accounts-admin", agency=agency, role=Role.BKPSDM_ADMIN)
        for label in ("create", "re-run (unchanged)"):
            job, wall, cpu = _job(jobs.CREATE_KIND, "renbang.accounts.jobs.create_accounts", admin, agency, {})
            a = job.result["accounts"]
            figures.append((f"accounts for {employees:,} employees, job, {label} ({connection.vendor})",
                            f"{wall:.1f} s (app CPU {cpu:.1f} s; created {a['created']}, updated {a['updated']}, "
                            f"unchanged {a['unchanged']}; target ≤ 60 s)"))
        filters = {"unit": opd.pk, "email": "", "state": "not_activated", "q": ""}
        job, wall, cpu = _job(jobs.LETTERS_KIND, "renbang.accounts.jobs.activation_letters", admin, agency,
                              {"filters": filters, "base_url": "https://renbang.example.go.id/"})
        size = len(jobs.LETTERS.load(job.result["file"]) or b"")
        jobs.LETTERS.delete(job.result["file"])
        figures.append((f"activation letters, one OPD of {job.result['count']:,} employees, job ({connection.vendor})",
                        f"{wall:.1f} s (app CPU {cpu:.1f} s; PDF {size / 1048576:.1f} MB; target ≤ 60 s)"))
    finally:
        _cleanup(agency)
    return figures


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    for label, figure in run(*args):
        print(f"{label}: {figure}")
