import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = ("Jalankan optimasi RPK untuk satu tahun: database → instans → optimasi → rencana tersimpan (draf). "
            "Memakai skenario 'Baris perintah <tahun>' (dibuat bila belum ada).")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="tahun rencana")
        parser.add_argument("--budget", type=int, help="anggaran total (Rupiah)")
        parser.add_argument("--agency", default="kota-medan", help="kode instansi (bawaan kota-medan)")
        parser.add_argument("--scenario", help="nama skenario yang dipakai (bawaan: 'Baris perintah <tahun>')")
        parser.add_argument("--time-limit", type=float, help="batas waktu optimasi (detik)")
        parser.add_argument("--json", dest="json_out", help="tulis ringkasan hasil (JSON) ke berkas ini")

    def handle(self, *args, year, budget, agency, scenario, time_limit, json_out, **options):
        from renbang.org.models import Agency
        from renbang.plans import runner
        from renbang.plans.models import PlanningScenario

        found = Agency.objects.filter(code=agency).first()
        if found is None:
            raise CommandError(f"Instansi '{agency}' tidak ditemukan.")
        if not 2000 <= year <= 2100:
            raise CommandError("Tahun harus antara 2000 dan 2100.")
        if budget is not None and budget < 0:
            raise CommandError("Anggaran tidak boleh negatif.")
        name = scenario or f"Baris perintah {year}"
        obj = PlanningScenario.objects.filter(agency=found, year=year, name=name).first()
        if obj is None:
            if budget is None:
                raise CommandError("Skenario baru memerlukan --budget (Rupiah).")
            obj = PlanningScenario.objects.create(agency=found, year=year, name=name, budget_total=budget)
        elif budget is not None:
            obj.budget_total = budget
            obj.save(update_fields=["budget_total"])

        def report(percent, message):
            self.stdout.write(f"[{percent:3d}%] {message}")

        try:
            result = runner.run(obj, report=report, time_limit=time_limit)
        except runner.RunError as exc:
            raise CommandError(str(exc)) from None
        obj.refresh_from_db()
        s = obj.summary
        self.stdout.write(
            f"Rencana #{result['plan_id']}: {result['assignments']} penugasan; nilai {s['objective']:.2f}, "
            f"batas atas {s['bound']:.2f} (selisih {s['gap_percent'] or 0:.2f}%); anggaran "
            f"{s['budget_used']:,.0f} dari {s['budget_total']:,.0f}; PNS ≥ {s['jp_floor']} JP: "
            f"{s['pns_reaching_floor']}/{s['pns']}; waktu {s['timings']}.")
        if json_out:
            try:
                Path(json_out).write_text(json.dumps(s, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"Berkas tidak dapat ditulis: {exc.strerror}.") from None
