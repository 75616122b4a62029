from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Ekspor RPK satu tahun (versi yang ditetapkan, atau versi terbaru) ke PDF atau Excel."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="tahun rencana")
        parser.add_argument("--format", choices=["pdf", "xlsx"], default="pdf")
        parser.add_argument("--output", required=True, help="berkas keluaran")
        parser.add_argument("--agency", default="kota-medan", help="kode instansi (bawaan kota-medan)")
        parser.add_argument("--plan-version", dest="plan_version", type=int, help="nomor versi tertentu")

    def handle(self, *args, year, format, output, agency, plan_version, **options):
        from renbang.org.models import Agency
        from renbang.plans import documents
        from renbang.plans.models import DevelopmentPlan, PlanStatus

        found = Agency.objects.filter(code=agency).first()
        if found is None:
            raise CommandError(f"Instansi '{agency}' tidak ditemukan.")
        plans = DevelopmentPlan.objects.filter(agency=found, year=year)
        if plan_version:
            plan = plans.filter(version=plan_version).first()
        else:
            plan = plans.filter(status=PlanStatus.APPROVED).first() or plans.order_by("-version").first()
        if plan is None:
            raise CommandError(f"Belum ada RPK untuk tahun {year}.")
        data = documents.rpk_pdf(plan) if format == "pdf" else documents.rpk_xlsx(plan)
        try:
            Path(output).write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Berkas tidak dapat ditulis: {exc.strerror}.") from None
        self.stdout.write(f"RPK {year} versi {plan.version} ({plan.get_status_display()}) ditulis ke {output}.")
