"""Demo step: the demo year's RPK, optimised from the seeded needs and catalogue, submitted and set by the PPK.

Runs the real pipeline (database → instance → solve → stored plan) with a short time limit, so `make run`
shows a full picture: scenario results, an approved plan with its items, and an IDP for every planned employee.
A second, leaner scenario is left un-run for side-by-side comparison. Idempotent: skipped when the year has a plan.
The demo accounts are created after every app's seed (accounts.demo.seed_late), so `seed_late` here puts them on
the approval: submitted by the BKPSDM admin account, set by the PPK's.
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
        _hand_over(ctx)
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
                       note="Ditetapkan Wali Kota Medan."),  # the accounts are named in seed_late
    ])
    DevelopmentPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.APPROVED, submitted_at=now, approved_at=now)
    _hand_over(ctx)
    ctx.log(f"  plans: RPK {year} ditetapkan — {result['assignments']:,} penugasan, nilai {result['objective']:.1f} "
            f"(batas atas {result['bound']:.1f}); {time.perf_counter() - t:.1f} s")


def _hand_over(ctx) -> None:
    """Tell the later demo steps who the approved plan reached: the accounts step gives the employee account to
    one of them (accounts stands before plans in the cycle, so it reads this hand-over instead of the plans app)."""
    from .models import IndividualPlan, PlanStatus

    ctx.shared["plans"] = {"idp_employee_ids": set(IndividualPlan.objects.filter(
        plan__agency=ctx.agency, plan__year=ctx.year, plan__status=PlanStatus.APPROVED).values_list(
        "employee_id", flat=True))}


def seed_late(ctx) -> None:
    """Name the demo accounts on the demo plan's approval (PP 11/2017 Pasal 207: BKPSDM drafts and submits, the PPK
    sets): the first BKPSDM admin and the head account of the agency. Fills only what is empty (idempotent)."""
    from renbang.accounts.models import Role, User

    from .models import DevelopmentPlan, PlanStatus, PlanTransition

    admin = User.objects.filter(agency=ctx.agency, role=Role.BKPSDM_ADMIN).order_by("pk").first()
    head = User.objects.filter(agency=ctx.agency, role=Role.HEAD).order_by("pk").first()
    plans = DevelopmentPlan.objects.filter(agency=ctx.agency, year=ctx.year, status=PlanStatus.APPROVED)
    if admin is None or head is None or not plans.exists():
        return
    for plan in plans:
        DevelopmentPlan.objects.filter(pk=plan.pk, submitted_by__isnull=True).update(submitted_by=admin)
        DevelopmentPlan.objects.filter(pk=plan.pk, approved_by__isnull=True).update(approved_by=head)
        DevelopmentPlan.objects.filter(pk=plan.pk, created_by__isnull=True).update(created_by=admin)
        if plan.scenario_id:
            type(plan.scenario).objects.filter(pk=plan.scenario_id, created_by__isnull=True).update(created_by=admin)
        PlanTransition.objects.filter(plan=plan, to_status=PlanStatus.SUBMITTED, by__isnull=True).update(by=admin)
        PlanTransition.objects.filter(plan=plan, to_status=PlanStatus.APPROVED, by__isnull=True).update(by=head)
    ctx.log(f"  plans: persetujuan RPK demo oleh {admin.get_full_name() or admin.username} (BKPSDM) dan "
            f"{head.get_full_name() or head.username} (PPK)")
