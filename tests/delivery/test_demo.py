"""The delivery demo on a small world (factories, not a seeded city): participants are eligible by the catalogue's
rule (position type and employment status: the CPNS basic training goes to CPNS only), a session lasts as many
working days as its JP need (RENBANG["JP_PER_TRAINING_DAY"]), nobody takes two long courses (leadership, CPNS basic
training: hundreds of JP each) in a year, and sessions are tied to the approved RPK's items (so the plan has a
realisation to show). Seeding twice changes nothing."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from django.db.models import Count

from renbang.core.demo import DemoContext
from renbang.delivery import demo, services
from renbang.delivery.models import Enrolment, Session
from renbang.org.models import PositionType
from renbang.people.models import EmployeeStatus
from renbang.plans.models import DevelopmentPlan, PlanItem
from tests.catalog.factories import ProgrammeFactory, method
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

YEAR = dt.date.today().year - 1  # a past year: every demo session is delivered


@pytest.fixture
def small(world):
    """world + 3 CPNS and 3 more PNS executives; a CPNS basic training (400 JP, executives, CPNS only), a
    supervisors' leadership course (300 JP), a 120 JP technical course for executives (PNS and CPNS: a second
    long course the CPNS must not get), a 16 JP bimtek in the
    approved RPK of the year (item in February)."""
    w = world
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
    w.ctx = DemoContext(agency=w.agency, year=YEAR, log=lambda *a: None)
    demo.seed(w.ctx)
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


def test_the_demo_ties_sessions_to_the_plan_and_runs_once(small):
    linked = demo._link_plan(small.ctx, small.agency)
    session = Session.objects.get(plan_item=small.item)
    assert linked == 1 and session.programme_id == small.bimtek.pk and session.start_date.month >= 2
    assert Enrolment.objects.filter(session=session, completed=True).exists()
    assert demo._link_plan(small.ctx, small.agency) == 0
    before = (Session.objects.count(), Enrolment.objects.count())
    demo.seed(small.ctx)
    assert (Session.objects.count(), Enrolment.objects.count()) == before
