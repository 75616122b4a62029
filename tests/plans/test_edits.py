"""Manual edits: every rule re-checked with a clear message; concurrent edits refused."""

from __future__ import annotations

import pytest

from renbang.plans import services
from renbang.plans.models import PlanAssignment, PlanItem
from tests.factories import EmployeeFactory


@pytest.fixture
def item_a(ran):
    plan = ran.plan
    item = plan.items.filter(programme=ran.prog_a, month=3).first()
    if item is None:
        item = PlanItem.objects.create(plan=plan, programme=ran.prog_a, session=ran.s_a3, method=ran.method,
                                       route="klasikal", form="x", month=3, capacity=2, jp=24,
                                       cost_per_participant=1_000_000)
    return item


def _fresh(plan):
    plan.refresh_from_db()
    return plan


def test_it_refuses_an_edit_over_the_total_budget(ran, world, item_a):
    plan = ran.plan
    plan.budget_total = 0
    plan.save()
    PlanAssignment.objects.filter(plan=plan).delete()
    with pytest.raises(services.PlanEditError, match="Anggaran total terlampaui"):
        services.assignment_add(plan=plan, item=item_a, employee=world.staff, expected_version=plan.lock_version)
    assert not PlanAssignment.objects.filter(item=item_a, employee=world.staff).exists()


def test_it_refuses_a_full_session(ran, world, item_a):
    plan = ran.plan
    PlanAssignment.objects.filter(plan=plan).delete()
    for emp in (world.other, ran.pppk):
        services.assignment_add(plan=_fresh(plan), item=item_a, employee=emp, expected_version=plan.lock_version)
    with pytest.raises(services.PlanEditError, match="sudah penuh"):
        services.assignment_add(plan=_fresh(plan), item=item_a, employee=world.staff,
                                expected_version=plan.lock_version)


def test_it_refuses_an_employee_whose_position_type_is_not_eligible(ran, world):
    plan = ran.plan
    item_b = plan.items.get(programme=ran.prog_b)
    with pytest.raises(services.PlanEditError, match="tidak memenuhi syarat jenis jabatan"):
        services.assignment_add(plan=plan, item=item_b, employee=world.staff, expected_version=plan.lock_version)


def test_it_flags_but_allows_pppk_over_24_jp(ran, world, item_a):
    plan = ran.plan
    PlanAssignment.objects.filter(plan=plan).delete()
    extra = PlanItem.objects.create(plan=plan, programme=ran.prog_b, method=ran.method, route="klasikal", form="x",
                                    month=6, capacity=5, jp=8, cost_per_participant=0)
    services.assignment_add(plan=_fresh(plan), item=item_a, employee=ran.pppk, expected_version=plan.lock_version)
    from renbang.catalog.models import ProgrammeEligibility

    ProgrammeEligibility.objects.filter(programme=ran.prog_b).delete()
    extra.month = 7
    extra.save()
    warnings = services.assignment_add(plan=_fresh(plan), item=extra, employee=ran.pppk,
                                       expected_version=plan.lock_version)
    assert any("PP 49/2018 Pasal 40" in w for w in warnings)


def test_it_refuses_the_general_jp_cap(ran, world, item_a):
    plan = ran.plan
    ran.scenario.jp_cap_general = 20
    ran.scenario.save()
    PlanAssignment.objects.filter(plan=plan).delete()
    with pytest.raises(services.PlanEditError, match="melebihi batas 20 JP"):
        services.assignment_add(plan=_fresh(plan), item=item_a, employee=world.staff,
                                expected_version=plan.lock_version)


def test_it_refuses_an_edit_made_on_an_old_version(ran, world, item_a):
    plan = ran.plan
    seen = plan.lock_version
    first = plan.assignments.first()
    services.assignment_lock(plan=plan, assignment=first, locked=True, expected_version=seen)  # officer 1 saves
    with pytest.raises(services.ConcurrentEdit, match="baru saja diubah oleh pengguna lain"):
        services.assignment_remove(plan=plan, assignment=first, expected_version=seen)  # officer 2, stale page
    assert PlanAssignment.objects.filter(pk=first.pk).exists()


def test_it_moves_an_employee_to_another_session_of_the_programme(ran, world):
    plan = ran.plan
    a = plan.assignments.filter(programme=ran.prog_a).first()
    if a is None:
        pytest.fail("the plan should place someone in programme A")
    other = plan.items.filter(programme=ran.prog_a).exclude(pk=a.item_id).first() or PlanItem.objects.create(
        plan=plan, programme=ran.prog_a, session=ran.s_a6 if a.month == 3 else ran.s_a3, method=ran.method,
        route="klasikal", form="x", month=6 if a.month == 3 else 3, capacity=2, jp=24, cost_per_participant=1_000_000)
    PlanAssignment.objects.filter(item=other).exclude(employee=a.employee).delete()
    services.assignment_move(plan=plan, assignment=a, to_item=other, expected_version=plan.lock_version)
    a.refresh_from_db()
    assert a.item_id == other.pk and a.month == other.month and a.locked


def test_it_keeps_unknown_employees_out(ran, item_a):
    stranger = EmployeeFactory(agency__code="kabupaten-lain", agency__name="Kabupaten Lain")
    with pytest.raises(services.PlanEditError, match="bukan dari instansi ini"):
        services.assignment_add(plan=ran.plan, item=item_a, employee=stranger,
                                expected_version=ran.plan.lock_version)
