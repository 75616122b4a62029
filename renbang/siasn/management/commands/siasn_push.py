"""manage.py siasn_push [--year Y] [--dry-run]: send the year's completed development to SIASN."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from renbang.people.management.commands.import_employees import Command as ImportCommand
from renbang.siasn import push
from renbang.siasn.client import SiasnClient, SiasnError
from renbang.siasn.models import OutboxItem

SHOWN = 30


class Command(BaseCommand):
    help = "Kirim pengembangan kompetensi yang selesai pada tahun itu ke SIASN BKN (riwayat kursus/diklat)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=timezone.localdate().year, help="tahun (bawaan: tahun ini)")
        parser.add_argument("--dry-run", action="store_true", help="hitung yang akan dikirim saja")
        parser.add_argument("--agency", metavar="KODE", help="kode instansi (bawaan: satu-satunya, atau kota-medan)")

    def handle(self, *args, year, dry_run, agency, **options):
        agency_obj = ImportCommand._agency(self, agency)
        try:
            with SiasnClient() as client:
                result = push.push(agency=agency_obj, year=year, client=client, dry_run=dry_run,
                                   progress=lambda p, m: self.stdout.write(f"  {p:3d}% {m}"))
        except SiasnError as exc:
            raise CommandError(str(exc), returncode=1) from None
        if dry_run:
            self.stdout.write(f"Tahun {year}: {result['to_send']} riwayat akan dikirim ({result['created']} baru, "
                              f"{result['changed']} berubah). Uji coba: tidak ada yang ditulis.")
            return
        self.stdout.write(f"Tahun {year}: {result['sent']} terkirim, {result['failed']} gagal "
                          f"(dari {result['to_send']}).")
        for item in OutboxItem.objects.filter(agency=agency_obj, year=year, status="failed").select_related(
                "employee")[:SHOWN]:
            self.stdout.write(f"  ! {item.employee.nip} {item.title}: {item.message}")
        if result["failed"]:
            raise CommandError(f"{result['failed']} riwayat gagal; lihat pesan di atas atau kotak keluar SIASN.",
                               returncode=1)
        self.stdout.write(self.style.SUCCESS("Pengiriman selesai."))
