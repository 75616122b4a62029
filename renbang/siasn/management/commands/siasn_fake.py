"""manage.py siasn_fake [--port 8765]: a fake SIASN on loopback for the demo (`make run` starts it), holding the
data utama and some training history of the database's employees, so that the pull and the outbox work without
BKN credentials. Test equipment: never point production at it."""

import random
import threading

from django.core.management.base import BaseCommand

from renbang.org.models import OrgUnit
from renbang.people.models import Employee
from renbang.siasn import sample
from renbang.siasn.fake import API_PREFIX, FakeSiasn


class Command(BaseCommand):
    help = "Jalankan SIASN tiruan di 127.0.0.1 (demo dan pengujian), berisi pegawai basis data ini."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--error-rate", type=float, default=0.0, help="peluang jawaban 5xx acak (0–1)")
        parser.add_argument("--year", type=int, default=None, help="tahun riwayat kursus contoh")

    def handle(self, *args, port, error_rate, year, **options):
        from django.utils import timezone

        fake = FakeSiasn(error_rate=error_rate, seed=1)
        year = year or timezone.localdate().year
        rng = random.Random(1)  # noqa: S311 - demo data
        employees = Employee.objects.filter(active=True).select_related("unit__parent", "position")
        count = 0
        for employee in employees.iterator(chunk_size=2000):
            kursus = sample.kursus_items(employee.nip, rng, year, rng.choice((0, 0, 1, 2)))
            fake.add_pns(sample.data_utama_of(employee), kursus=kursus)
            count += 1
        fake.unor = [{"Id": f"unor-{pk}", "NamaUnor": name, "DiatasanId": f"unor-{parent}" if parent else None}
                     for pk, name, parent in OrgUnit.objects.values_list("pk", "name", "parent_id")]
        fake.start(port=port)
        self.stdout.write(f"SIASN tiruan di {fake.url}{API_PREFIX} ({count} pegawai, {len(fake.unor)} unor). "
                          "Ctrl+C berhenti.")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
        finally:
            fake.stop()
