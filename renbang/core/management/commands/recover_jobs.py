from django.core.management.base import BaseCommand

from renbang.core.jobs import recover_stale_jobs


class Command(BaseCommand):
    help = ("Tandai gagal pekerjaan latar yang prosesnya mati (bisa dijalankan ulang); --retry menjalankannya "
            "ulang.")

    def add_arguments(self, parser):
        parser.add_argument("--retry", action="store_true", help="antrekan ulang pekerjaan yang dipulihkan")

    def handle(self, *args, retry=False, **options):
        jobs = recover_stale_jobs(retry=retry)
        for job in jobs:
            self.stdout.write(f"pekerjaan #{job.pk} ({job.kind}): {'diantrekan ulang' if retry else 'ditandai gagal'}")
        self.stdout.write(f"{len(jobs)} pekerjaan macet dipulihkan")
