"""Benchmark: import a 25,000-row roster .xlsx (dry run, real import, re-import) on the current DATABASE_URL.

`run()` returns [(label, figure)] for `make bench`; `python benchmarks/bench_import.py [ROWS]` prints them.
Works in its own agency `bench-import`, removed afterwards.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
import time

ROWS = 25_000
AGENCY_CODE = "bench-import"


def _setup_django() -> None:
    from django.conf import settings

    if not settings.configured:
        sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renbang.settings")
        import django

        django.setup()


def build_xlsx(rows: int = ROWS) -> bytes:
    """A realistic roster: 40 OPDs × bidang, heads of OPD/bidang as supervisors, PNS and PPPK, SIASN-like."""
    from openpyxl import Workbook

    from renbang.people.nip import make_nip

    # A normal (not write-only) workbook, like Excel and SIASN exports: shared strings and a <dimension>.
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Pegawai"
    sheet.append(["NIP", "Nama", "Gelar Belakang", "Jenis Kelamin", "Tanggal Lahir", "Status", "Golongan",
                  "Jabatan", "Unit Kerja", "Unit Induk", "Atasan", "Pendidikan", "Email", "Aktif"])
    functional = ["Analis Kebijakan Ahli Muda", "Guru Ahli Pertama", "Perawat Terampil", "Pranata Komputer Mahir",
                  "Pengolah Data", "Pengadministrasi Perkantoran", "Dokter Ahli Madya"]
    heads: dict[str, str] = {}
    for n in range(rows):
        opd = f"Dinas Bench {n % 40:02d}"
        bidang = f"Bidang {n % 7} {opd}"
        sex = "L" if n % 2 else "P"
        birth = dt.date(1965, 1, 1) + dt.timedelta(days=(n * 13) % 12000)
        pppk = n % 5 == 0
        appointment = (birth.year + 24, 1 + n % 12) if not pppk else (2023, 1)
        # birth dates repeat every 12,000 rows: shift the sequence number of each repetition
        nip = make_nip(birth, appointment, sex, n % 1000 + 333 * (n // 12000))
        if opd not in heads:
            position, unit, supervisor = "Kepala Dinas Bench", opd, ""
            heads[opd] = nip
        elif bidang not in heads:
            position, unit, supervisor = "Kepala Bidang Bench", bidang, heads[opd]
            heads[bidang] = nip
        else:
            position, unit, supervisor = functional[n % len(functional)], bidang, heads[bidang]
        rank = ("IX" if pppk else ["III/a", "III/b", "III/c", "II/c", "IV/a"][n % 5])
        sheet.append([nip, f"Pegawai Bench {n}", "S.Kom." if n % 3 else "", sex, birth, "PPPK" if pppk else "PNS",
                      rank, position, unit, opd if unit != opd else "", supervisor, "S-1",
                      f"pegawai{n}@bench.go.id", "Ya"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cleanup(agency) -> None:
    from renbang.accounts.models import User
    from renbang.org.models import OrgUnit, Position
    from renbang.people.models import Employee

    User.objects.filter(agency=agency).delete()  # the import's accounts (one per employee)
    Employee.objects.filter(agency=agency).update(supervisor=None)
    Employee.objects.filter(agency=agency).delete()
    Position.objects.filter(agency=agency).delete()
    while OrgUnit.objects.filter(agency=agency).exists():  # leaves first (PROTECT-free, but keep the tree sane)
        OrgUnit.objects.filter(agency=agency, children__isnull=True).delete()
    agency.delete()


def run(rows: int = ROWS) -> list[tuple[str, str]]:
    _setup_django()
    from django.db import connection

    from renbang.org.models import Agency
    from renbang.people.importing import import_employees

    started = time.perf_counter()
    data = build_xlsx(rows)
    built = time.perf_counter() - started
    leftover = Agency.objects.filter(code=AGENCY_CODE).first()
    if leftover is not None:
        _cleanup(leftover)
    agency = Agency.objects.create(code=AGENCY_CODE, name="Instansi Benchmark Impor")
    figures = [(f"import: build {rows:,}-row xlsx ({len(data) / 1048576:.1f} MB)", f"{built:.1f} s")]
    from auditlog.models import LogEntry

    from renbang.core import audit

    audit_time = [0.0, 0.0]
    original_log = audit._log

    def timed_log(*args, **kwargs):  # the per-row audit of bulk writes: how much of the import it costs
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return original_log(*args, **kwargs)
        finally:
            audit_time[0] += time.perf_counter() - started
            audit_time[1] += time.process_time() - cpu

    audit._log = timed_log
    try:
        for label, dry_run in (("dry run", True), ("real import", False), ("re-import (unchanged)", False)):
            audit_time[:], entries = [0.0, 0.0], LogEntry.objects.count()
            started, cpu = time.perf_counter(), time.process_time()
            report = import_employees(data=data, filename="bench.xlsx", agency=agency, dry_run=dry_run,
                                      skip_invalid=False)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            if report.errors:
                raise RuntimeError(f"benchmark roster has {len(report.errors)} invalid rows: {report.errors[:3]}")
            figures.append((f"import {rows:,} rows xlsx, {label} ({connection.vendor})",
                            f"{elapsed:.1f} s (app CPU {cpu:.1f} s; created {report.created}, "
                            f"updated {report.updated}, "
                            f"unchanged {report.unchanged}; per-row audit {LogEntry.objects.count() - entries} "
                            f"entries in {audit_time[0]:.1f} s, CPU {audit_time[1]:.1f} s)"))
    finally:
        audit._log = original_log
        _cleanup(agency)
    return figures


if __name__ == "__main__":
    for label, figure in run(int(sys.argv[1]) if len(sys.argv) > 1 else ROWS):
        print(f"{label}: {figure}")
