import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import override_settings

from renbang.core.demo import DEMO_AGENCY_CODE, DEMO_HOOKS, DemoContext, demo_modules


class Command(BaseCommand):
    help = "Muat data demo Pemerintah Kota Medan (deterministik, idempoten)."

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=15_000, help="jumlah pegawai (bawaan 15.000)")
        parser.add_argument("--seed", type=int, default=2026, help="benih acak (bawaan 2026)")
        parser.add_argument("--year", type=int, default=2026, help="tahun demo (bawaan 2026)")
        parser.add_argument("--if-empty", action="store_true", help="lewati jika data demo sudah ada")

    def handle(self, *args, employees, seed, year, if_empty, **options):
        from renbang.org.models import Agency

        if if_empty and Agency.objects.filter(code=DEMO_AGENCY_CODE).exists():
            self.stdout.write("Data demo sudah ada; dilewati.")
            return
        ctx = DemoContext(seed=seed, employees=employees, year=year, log=self.stdout.write)
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            # The demo is throwaway data that a re-run rebuilds: skip SQLite's fsyncs while seeding (on a slow,
            # shared disk they were most of the wall time: the needs step of a 2,000-employee seed went from
            # ~146 s to ~89 s with 4 s of CPU either way). Only this connection, only for this command.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=OFF")
        # Demo invitations and reminders go to fictional people: keep them in memory, never to a mail server
        # (nor to the console, where they buried the seed's own report).
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            self._seed(ctx)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Fresh planner statistics for the tables just filled: without them (autovacuum off, or not yet run)
            # PostgreSQL plans the first hours of queries on empty-table estimates.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS("Data demo Kota Medan siap."))

    def _seed(self, ctx: DemoContext) -> None:
        for hook in DEMO_HOOKS:
            for label, module in demo_modules(hook):
                started = time.perf_counter()
                with transaction.atomic():
                    getattr(module, hook)(ctx)
                self.stdout.write(f"  {label}{'' if hook == 'seed' else ' (akhir)'}: "
                                  f"{time.perf_counter() - started:.1f} s")
