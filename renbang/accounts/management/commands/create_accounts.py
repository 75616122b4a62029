"""manage.py create_accounts [--agency CODE] [--unit ID] [--dry-run]

One account per employee already in the database (the roster import does the same for the employees it reads):
username = NIP, no usable password (activation by letter or e-mail), disabled for inactive employees.
Exit codes: 0 done (or a dry run); 2 bad arguments.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from renbang.accounts.provisioning import provision_accounts
from renbang.org.models import Agency, OrgUnit
from renbang.people.models import Employee


class Command(BaseCommand):
    help = "Buat atau perbarui akun pengguna untuk setiap pegawai (nama pengguna = NIP, tanpa kata sandi)."

    def add_arguments(self, parser):
        parser.add_argument("--agency", metavar="KODE", help="kode instansi (bawaan: satu-satunya instansi)")
        parser.add_argument("--unit", metavar="ID", type=int, help="hanya pegawai unit ini beserta unit di bawahnya")
        parser.add_argument("--dry-run", action="store_true", help="hitung saja, jangan tulis apa pun")

    def handle(self, *args, agency, unit, dry_run, **options):
        agency_obj = self._agency(agency)
        employees = Employee.objects.filter(agency=agency_obj)
        if unit is not None:
            if not OrgUnit.objects.filter(pk=unit, agency=agency_obj).exists():
                raise CommandError(f"Unit {unit} tidak ada di instansi {agency_obj.code}.", returncode=2)
            employees = employees.filter(unit__in=OrgUnit.objects.descendants(unit, include_self=True).values("pk"))
        started = time.perf_counter()
        report = provision_accounts(employee_ids=employees.values_list("pk", flat=True), dry_run=dry_run)
        verb = "akan " if dry_run else ""
        self.stdout.write(
            f"Akun pengguna ({time.perf_counter() - started:.1f} s): {verb}dibuat {report.created}, "
            f"{verb}diperbarui {report.updated}, {verb}dinonaktifkan {report.disabled}, "
            f"{verb}diaktifkan kembali {report.enabled}, tidak berubah {report.unchanged}, "
            f"pegawai tidak aktif tanpa akun {report.skipped_inactive}.")
        if report.collisions:
            self.stdout.write(f"  · {len(report.collisions)} akun tidak dibuat: nama pengguna (NIP) sudah dipakai "
                              "pengguna lain: " + ", ".join(report.collisions[:30])
                              + (" …" if len(report.collisions) > 30 else ""))
        self.stdout.write(self.style.SUCCESS("Uji coba selesai: tidak ada yang ditulis." if dry_run else "Selesai."))

    def _agency(self, code: str | None) -> Agency:
        if code:
            agency = Agency.objects.filter(code=code).first()
            if agency is None:
                raise CommandError(f"Instansi dengan kode '{code}' tidak ada.", returncode=2)
            return agency
        agencies = list(Agency.objects.all()[:2])
        if len(agencies) != 1:
            raise CommandError("Pilih instansi dengan --agency KODE.", returncode=2)
        return agencies[0]
