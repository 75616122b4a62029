"""Benchmark: the SIASN connector against the fake SIASN on loopback, at an unlimited request rate.

- pull of 25,000 employees (data utama + riwayat diklat + riwayat kursus + riwayat jabatan, ref-unor) into an
  empty agency, then a second pull (everything unchanged);
- push of 10,000 verified claims (kursus save + certificate PDF upload each);
and what the request counts mean at a realistic rate (SIASN_RATE, e.g. 5 requests per second: BKN publishes no
limit). `python benchmarks/bench_siasn.py [EMPLOYEES] [RECORDS]` prints the figures. Own agency, removed after.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time

EMPLOYEES, RECORDS = 25_000, 10_000
AGENCY_CODE = "bench-siasn"
RATES = (5, 10)


def _setup_django() -> None:
    from django.conf import settings

    if not settings.configured:
        sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renbang.settings")
        import django

        django.setup()


def _note(figures: list, label: str, figure: str) -> None:
    figures.append((label, figure))
    print(f"  … {label}: {figure}", file=sys.stderr, flush=True)  # a long benchmark shows its figures as it goes


def _at(requests: int) -> str:
    return ", ".join(f"{requests / rate / 3600:.1f} h at {rate}/s" for rate in RATES)


def _cleanup(agency) -> None:
    from renbang.delivery.models import ExternalClaim
    from renbang.org.models import OrgUnit, Position
    from renbang.people.models import Employee

    ExternalClaim.objects.filter(employee__agency=agency).delete()
    Employee.objects.filter(agency=agency).update(supervisor=None)
    Employee.objects.filter(agency=agency).delete()
    Position.objects.filter(agency=agency).delete()
    while OrgUnit.objects.filter(agency=agency).exists():
        OrgUnit.objects.filter(agency=agency, children__isnull=True).delete()
    agency.delete()


def _claims(agency, records: int) -> int:
    """`records` verified claims of this year with one small PDF each (the certificate to upload)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from renbang.delivery.models import ExternalClaim
    from renbang.people.models import Employee

    name = default_storage.save("bench/siasn-certificate.pdf", ContentFile(b"%PDF-1.4\n% bench certificate\n"))
    year = dt.date.today().year
    employees = list(Employee.objects.filter(agency=agency).order_by("pk").values_list("pk", flat=True))
    ExternalClaim.objects.bulk_create([ExternalClaim(
        employee_id=employees[n % len(employees)], title=f"Pelatihan Teknis Bench {n}", provider_name="BPSDM",
        start_date=dt.date(year, 1 + n % 12, 1), end_date=dt.date(year, 1 + n % 12, 2), jp=8, file=name,
        file_type="application/pdf", file_size=30, status=ExternalClaim.Status.VERIFIED,
        certificate_number=f"B-{n}") for n in range(records)], batch_size=2000)
    return year


def run(employees: int = EMPLOYEES, records: int = RECORDS) -> list[tuple[str, str]]:
    _setup_django()
    from django.conf import settings
    from django.db import connection

    from renbang.org.models import Agency
    from renbang.siasn import pull, push, sample
    from renbang.siasn.client import SiasnClient, SiasnConfig
    from renbang.siasn.fake import FakeSiasn

    leftover = Agency.objects.filter(code=AGENCY_CODE).first()
    if leftover is not None:
        _cleanup(leftover)
    agency = Agency.objects.create(code=AGENCY_CODE, name="Instansi Benchmark SIASN")
    fake = FakeSiasn(seed=1).start()
    saved = getattr(settings, "SIASN", {})
    settings.SIASN = fake.settings(RATE=0.0)
    figures = []
    try:
        people = sample.generated(employees, seed=2)
        for data, diklat, kursus in people:
            fake.add_pns(data, diklat=diklat, kursus=kursus)
        fake.unor = [{"Id": "u-kominfo", "NamaUnor": "Dinas Kominfo", "DiatasanId": None}]
        nips = [p[0]["nipBaru"] for p in people]
        history = sum(len(p[1]) + len(p[2]) for p in people)
        for label in ("first pull (all new)", "second pull (unchanged)"):
            started = time.perf_counter()
            with SiasnClient(SiasnConfig.from_settings()) as client:
                run_ = pull.run_pull(pull.start_run(agency=agency, nips=nips), client)
                requests = client.requests
            elapsed = time.perf_counter() - started
            t = run_.totals
            _note(figures, f"siasn pull {employees:,} employees, {label} ({connection.vendor})",
                  f"{elapsed:.0f} s ({employees / elapsed:.0f} employees/s; {requests:,} requests; created "
                  f"{t.get('created', 0)}, unchanged {t.get('unchanged', 0)}, history +"
                  f"{t.get('history_created', 0)} of {history}, problems {t.get('problems', 0)})")
        _note(figures, f"siasn pull {employees:,} employees at a realistic rate", _at(requests))
        year = _claims(agency, records)
        started = time.perf_counter()
        with SiasnClient(SiasnConfig.from_settings()) as client:
            result = push.push(agency=agency, year=year, client=client)
            requests = client.requests
        elapsed = time.perf_counter() - started
        _note(figures, f"siasn push {records:,} records with certificate ({connection.vendor})",
              f"{elapsed:.0f} s ({records / elapsed:.0f} records/s; {requests:,} requests; sent "
              f"{result['sent']}, failed {result['failed']})")
        _note(figures, f"siasn push {records:,} records at a realistic rate", _at(requests))
    finally:
        fake.stop()
        settings.SIASN = saved
        _cleanup(agency)
    return figures


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    for label, figure in run(*args):
        print(f"{label}: {figure}")
