from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


class Command(BaseCommand):
    help = "Periksa kesehatan instalasi: basis data, migrasi, antrean pekerjaan latar."

    def handle(self, *args, **options):
        problems = []
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception as exc:  # report, don't crash: this runs from monitoring
            raise CommandError(f"Basis data tidak dapat dihubungi: {type(exc).__name__}") from None
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            problems.append(f"{len(pending)} migrasi belum dijalankan (jalankan manage.py migrate)")
        from django_tasks_db.models import DBTaskResult

        from renbang.core.models import Job, JobStatus

        waiting = DBTaskResult.objects.filter(status="READY").count()
        running = Job.objects.filter(status=JobStatus.RUNNING).count()
        from renbang.core.jobs import stale_jobs

        stale = len(stale_jobs())
        if stale:
            problems.append(f"{stale} pekerjaan latar macet (proses pekerja mati; jalankan manage.py recover_jobs)")
        self.stdout.write(f"basis data: ok ({connection.vendor})")
        self.stdout.write(f"antrean tugas: {waiting} menunggu, {running} pekerjaan berjalan")
        if problems:
            raise CommandError("; ".join(problems))
        self.stdout.write(self.style.SUCCESS("sehat"))
