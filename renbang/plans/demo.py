"""Demo step: the demo year's RPK, optimised from the seeded needs and catalogue, submitted and set by the PPK.

Runs the real pipeline (database → instance → solve → stored plan) with a short time limit, so `make run`
shows a full picture: scenario results, an approved plan with its items, and an IDP for every planned employee.
A second, leaner scenario is left un-run for side-by-side comparison. Idempotent: skipped when the year has a plan.
"""

from __future__ import annotations

import time

from django.utils import timezone

DEMO_BUDGET = 2_500_000_000
DEMO_TIME_LIMIT = 10


def seed(ctx) -> None:
    from . import runner
    from .models import DevelopmentPlan, PlanningScenario, PlanStatus, PlanTransition

    agency, year = ctx.agency, ctx.year
    if DevelopmentPlan.objects.filter(agency=agency, year=year).exists():
        ctx.log("  plans: RPK demo sudah ada")
        return
    t = time.perf_counter()
    scenario, _ = PlanningScenario.objects.get_or_create(
        agency=agency, year=year, name=f"RPK {year} — skenario dasar",
        defaults={"budget_total": DEMO_BUDGET, "time_limit": DEMO_TIME_LIMIT,
                  "description": "Anggaran pengembangan kompetensi APBD; 20 JP untuk PNS, PPPK paling lama 24 JP."})
    PlanningScenario.objects.get_or_create(
        agency=agency, year=year, name=f"RPK {year} — anggaran hemat",
        defaults={"budget_total": DEMO_BUDGET // 2, "time_limit": DEMO_TIME_LIMIT, "include_next_position": False,
                  "description": "Separuh anggaran, hanya kesenjangan jabatan saat ini."})
    result = runner.run(scenario, time_limit=DEMO_TIME_LIMIT)
    plan = DevelopmentPlan.objects.get(pk=result["plan_id"])
    now = timezone.now()
    PlanTransition.objects.bulk_create([
        PlanTransition(plan=plan, from_status=PlanStatus.DRAFT, to_status=PlanStatus.SUBMITTED,
                       note="Diajukan BKPSDM."),
        PlanTransition(plan=plan, from_status=PlanStatus.SUBMITTED, to_status=PlanStatus.APPROVED,
                       note="Ditetapkan Wali Kota Medan."),
    ])
    DevelopmentPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.APPROVED, submitted_at=now, approved_at=now)
    ctx.log(f"  plans: RPK {year} ditetapkan — {result['assignments']:,} penugasan, nilai {result['objective']:.1f} "
            f"(batas atas {result['bound']:.1f}); {time.perf_counter() - t:.1f} s")
