"""The demo's approved plan names the accounts that submitted and set it (demo accounts come in seed_late)."""

from __future__ import annotations

from renbang.core.demo import DemoContext
from renbang.plans import demo
from renbang.plans.models import DevelopmentPlan, PlanStatus, PlanTransition


def test_it_puts_the_bkpsdm_admin_and_the_ppk_on_the_demo_approval(ran, world, login):
    plan = ran.plan
    # as the demo's seed leaves it: approved, transitions without a user (the accounts do not exist yet)
    PlanTransition.objects.bulk_create([
        PlanTransition(plan=plan, from_status=PlanStatus.DRAFT, to_status=PlanStatus.SUBMITTED, note="Diajukan."),
        PlanTransition(plan=plan, from_status=PlanStatus.SUBMITTED, to_status=PlanStatus.APPROVED, note="Ditetapkan."),
    ])
    DevelopmentPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.APPROVED)
    admin, head = world.users.admin, world.users.head
    admin.first_name, admin.last_name = "Siti", "Rahmawati"
    admin.save()
    head.first_name, head.last_name = "Hendra", "Siregar"
    head.save()
    ctx = DemoContext(agency=world.agency, year=2026, log=lambda *a: None)
    demo.seed_late(ctx)
    demo.seed_late(ctx)  # idempotent
    plan.refresh_from_db()
    assert (plan.submitted_by, plan.approved_by) == (admin, head)
    by = dict(plan.transitions.values_list("to_status", "by"))
    assert by == {PlanStatus.SUBMITTED: admin.pk, PlanStatus.APPROVED: head.pk}
    html = login(head).get(f"/rencana/rpk/{plan.pk}/").content.decode()
    assert "Siti Rahmawati" in html and "Hendra Siregar" in html


def test_it_leaves_the_approval_alone_without_demo_accounts(ran, world):
    DevelopmentPlan.objects.filter(pk=ran.plan.pk).update(status=PlanStatus.APPROVED)
    world.users.head.delete()
    demo.seed_late(DemoContext(agency=world.agency, year=2026, log=lambda *a: None))
    ran.plan.refresh_from_db()
    assert ran.plan.approved_by is None and ran.plan.submitted_by is None
