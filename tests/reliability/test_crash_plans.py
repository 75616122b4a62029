"""A plan approval killed with SIGKILL midway leaves both plans as they were and can be done again."""

from __future__ import annotations

import pytest

from renbang.plans.models import DevelopmentPlan, PlanStatus, PlanTransition

from .crash import kill_call_midway

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def approve(*, plan_id: int, user_id: int, expected_version: int) -> None:
    """What the approval page does (run in the child process)."""
    from django.contrib.auth import get_user_model

    from renbang.plans.services import plan_approve

    plan_approve(plan=DevelopmentPlan.objects.get(pk=plan_id), user=get_user_model().objects.get(pk=user_id),
                 expected_version=expected_version, note="Ditetapkan")


def test_an_approval_killed_midway_changes_nothing_and_runs_again(world):
    old = DevelopmentPlan.objects.create(agency=world.agency, year=2026, version=1, title="RPK 2026 v1",
                                         status=PlanStatus.APPROVED)
    new = DevelopmentPlan.objects.create(agency=world.agency, year=2026, version=2, title="RPK 2026 v2",
                                         status=PlanStatus.SUBMITTED, previous=old, lock_version=3)
    kwargs = {"plan_id": new.pk, "user_id": world.users.head.pk, "expected_version": 3}

    # Killed after superseding the old version (one transition and one save inside the transaction).
    killed = kill_call_midway("tests.reliability.test_crash_plans.approve", kwargs, pause_after_writes=2)

    assert killed.returncode == -9
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, new.status, new.lock_version) == (PlanStatus.APPROVED, PlanStatus.SUBMITTED, 3)
    assert not PlanTransition.objects.exists()
    assert new.approved_by is None

    approve(**kwargs)  # the PPK clicks again: same version number, nothing half-done in the way
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, new.status, new.approved_by) == (PlanStatus.SUPERSEDED, PlanStatus.APPROVED, world.users.head)
    assert PlanTransition.objects.count() == 2


def test_a_plan_run_killed_while_storing_leaves_no_partial_plan_and_runs_again(world,
                                                                              django_capture_on_commit_callbacks):
    from renbang.core.jobs import recover_stale_jobs
    from renbang.core.models import JobStatus
    from renbang.plans import services
    from renbang.plans.models import IndividualPlan, PlanAssignment, PlanItem, PlanningScenario, ScenarioStatus
    from tests.plans.conftest import make_plan_world

    from .crash import kill_job_midway, queued_job

    pw = make_plan_world(world)
    admin = world.users.admin
    job = queued_job(kind=services.RUN_KIND, function_path="renbang.plans.runner.run_scenario_job", agency=world.agency,
                     user=admin, params={"scenario_id": pw.scenario.pk, "plan_id": None, "user_id": admin.pk})
    PlanningScenario.objects.filter(pk=pw.scenario.pk).update(status=ScenarioStatus.RUNNING, job=job)

    killed = kill_job_midway(job.pk, pause_after_writes=1, model="plans.PlanAssignment")

    assert killed.returncode == -9 and max(killed.progress) >= 80  # killed while storing the plan
    assert (PlanItem.objects.count(), PlanAssignment.objects.count(), IndividualPlan.objects.count()) == (0, 0, 0)
    pw.scenario.refresh_from_db()
    assert pw.scenario.status == ScenarioStatus.RUNNING and pw.scenario.objective is None

    assert [j.pk for j in recover_stale_jobs()] == [job.pk]
    pw.scenario.refresh_from_db()
    job.refresh_from_db()
    assert (job.status, pw.scenario.status) == (JobStatus.FAILED, ScenarioStatus.FAILED)

    with django_capture_on_commit_callbacks(execute=True):
        again = services.scenario_run(scenario=pw.scenario, user=admin)  # the planner runs it again
    again.refresh_from_db()
    pw.scenario.refresh_from_db()
    assert again.status == JobStatus.DONE, again.message
    assert pw.scenario.status == ScenarioStatus.DONE
    assert PlanAssignment.objects.count() == again.result["assignments"] > 0
    assert DevelopmentPlan.objects.count() == 1  # the draft made before the crash is the one filled now
