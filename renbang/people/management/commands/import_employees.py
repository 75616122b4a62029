"""manage.py import_employees FILE [--dry-run] [--skip-invalid] [--report OUT.csv] [--agency CODE]
[--full-roster [--force]]

Exit codes: 0 written (or a clean dry run); 1 rows invalid, or a full roster past the share guard without --force,
and nothing written; 2 file refused / bad arguments.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from renbang.core.tabular import TabularError
from renbang.org.models import Agency
from renbang.people.importing import import_employees

DEFAULT_AGENCY = "kota-medan"
SHOWN_ERRORS = 30
SHOWN_MISSING = 30


class Command(BaseCommand):
    help = "Impor roster pegawai dari .xlsx atau .csv (judul kolom Indonesia atau SIASN)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas .xlsx atau .csv")
        parser.add_argument("--dry-run", action="store_true", help="periksa saja, jangan tulis apa pun")
        parser.add_argument("--skip-invalid", action="store_true", help="tulis baris yang valid saja")
        parser.add_argument("--report", metavar="OUT.csv", help="tulis daftar kesalahan per baris ke berkas CSV")
        parser.add_argument("--agency", metavar="KODE", help="kode instansi (bawaan: satu-satunya, atau kota-medan)")
        parser.add_argument("--full-roster", action="store_true",
                            help="berkas ini daftar lengkap pegawai instansi: pegawai aktif yang tidak ada di berkas "
                                 "dinonaktifkan (tidak dihapus), beserta akunnya")
        parser.add_argument("--force", action="store_true",
                            help="dengan --full-roster: nonaktifkan walau melebihi batas porsi pegawai aktif")

    def handle(self, *args, file, dry_run, skip_invalid, report, agency, full_roster, force, **options):
        if force and not full_roster:
            raise CommandError("--force hanya berlaku bersama --full-roster.", returncode=2)
        agency_obj = self._agency(agency)
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas {file} tidak dapat dibaca: {exc.strerror}.", returncode=2) from None
        started = time.perf_counter()
        try:
            result = import_employees(data=data, filename=path.name, agency=agency_obj, dry_run=dry_run,
                                      skip_invalid=skip_invalid, full_roster=full_roster, force=force)
        except TabularError as exc:
            raise CommandError(f"Berkas ditolak: {exc}", returncode=2) from None
        elapsed = time.perf_counter() - started
        if report:
            with open(report, "w", newline="", encoding="utf-8-sig") as stream:
                result.write_csv(stream)
        verb = "akan " if dry_run or not result.written else ""
        self.stdout.write(
            f"{result.total_rows} baris dibaca dalam {elapsed:.1f} s: {verb}dibuat {result.created}, "
            f"{verb}diperbarui {result.updated}, tidak berubah {result.unchanged}, tidak valid {result.invalid_rows}."
        )
        if result.accounts:
            a = result.accounts
            self.stdout.write(f"Akun pengguna: {a['created']} dibuat, {a['updated']} diperbarui, "
                              f"{a['disabled']} dinonaktifkan, {a['enabled']} diaktifkan kembali.")
        if result.full_roster:
            self._missing(result.full_roster, written=result.written)
        for note in result.notes:
            self.stdout.write(f"  · {note}")
        for error in result.errors[:SHOWN_ERRORS]:
            self.stdout.write(f"  baris {error.row}, kolom {error.column}: {error.message}")
        if len(result.errors) > SHOWN_ERRORS:
            more = len(result.errors) - SHOWN_ERRORS
            hint = f" (lihat {report})" if report else " (gunakan --report OUT.csv)"
            self.stdout.write(f"  … dan {more} kesalahan lain{hint}.")
        if result.errors and not result.written:
            raise CommandError(f"{result.invalid_rows} baris tidak valid; tidak ada yang ditulis.", returncode=1)
        roster = result.full_roster
        if roster.get("over_limit") and not roster.get("forced"):
            done = "tidak ada yang ditulis" if not dry_run else "impor sungguhan akan ditolak"
            raise CommandError(f"Daftar lengkap menonaktifkan {roster['missing']} dari {roster['active']} pegawai "
                               f"aktif, melebihi batas {roster['limit']:.0%}; {done}. Periksa berkasnya; bila benar, "
                               "ulangi dengan --force.", returncode=1)
        if result.written:
            self.stdout.write(self.style.SUCCESS("Impor selesai."))
        else:
            self.stdout.write(self.style.SUCCESS("Uji coba selesai: semua baris valid; tidak ada yang ditulis."))

    def _missing(self, roster: dict, *, written: bool) -> None:
        verb = "telah" if written else "akan"
        self.stdout.write(f"Daftar lengkap: {roster['missing']} pegawai tidak ada di berkas dan {verb} dinonaktifkan "
                          f"(dari {roster['active']} pegawai aktif, {roster['share']:.0%}).")
        for person in roster["people"][:SHOWN_MISSING]:
            self.stdout.write(f"  - {person['nip']} {person['name']} ({person['unit'] or '-'})")
        if roster["missing"] > SHOWN_MISSING:
            self.stdout.write(f"  … dan {roster['missing'] - SHOWN_MISSING} pegawai lain.")

    def _agency(self, code: str | None) -> Agency:
        if code:
            agency = Agency.objects.filter(code=code).first()
            if agency is None:
                raise CommandError(f"Instansi dengan kode '{code}' tidak ada.", returncode=2)
            return agency
        agencies = list(Agency.objects.all()[:2])
        if not agencies:
            raise CommandError("Belum ada instansi. Jalankan dulu: manage.py setup_agency --code KODE "
                               "--name \"NAMA INSTANSI\" (atau buka halaman penyiapan awal di peramban).",
                               returncode=2)
        if len(agencies) == 1:
            return agencies[0]
        agency = Agency.objects.filter(code=DEFAULT_AGENCY).first()
        if agency is None:
            codes = ", ".join(Agency.objects.order_by("code").values_list("code", flat=True)[:10])
            raise CommandError(f"Ada beberapa instansi ({codes}): pilih dengan --agency KODE.", returncode=2)
        return agency
