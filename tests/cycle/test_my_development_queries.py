"""'My development' reads a fixed number of queries whatever the employee's history: more needs, carried needs,
IDP rows, sessions, certificates, verified claims, mentoring pairs and feedback owed give the same count."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from renbang.core import usercache
from renbang.cycle.models import CarriedNeed
from renbang.delivery.models import Certificate, Enrolment, ExternalClaim
from renbang.mentoring.models import Log, MentoringProgramme, Pair, Participant
from renbang.needs.models import Need
from renbang.plans.models import DevelopmentPlan, IndividualPlan, PlanAssignment, PlanItem
from tests.catalog.factories import ProgrammeFactory, method, national
from tests.evaluation.conftest import make_session
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def grow(w, k: int, tag: str) -> None:
    """k more of everything 'my development' shows for the staff member, in the current year."""
    year = timezone.localdate().year
    campaign = w.campaigns[2026]
    plan, _ = DevelopmentPlan.objects.get_or_create(agency=w.agency, year=year, version=1,
                                                    defaults={"title": f"RPK {year}", "status": "approved"})
    IndividualPlan.objects.get_or_create(plan=plan, employee=w.staff, defaults={"status": "approved"})
    for i in range(k):
        competency = national(f"T.{tag}.{i}", f"Teknis {tag} {i}")
        Need.objects.create(campaign=campaign, employee=w.staff, unit=w.staff.unit, competency=competency,
                            required=3, current=2, gap=1, next_required=4, next_gap=2, priority=Decimal(5))
        CarriedNeed.objects.create(agency=w.agency, from_year=year - 1, year=year, employee=w.staff,
                                   unit=w.staff.unit, competency=competency, gap=1, programme_title=f"Sisa {i}")
        programme = ProgrammeFactory(agency=w.agency, code=f"G-{tag}-{i}", title=f"Pelatihan {tag} {i}",
                                     method=method("KL-BIM"))
        item = PlanItem.objects.create(plan=plan, programme=programme, method=programme.method, route="klasikal",
                                       form="Bimbingan teknis", month=1 + i % 12, capacity=30, jp=8)
        PlanAssignment.objects.create(plan=plan, item=item, employee=w.staff, programme=programme,
                                      unit=w.staff.unit, competency=competency, jp=8, month=item.month)
        session = make_session(programme, [w.staff], days_ago=3 + i)  # completed, feedback not yet given
        Certificate.objects.create(enrolment=Enrolment.objects.get(session=session), number=f"800/{tag}/{i}")
        ExternalClaim.objects.create(employee=w.staff, title=f"Webinar {tag} {i}", provider_name="LAN",
                                     start_date=dt.date(year, 2, 2), end_date=dt.date(year, 2, 2), jp=2,
                                     certificate_number=f"LAN/{tag}/{i}", status="verified")
        mentoring = MentoringProgramme.objects.create(
            agency=w.agency, title=f"Mentoring {tag} {i}", method=method("NK-MEN"), start_date=dt.date(year, 1, 1),
            end_date=dt.date(year, 12, 31), status="running")
        mentor = EmployeeFactory(agency=w.agency, unit=w.staff.unit, position=w.positions.pengawas)
        Participant.objects.create(programme=mentoring, employee=mentor, role="mentor")
        Participant.objects.create(programme=mentoring, employee=w.staff, role="mentee")
        pair = Pair.objects.create(programme=mentoring, mentor=mentor, mentee=w.staff, status="locked", reason="uji")
        Log.objects.create(pair=pair, date=dt.date(year, 3, 3), topic="Temu", duration_minutes=45, jp=Decimal("1"))


def queries(client) -> tuple[int, dict]:
    """The page computed afresh (not served from the user's cached entry, renbang.core.usercache)."""
    usercache.forget([int(client.session["_auth_user_id"])])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/siklus/saya/")
    assert response.status_code == 200
    return len(ctx.captured_queries), response.context["data"]


@time_machine.travel(dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC))  # the sessions of the last days stay in the year
def test_my_development_reads_as_many_queries_for_a_long_history_as_for_a_short_one(cycle, login):
    grow(cycle, 1, "a")
    client = login(cycle.users.employee)
    queries(client)  # the first request also fills the caches (settings, content types): count from the second
    small, data = queries(client)
    assert (len(data["idp"]), len(data["sessions"]), len(data["certificates"])) == (1, 1, 2)
    grow(cycle, 6, "b")
    large, data = queries(client)
    # the data did grow on the page: seven of each
    assert (len(data["idp"]), len(data["sessions"]), len(data["certificates"]), len(data["carried"])) == (7, 7, 14, 7)
    assert len(data["feedback_owed"]) == 7 and len(data["mentoring_feedback_owed"]) == 8
    assert len(data["pairs"]) == 8 and len(data["profile"]["needs"]) >= 9
    assert large == small, f"{small} queries with one of each, {large} with seven"
    assert small <= 33  # measured: 33 (the JP ledger's settings once, not twice; its SIASN history: one)
