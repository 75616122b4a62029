"""The delivery demo on a small world (factories, not a seeded city): participants are eligible by the catalogue's
rule (position type and employment status: the CPNS basic training goes to CPNS only), a session lasts as many
working days as its JP need (RENBANG["JP_PER_TRAINING_DAY"]), nobody takes two long courses (leadership, CPNS basic
training: hundreds of JP each) in a year, sessions are made from the approved RPK's items and invite their planned
participants (so the plan has a realisation to show), and spending outside the plan stays a small share of the plan's
budget. Seeding twice changes nothing."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from django.db.models import Count

from renbang.core.demo import DemoContext
from renbang.delivery import demo, services
from renbang.delivery.models import Enrolment, Session
from renbang.org.models import PositionType
from renbang.people.models import EmployeeStatus
from renbang.plans.models import DevelopmentPlan, PlanAssignment, PlanItem
from tests.catalog.factories import ProgrammeFactory, method
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

YEAR = dt.date.today().year - 1  # a past year: every demo session is delivered


@pytest.fixture
def small(world, monkeypatch):
    """The small world seeded with no limit on spending outside the plan (its plan budget, 7.5 M Rp, would not pay
    for any class of the three courses outside it): the tests of who takes part."""
    monkeypatch.setattr(demo, "DEMO_OUTSIDE_SHARE", Decimal(1000))
    return _seeded(_small_world(world))


@pytest.fixture
def capped(world):
    """The small world seeded as the demo is: spending outside the plan kept to DEMO_OUTSIDE_SHARE of its budget."""
    return _seeded(_small_world(world))


def _seeded(w):
    w.ctx = DemoContext(agency=w.agency, year=YEAR, log=lambda *a: None)
    demo.seed(w.ctx)
    return w


def _small_world(w):
    """world + 3 CPNS and 3 more PNS executives; a CPNS basic training (400 JP, executives, CPNS only), a
    supervisors' leadership course (300 JP), a 120 JP technical course for executives (PNS and CPNS: a second
    long course the CPNS must not get), a 16 JP bimtek in the approved RPK of the year (item in February, three
    planned participants)."""
    for i in range(3):
        EmployeeFactory(agency=w.agency, unit=w.section_a, position=w.positions.staff, status=EmployeeStatus.CPNS,
                        name=f"CPNS {i}", rank="III/a")
        EmployeeFactory(agency=w.agency, unit=w.unit_b, position=w.positions.staff, name=f"PNS {i}", rank="III/b")

    def programme(code, title, jp, method_code, types=(), statuses=()):
        p = ProgrammeFactory(agency=w.agency, code=code, title=title, jp=jp, method=method(method_code),
                             employee_statuses=list(statuses))
        for t in types:
            p.eligibilities.create(position_type=t)
        return p

    w.latsar = programme("A-LATSAR", "Pelatihan Dasar CPNS", 400, "KL-MAN", [PositionType.EXECUTIVE], ["cpns"])
    w.pkp = programme("B-PKP", "Pelatihan Kepemimpinan Pengawas", 300, "KL-STR", [PositionType.SUPERVISORY])
    w.teknis = programme("C-TEK", "Pelatihan Teknis Pengadaan", 120, "KL-MAN", [PositionType.EXECUTIVE])
    w.bimtek = programme("D-BIM", "Bimtek Penyusunan SKP", 16, "KL-BIM")
    plan = DevelopmentPlan.objects.create(agency=w.agency, year=YEAR, title=f"RPK {YEAR}", status="approved")
    w.item = PlanItem.objects.create(plan=plan, programme=w.bimtek, method=w.bimtek.method, route="klasikal",
                                     form="Bimbingan teknis", month=2, capacity=30, jp=16,
                                     cost_per_participant=2_500_000)
    w.planned = [w.staff, w.other, w.chief]
    for employee in w.planned:
        PlanAssignment.objects.create(plan=plan, item=w.item, employee=employee, programme=w.bimtek,
                                      unit=employee.unit, month=2, jp=16, cost=2_500_000)
    return w


def test_the_demo_gives_each_programme_only_the_employees_the_catalogue_opens_it_to(small):
    latsar = Enrolment.objects.filter(session__programme=small.latsar).exclude(status=Enrolment.Status.WAITLISTED)
    assert latsar.exists()
    assert set(latsar.values_list("employee__status", flat=True)) == {EmployeeStatus.CPNS}
    pkp = Enrolment.objects.filter(session__programme=small.pkp)
    assert set(pkp.values_list("employee__position__position_type", flat=True)) == {PositionType.SUPERVISORY}
    assert Enrolment.objects.filter(session__programme=small.bimtek, employee__status=EmployeeStatus.PNS).exists()


def test_a_demo_session_lasts_as_many_days_as_its_jp_need(small):
    sessions = list(Session.objects.filter(agency=small.agency).annotate(n=Count("days")))
    assert {s.programme_id for s in sessions} >= {small.latsar.pk, small.pkp.pk, small.bimtek.pk}
    for s in sessions:
        assert s.n == math.ceil(s.jp / 8), s.display_title  # 400 JP: 50 working days, not 5
        assert s.end_date.year == YEAR
    assert services.training_days(400) == 50


def test_the_jp_of_a_training_day_is_a_setting(settings):
    settings.RENBANG = {**settings.RENBANG, "JP_PER_TRAINING_DAY": 9}
    assert (services.training_days(410), services.training_days(16), services.training_days(0)) == (46, 2, 1)


def test_nobody_takes_two_long_courses_in_the_demo_year(small):
    long = Enrolment.objects.filter(session__agency=small.agency, session__jp__gte=demo.DEMO_LONG_COURSE_JP
                                    ).exclude(status=Enrolment.Status.WAITLISTED)
    assert long.values("session__programme").distinct().count() >= 2
    twice = long.values("employee_id").annotate(n=Count("session__programme", distinct=True)).filter(n__gt=1)
    assert not twice.exists()


def test_the_demo_makes_a_session_from_the_plan_item_with_its_planned_participants_and_runs_once(small):
    session = Session.objects.get(plan_item=small.item)
    assert session.programme_id == small.bimtek.pk and session.start_date.month >= 2
    invited = Enrolment.objects.filter(session=session).exclude(status=Enrolment.Status.WAITLISTED)
    assert set(invited.values_list("employee_id", flat=True)) == {e.pk for e in small.planned}
    assert Enrolment.objects.filter(session=session, completed=True).exists()
    assert demo._link_plan(small.ctx, small.agency) == 0
    before = (Session.objects.count(), Enrolment.objects.count())
    demo.seed(small.ctx)
    assert (Session.objects.count(), Enrolment.objects.count()) == before


def test_spending_outside_the_plan_stays_a_small_share_of_its_budget(capped):
    from renbang.delivery.selectors import plan_spending

    outside_courses = Session.objects.filter(programme__in=[capped.latsar, capped.pkp, capped.teknis])
    assert outside_courses.count() == 3
    # 8 % of 7.5 M Rp pays for no class of 2.5 M Rp courses: cancelled, with the reason, nobody invited
    assert set(outside_courses.values_list("status", flat=True)) == {Session.Status.CANCELLED}
    assert all("tidak termasuk RPK" in s.notes for s in outside_courses)
    assert not Enrolment.objects.filter(session__in=outside_courses).exists()
    in_plan, outside = plan_spending(Enrolment.objects.filter(completed=True), capped.item.plan, YEAR)
    assert in_plan.exists()
    assert sum(e.cost for e in outside) <= demo.DEMO_OUTSIDE_SHARE * 7_500_000
