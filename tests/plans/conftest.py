"""A small planning world: a closed campaign with needs, two programmes with sessions, a scenario."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from renbang.catalog.models import (
    Method,
    PlannedSession,
    Programme,
    ProgrammeCompetency,
    ProgrammeEligibility,
    Provider,
)
from renbang.needs.models import Campaign, Need
from renbang.people.models import Employee
from renbang.plans.models import PlanningScenario
from tests.factories import EmployeeFactory
from tests.needs.factories import CompetencyFactory


def make_plan_world(world):
    w = world
    comp_a = CompetencyFactory(code="M.1", name="Integritas")
    comp_b = CompetencyFactory(code="M.4", name="Orientasi pada Hasil")
    campaign = Campaign.objects.create(agency=w.agency, name="Penilaian 2026", year=2026, status="closed",
                                       period_start=dt.date(2026, 1, 5), period_end=dt.date(2026, 1, 30))
    pppk = EmployeeFactory(agency=w.agency, unit=w.unit_b, position=w.positions.staff, name="Rina Pane")
    Employee.objects.filter(pk=pppk.pk).update(status="pppk", rank="IX")
    pppk.refresh_from_db()

    def need(emp, comp, gap, next_gap=0, priority="50", current=1):
        return Need.objects.create(campaign=campaign, employee=emp, unit=emp.unit, competency=comp,
                                   required=current + gap, current=current, gap=gap,
                                   next_required=current + next_gap, next_gap=next_gap,
                                   priority=Decimal(priority))

    need(w.staff, comp_a, 2, priority="80")
    need(w.other, comp_a, 1, priority="40")
    need(w.chief, comp_b, 1, priority="50")
    need(w.boss, comp_b, 0, next_gap=2, priority="30")
    need(pppk, comp_a, 1, priority="60")
    provider = Provider.objects.create(agency=w.agency, name="BPSDM Provinsi Sumatera Utara", kind="internal")
    method = Method.objects.get(agency=None, code="KL-TEK")
    prog_a = Programme.objects.create(agency=w.agency, code="INT-1", title="Pelatihan Integritas ASN", method=method,
                                      provider=provider, jp=24, cost_per_participant=1_000_000,
                                      capacity_per_session=2, curriculum_reference="Kurikulum LAN 2024")
    ProgrammeCompetency.objects.create(programme=prog_a, competency=comp_a, uplift=1)
    prog_b = Programme.objects.create(agency=w.agency, code="ORH-1", title="Bimtek Orientasi Hasil", method=method,
                                      provider=provider, jp=8, cost_per_participant=500_000, capacity_per_session=10)
    ProgrammeCompetency.objects.create(programme=prog_b, competency=comp_b, uplift=2)
    ProgrammeEligibility.objects.create(programme=prog_b, position_type="pengawas")
    ProgrammeEligibility.objects.create(programme=prog_b, position_type="administrator")
    s_a3 = PlannedSession.objects.create(programme=prog_a, date=dt.date(2026, 3, 10), year=2026, month=3, capacity=2)
    s_a6 = PlannedSession.objects.create(programme=prog_a, date=dt.date(2026, 6, 9), year=2026, month=6, capacity=2)
    s_b3 = PlannedSession.objects.create(programme=prog_b, date=dt.date(2026, 3, 17), year=2026, month=3, capacity=10)
    scenario = PlanningScenario.objects.create(agency=w.agency, year=2026, name="Dasar", budget_total=10_000_000,
                                               proposed_sessions=0, time_limit=10)
    return SimpleNamespace(comp_a=comp_a, comp_b=comp_b, campaign=campaign, pppk=pppk, prog_a=prog_a, prog_b=prog_b,
                           s_a3=s_a3, s_a6=s_a6, s_b3=s_b3, scenario=scenario, provider=provider, method=method)


@pytest.fixture
def pw(world):
    return make_plan_world(world)


@pytest.fixture
def ran(pw, world, django_capture_on_commit_callbacks):
    """The scenario run through the background job (inline in tests); returns the stored plan."""
    from renbang.plans import services

    with django_capture_on_commit_callbacks(execute=True):
        job = services.scenario_run(scenario=pw.scenario, user=world.users.admin)
    job.refresh_from_db()
    assert job.status == "done", job.message
    pw.scenario.refresh_from_db()
    pw.plan = pw.scenario.plans.get()
    pw.job = job
    return pw


@pytest.fixture
def users_for_idp(world):
    """The user account of an employee (the world's supervisor user is the chief)."""
    def _user(employee):
        for user in vars(world.users).values():
            if user.employee_id == employee.pk:
                return user
        raise LookupError(employee)
    return _user
