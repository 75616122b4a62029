"""`manage.py retirement_outlook --years 5 --json OUT`: every active employee of the agency with NIP, BUP age and
retirement date (ISO), plus the outlook's counts, so the numbers can be checked outside the app (issue 21)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from renbang.org.models import Agency
from renbang.people.models import Employee
from renbang.talent import outlook, retirement


class Command(BaseCommand):
    help = "Tulis BUP dan TMT pensiun setiap pegawai aktif serta proyeksi pensiun N tahun ke depan."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--json", dest="json_path", required=True)
        parser.add_argument("--agency", help="Kode instansi (bawaan: satu-satunya instansi).")

    def handle(self, *args, years: int, json_path: str, agency: str | None = None, **options) -> None:
        if not 1 <= years <= 40:
            raise CommandError("--years harus 1 sampai 40.")
        agencies = Agency.objects.filter(code=agency) if agency else Agency.objects.all()
        if agencies.count() != 1:
            raise CommandError("Sebutkan --agency KODE (instansi tidak ditemukan atau lebih dari satu).")
        chosen = agencies.get()
        ret = outlook.retirements(chosen.pk)
        nips = dict(Employee.objects.filter(agency=chosen, active=True).values_list("pk", "nip"))
        dates = ret.date.astype(object).tolist()
        employees = [{"nip": nips[e], "bup_age": b or None, "retirement_date": d.isoformat() if d else None,
                      "source": retirement.SOURCE_LABELS[s]}
                     for e, b, d, s in zip(ret.employee_ids.tolist(), ret.bup_age.tolist(), dates,
                                           ret.source.tolist(), strict=True)]
        summary = outlook.outlook(chosen.pk, years=years)
        data = {"agency": chosen.code, "years": years, "start": summary["start"].isoformat(),
                "leaving": summary["total"], "by_year": summary["by_year"], "employees": employees}
        try:
            Path(json_path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Tidak dapat menulis {json_path}: {exc}") from exc
        self.stdout.write(f"{len(employees)} pegawai aktif; {summary['total']} pensiun dalam {years} tahun -> "
                          f"{json_path}")
