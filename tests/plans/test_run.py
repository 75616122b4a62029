"""Database → instance → solve → stored plan, as a background job."""

from __future__ import annotations

from renbang.plans.models import IndividualPlan, PlanAssignment, ReasonKind


def test_it_stores_a_feasible_plan_with_reasons_and_idps(ran, world):
    plan = ran.plan
    assert plan.status == "draft" and plan.version == 1 and plan.budget_total == 10_000_000
    rows = list(PlanAssignment.objects.filter(plan=plan).select_related("item"))
    assert rows, "the plan should place someone"
    for item in plan.items.all():
        assert item.participants == item.assignments.count() <= item.capacity
        assert item.budget == item.participants * item.cost_per_participant
    assert sum(r.cost for r in rows) <= 10_000_000
    # the chief is placed in the pengawas programme for the current position's gap
    chief = next(r for r in rows if r.employee_id == world.chief.pk)
    assert chief.programme_id == ran.prog_b.pk and chief.reason_kind == ReasonKind.CURRENT
    assert chief.competency_id == ran.comp_b.pk and chief.gap == 1
    boss = next(r for r in rows if r.employee_id == world.boss.pk)
    assert boss.reason_kind == ReasonKind.NEXT and boss.gap == 2
    assert not any(r.employee_id == world.staff.pk and r.programme_id == ran.prog_b.pk for r in rows)
    assert set(IndividualPlan.objects.filter(plan=plan).values_list("employee_id", flat=True)) == {
        r.employee_id for r in rows}
    assert item_snapshot_ok(plan)


def item_snapshot_ok(plan):
    item = plan.items.filter(programme__code="INT-1").first()
    return item is None or (item.provider_name == "BPSDM Provinsi Sumatera Utara"
                            and item.curriculum_reference == "Kurikulum LAN 2024" and item.route == "klasikal")


def test_it_records_the_results_summary(ran):
    s = ran.scenario
    assert s.status == "done" and s.solver_status in ("optimal", "feasible")
    assert s.bound >= s.objective - 1e-6
    summary = s.summary
    assert summary["employees"] == 5 and summary["pns"] == 4 and summary["pppk"] == 1
    assert 0 < summary["need_closed_share"] <= 100
    assert summary["budget_used"] == sum(a.cost for a in ran.plan.assignments.all())
    assert {m["month"] for m in summary["by_month"]} == set(range(1, 13))
    assert set(summary["left_out"]["counts"]) == {"no_need", "no_programme", "not_eligible", "limits"}
    assert ran.job.progress == 100


def test_it_reports_employees_left_out_and_why(pw, world, django_capture_on_commit_callbacks):
    from renbang.plans import services

    pw.scenario.budget_total = 0
    pw.scenario.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.scenario_run(scenario=pw.scenario, user=world.users.admin)
    pw.scenario.refresh_from_db()
    counts = pw.scenario.summary["left_out"]["counts"]
    # with no budget nobody is placed; everyone with a gap had an eligible programme, so "limits" it is
    assert counts == {"no_need": 0, "no_programme": 0, "not_eligible": 0, "limits": 5}


def test_it_reoptimises_around_locked_items(ran, world, django_capture_on_commit_callbacks):
    from renbang.plans import services

    plan = ran.plan
    keep = plan.assignments.first()
    services.assignment_lock(plan=plan, assignment=keep, locked=True, expected_version=plan.lock_version)
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_reoptimise(plan=plan, user=world.users.admin, expected_version=plan.lock_version)
    assert plan.assignments.filter(pk=keep.pk, locked=True).exists()
    # never twice the same programme for the same employee, never over capacity
    pairs = list(plan.assignments.values_list("employee_id", "programme_id"))
    assert len(pairs) == len(set(pairs))
    for item in plan.items.all():
        assert item.assignments.count() <= item.capacity
