"""manage.py siasn_pull [--nip NIP …] [--all] [--dry-run]: employees and their history from SIASN.

An unfinished pull of the agency (a process killed midway) is resumed from its checkpoint first."""

import time

from django.core.management.base import BaseCommand, CommandError

from renbang.people.management.commands.import_employees import Command as ImportCommand
from renbang.people.models import Employee
from renbang.siasn import pull
from renbang.siasn.client import SiasnClient, SiasnError

SHOWN = 30


class Command(BaseCommand):
    help = "Tarik data utama, riwayat diklat/kursus dan riwayat jabatan pegawai dari SIASN BKN."

    def add_arguments(self, parser):
        parser.add_argument("--nip", nargs="+", action="extend", default=[], help="NIP yang ditarik")
        parser.add_argument("--all", action="store_true", help="semua pegawai aktif instansi di Renbang")
        parser.add_argument("--dry-run", action="store_true", help="hitung perubahan saja, jangan simpan")
        parser.add_argument("--no-units", action="store_true", help="jangan tarik unit organisasi (ref-unor)")
        parser.add_argument("--agency", metavar="KODE", help="kode instansi (bawaan: satu-satunya, atau kota-medan)")

    def handle(self, *args, nip, all, dry_run, no_units, agency, **options):
        agency_obj = ImportCommand._agency(self, agency)
        nips = list(nip)
        if all:
            nips += list(Employee.objects.filter(agency=agency_obj, active=True).order_by("nip")
                         .values_list("nip", flat=True))
        started = time.perf_counter()
        try:
            with SiasnClient() as client:
                if dry_run:
                    if not nips:
                        raise CommandError("Sebutkan --nip NIP … atau --all.", returncode=2)
                    run = pull.dry_run(agency=agency_obj, nips=nips, client=client, with_units=not no_units)
                else:
                    run = pull.unfinished_run(agency_obj)
                    if run is not None:
                        self.stdout.write(f"Melanjutkan penarikan #{run.pk} dari {run.cursor}/{len(run.nips)} "
                                          "pegawai.")
                    elif not nips:
                        raise CommandError("Sebutkan --nip NIP … atau --all.", returncode=2)
                    else:
                        run = pull.start_run(agency=agency_obj, nips=nips, with_units=not no_units)
                    pull.run_pull(run, client, progress=lambda p, m: self.stdout.write(f"  {p:3d}% {m}"))
        except SiasnError as exc:
            raise CommandError(str(exc), returncode=1) from None
        self._report(run, dry_run, time.perf_counter() - started)

    def _report(self, run, dry_run, elapsed):
        t = run.totals
        verb = "akan " if dry_run else ""
        self.stdout.write(
            f"{len(run.nips)} NIP dalam {elapsed:.1f} s: pegawai {verb}dibuat {t.get('created', 0)}, {verb}diperbarui "
            f"{t.get('updated', 0)}, tidak berubah {t.get('unchanged', 0)}; riwayat {verb}dibuat "
            f"{t.get('history_created', 0)}, {verb}diperbarui {t.get('history_updated', 0)}; unit baru "
            f"{t.get('units_created', 0)}; masalah {t.get('problems', 0)}.")
        for change in run.changes[:SHOWN]:
            self.stdout.write(f"  {change['nip']} {change['field']}: {change['old']!r} → {change['new']!r}")
        for problem in run.problems[:SHOWN]:
            self.stdout.write(f"  ! {problem['nip']}: {problem['message']}")
        if dry_run:
            self.stdout.write(self.style.SUCCESS("Uji coba selesai; tidak ada yang ditulis."))
        else:
            self.stdout.write(self.style.SUCCESS("Penarikan selesai."))
