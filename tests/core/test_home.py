"""The home page: each role's tasks (and only theirs), the year's cycle for planners, a bounded number of queries."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renbang.core import home, usercache
from renbang.delivery.models import ExternalClaim
from renbang.needs.models import Assessment, Source
from renbang.plans import services as plan_services
from renbang.plans.models import IdpStatus, PlanStatus
from tests.catalog.factories import ProgrammeFactory
from tests.evaluation.conftest import make_session
from tests.factories import EmployeeFactory
from tests.needs.factories import CampaignFactory
from tests.plans.conftest import make_plan_world

TODAY = dt.date(2026, 3, 2)
NOON = dt.datetime(2026, 3, 2, 12, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))


def _version(plan) -> int:
    plan.refresh_from_db()
    return plan.lock_version


def labels(user, today=TODAY) -> list[str]:
    return [task.label for task in home.tasks_for(user, today)]


@pytest.fixture
def campaign(world):
    return CampaignFactory(agency=world.agency, year=2026, period_start=dt.date(2026, 2, 20),
                           period_end=dt.date(2026, 3, 4), peer_on=False)


@pytest.fixture
def approved(world, django_capture_on_commit_callbacks):
    """The planning world's scenario run, submitted by BKPSDM (not yet approved)."""
    pw = make_plan_world(world)
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.scenario_run(scenario=pw.scenario, user=world.users.admin)
    pw.plan = pw.scenario.plans.get()
    plan_services.plan_submit(plan=pw.plan, user=world.users.admin, expected_version=_version(pw.plan))
    return pw


def test_it_asks_an_employee_for_their_self_assessment_until_they_send_it(world, campaign):
    employee = world.users.employee
    tasks = home.tasks_for(employee, TODAY)
    assert [t.url for t in tasks] == [reverse("needs:self_form", args=[campaign.pk])]
    assert tasks[0].urgent  # the campaign closes in two days
    Assessment.objects.create(campaign=campaign, employee=world.staff, assessor=world.staff, source=Source.SELF,
                              status=Assessment.Status.SUBMITTED)
    assert labels(employee) == []


def test_it_counts_the_subordinates_a_supervisor_still_has_to_assess(world, campaign):
    supervisor = world.users.supervisor  # the chief: one direct subordinate (staff)
    staff_task = [t for t in home.tasks_for(supervisor, TODAY) if t.url.endswith("/isi/atasan/")]
    assert [t.count for t in staff_task] == [1]
    Assessment.objects.create(campaign=campaign, employee=world.staff, assessor=world.chief,
                              source=Source.SUPERVISOR, status=Assessment.Status.SUBMITTED)
    assert not [t for t in home.tasks_for(supervisor, TODAY) if t.url.endswith("/isi/atasan/")]


def test_it_gives_the_plan_decision_to_the_ppk_and_nobody_else(world, approved):
    head, admin = world.users.head, world.users.admin
    decision = reverse("plans:plan_detail", args=[approved.plan.pk])
    assert decision in [t.url for t in home.tasks_for(head, TODAY)]
    assert decision not in [t.url for t in home.tasks_for(admin, TODAY)]
    plan_services.plan_return(plan=approved.plan, user=head, note="Anggaran Dinas Kesehatan terlalu besar.",
                              expected_version=_version(approved.plan))
    assert decision not in [t.url for t in home.tasks_for(head, TODAY)]
    assert decision in [t.url for t in home.tasks_for(admin, TODAY)]  # returned: BKPSDM has to rework it


def test_it_asks_for_the_idp_then_for_the_supervisors_approval(world, approved):
    plan_services.plan_approve(plan=approved.plan, user=world.users.head, expected_version=_version(approved.plan))
    idp = approved.plan.individual_plans.get(employee=world.staff)
    assert reverse("plans:idp_detail", args=[idp.pk]) in [t.url for t in home.tasks_for(world.users.employee, TODAY)]
    plan_services.idp_submit(idp=idp, user=world.users.employee)
    idp.refresh_from_db()
    assert idp.status == IdpStatus.SUBMITTED
    assert not [t for t in home.tasks_for(world.users.employee, TODAY) if "/idp/" in t.url]
    staff_idps = [t for t in home.tasks_for(world.users.supervisor, TODAY) if "status=submitted" in t.url]
    assert [t.count for t in staff_idps] == [1]
    assert not [t for t in home.tasks_for(world.users.officer_b, TODAY) if "status=submitted" in t.url]


