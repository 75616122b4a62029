"""The delivery demo: its sessions are tied to the approved RPK's items (so the plan has a realisation to show), and
nobody takes two long courses (leadership, CPNS basic training: hundreds of JP each) in the same year."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from renbang.core.demo import DEMO_AGENCY_CODE, DemoContext
from renbang.delivery import demo
from renbang.delivery.models import Enrolment, Session
from renbang.org.models import Agency
from renbang.plans import selectors as plans

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_demo_ties_sessions_to_the_plan_and_gives_one_long_course_a_year():
    call_command("seed_demo", employees=400, stdout=io.StringIO())
    agency = Agency.objects.get(code=DEMO_AGENCY_CODE)
    year = Session.objects.filter(agency=agency).order_by("start_date").first().start_date.year
    plan = plans.approved_plan(agency.pk, year)
    linked = list(Session.objects.filter(plan_item__plan=plan).select_related("plan_item"))
    assert linked, "no session of the demo is tied to the RPK"
    assert all(s.programme_id == s.plan_item.programme_id and s.start_date.month >= s.plan_item.month
               for s in linked)
    assert len({s.plan_item_id for s in linked}) == len(linked)
    assert Enrolment.objects.filter(session__in=linked, completed=True).exists()
    twice = (Enrolment.objects.filter(session__agency=agency, completed=True,
                                      session__jp__gte=demo.DEMO_LONG_COURSE_JP)
             .values("employee_id").annotate(n=Count("pk")).filter(n__gt=1))
    assert not twice.exists()
    ctx = DemoContext(agency=agency, year=year, log=lambda *a: None)
    assert demo._link_plan(ctx, agency) == 0  # idempotent
