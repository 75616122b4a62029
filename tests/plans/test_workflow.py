"""Approval: draft → submitted → approved (frozen) or returned; new versions with a diff; who may do what."""

from __future__ import annotations

import pytest

from renbang.plans import services
from renbang.plans.models import DevelopmentPlan, PlanStatus


def _post(client, plan, **data):
    from django.urls import reverse

    plan.refresh_from_db()
    return client.post(reverse("plans:plan_action", args=[plan.pk]), {"lock_version": plan.lock_version, **data})


def test_it_goes_from_draft_to_approved_and_freezes(ran, world, login):
    plan = ran.plan
    assert _post(login(world.users.admin), plan, action="submit").status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED and plan.submitted_by == world.users.admin
    assert _post(login(world.users.head), plan, action="approve").status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.approved_by == world.users.head
    assert [t.to_status for t in plan.transitions.all()] == ["submitted", "approved"]
    item = plan.items.first()
    with pytest.raises(services.PlanEditError, match="tidak dapat diubah"):
        services.item_lock(plan=plan, item=item, locked=True, expected_version=plan.lock_version)


def test_it_returns_a_plan_with_a_note(ran, world, login):
    plan = ran.plan
    _post(login(world.users.admin), plan, action="submit")
    _post(login(world.users.head), plan, action="return", note="")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED  # a return needs a note
    _post(login(world.users.head), plan, action="return", note="Tambahkan pelatihan teknis keuangan.")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED and "keuangan" in plan.return_note
    assert plan.is_editable


def test_only_the_ppk_approves_and_only_bkpsdm_submits(ran, world, login):
    plan = ran.plan
    for actor in ("officer_a", "head", "employee"):
        assert _post(login(getattr(world.users, actor)), plan, action="submit").status_code in (403,)
    _post(login(world.users.admin), plan, action="submit")
    for actor in ("admin", "officer_a", "supervisor"):
        assert _post(login(getattr(world.users, actor)), plan, action="approve").status_code == 403
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_a_change_after_approval_makes_a_new_version_with_a_diff(ran, world):
    plan = ran.plan
    services.plan_submit(plan=plan, user=world.users.admin, expected_version=plan.lock_version)
    services.plan_approve(plan=plan, user=world.users.head, expected_version=plan.lock_version)
    new = services.plan_new_version(plan=plan, user=world.users.admin)
    assert new.version == 2 and new.previous == plan and new.status == PlanStatus.DRAFT
    assert new.assignments.count() == plan.assignments.count()
    gone = new.assignments.first()
    services.assignment_remove(plan=new, assignment=gone, expected_version=new.lock_version)
    diff = services.plan_diff(plan, new)
    assert diff["removed"] == [(gone.employee_id, gone.programme_id)] and diff["added"] == []
    services.plan_submit(plan=new, user=world.users.admin, expected_version=new.lock_version)
    services.plan_approve(plan=new, user=world.users.head, expected_version=new.lock_version)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUPERSEDED
    assert DevelopmentPlan.objects.filter(status=PlanStatus.APPROVED).get() == new


def test_the_diff_page_shows_what_changed(ran, world, login):
    from django.urls import reverse

    plan = ran.plan
    services.plan_submit(plan=plan, user=world.users.admin, expected_version=plan.lock_version)
    services.plan_approve(plan=plan, user=world.users.head, expected_version=plan.lock_version)
    new = services.plan_new_version(plan=plan, user=world.users.admin)
    gone = new.assignments.select_related("employee").first()
    services.assignment_remove(plan=new, assignment=gone, expected_version=new.lock_version)
    response = login(world.users.admin).get(reverse("plans:plan_diff", args=[new.pk]))
    assert response.status_code == 200
    assert gone.employee.name in response.content.decode()


def test_a_stale_page_gets_a_clear_message(ran, world, login):
    from django.urls import reverse

    plan = ran.plan
    client = login(world.users.admin)
    stale = plan.lock_version
    services.item_lock(plan=plan, item=plan.items.first(), locked=True, expected_version=stale)
    response = client.post(reverse("plans:plan_action", args=[plan.pk]), {"lock_version": stale,
                                                                         "action": "submit"}, follow=True)
    assert "baru saja diubah oleh pengguna lain" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
