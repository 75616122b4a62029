import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from renbang.core.tabular import TabularError


class Command(BaseCommand):
    help = "Impor hasil assessment center (xlsx/csv: NIP, kode kompetensi, level, tanggal, asesor)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas .xlsx atau .csv")
        parser.add_argument("--agency", default="kota-medan", help="kode instansi (bawaan kota-medan)")
        parser.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
        parser.add_argument("--skip-invalid", action="store_true", help="simpan baris yang benar saja")
        parser.add_argument("--report", help="tulis daftar kesalahan ke berkas CSV ini")

    def handle(self, *args, file, agency, dry_run, skip_invalid, report, **options):
        from renbang.needs.imports import import_assessments
        from renbang.org.models import Agency

        found = Agency.objects.filter(code=agency).first()
        if found is None:
            raise CommandError(f"Instansi '{agency}' tidak ditemukan.")
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas tidak dapat dibaca: {exc.strerror}.") from None
        try:
            result = import_assessments(data, file, agency=found, dry_run=dry_run, skip_invalid=skip_invalid)
        except TabularError as exc:
            raise CommandError(str(exc)) from None
        if report:
            with open(report, "w", newline="", encoding="utf-8") as stream:
                result.write_csv(stream)
        self.stdout.write(f"Baris: {result.total_rows}; baru: {result.created}; diubah: {result.updated}; "
                          f"tetap: {result.unchanged}; dilewati: {result.skipped}; salah: {result.invalid_rows}.")
        for error in result.errors[:20]:
            self.stdout.write(f"  baris {error.row} [{error.column}]: {error.message}")
        if result.written:
            self.stdout.write(self.style.SUCCESS("Hasil assessment center tersimpan."))
        elif dry_run and not result.errors:
            self.stdout.write("Pemeriksaan selesai; tidak ada yang disimpan (--dry-run).")
        else:
            self.stdout.write(self.style.ERROR("Tidak ada yang disimpan."))
        if result.errors and not (skip_invalid and result.written):
            sys.exit(1)