def test_it_lists_pending_claims_for_bkpsdm_only(world):
    ExternalClaim.objects.create(employee=world.staff, title="Diklat Kearsipan", provider_name="ANRI",
                                 start_date=dt.date(2026, 2, 2), end_date=dt.date(2026, 2, 3), jp=16,
                                 file="klaim/x.pdf")
    queue = reverse("delivery:claim_queue")
    assert queue in [t.url for t in home.tasks_for(world.users.admin, TODAY)]
    for user in (world.users.officer_a, world.users.head, world.users.employee, world.users.supervisor):
        assert queue not in [t.url for t in home.tasks_for(user, TODAY)]


def test_it_asks_an_attendee_for_feedback(world):
    programme = ProgrammeFactory(agency=world.agency, code="P-1", title="Bimtek Arsip")
    make_session(programme, [world.staff], days_ago=1)
    today = dt.date.today()
    assert reverse("evaluation:my_evaluations") in [t.url for t in home.tasks_for(world.users.employee, today)]
    assert reverse("evaluation:my_evaluations") not in [t.url for t in home.tasks_for(world.users.admin, today)]


def test_it_shows_the_cycle_to_planners_only(world, approved):
    steps = dict(home.steps_for(world.users.admin, 2026))
    assert sorted(steps) == [1, 2, 3, 4, 5, 6]
    assert steps[4].status.startswith(str(PlanStatus.SUBMITTED.label))
    assert steps[4].url == reverse("plans:plan_detail", args=[approved.plan.pk])
    assert steps[2].state == home.State.DONE  # the planning world's campaign is closed
    assert dict(home.steps_for(world.users.head, 2026))[4].state == home.State.ACTIVE
    for user in (world.users.employee, world.users.supervisor, world.users.mentor, world.users.facilitator):
        assert home.steps_for(user, 2026) == []


def test_it_reminds_bkpsdm_to_close_last_year(world):
    CampaignFactory(agency=world.agency, year=2025, status="closed", computed_at=NOON)
    close = reverse("cycle:year_detail", args=[2025])
    assert close in [t.url for t in home.tasks_for(world.users.admin, TODAY)]
    assert close not in [t.url for t in home.tasks_for(world.users.head, TODAY)]


@pytest.mark.parametrize("who", ["admin", "head", "officer_a", "supervisor", "employee", "mentor", "facilitator"])
def test_it_renders_the_home_page_for_every_role_in_a_bounded_number_of_queries(
        world, approved, campaign, login, who, django_assert_max_num_queries):
    client = login(getattr(world.users, who))
    with time_machine.travel(NOON, tick=False), django_assert_max_num_queries(30):
        response = client.get("/")
    assert response.status_code == 200
    text = response.content.decode()
    assert ('data-testid="cycle-steps"' in text) == (who in ("admin", "head", "officer_a"))


def test_it_runs_the_same_number_of_queries_with_more_data(world, approved, campaign, login):
    client = login(world.users.admin)
    with time_machine.travel(NOON, tick=False):
        with CaptureQueriesContext(connection) as before:
            client.get("/")
        for i in range(30):
            EmployeeFactory(agency=world.agency, unit=world.section_a, position=world.positions.staff,
                            supervisor=world.chief, name=f"Tambahan {i}")
        usercache.forget([world.users.admin.pk])  # the page keeps its figures a minute: recompute them
        with CaptureQueriesContext(connection) as after:
            client.get("/")
    assert len(after.captured_queries) == len(before.captured_queries)


def test_it_tells_an_anonymous_visitor_to_log_in(client):
    response = client.get("/")
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
