"""Evaluation fixtures: programmes on Integritas (M.1) for pelaksana, completed sessions with attendees, and helpers
to add feedback quickly. Delivery rows are created directly (the delivery app's services are not under test)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from renbang.catalog.models import ProgrammeEligibility
from renbang.delivery.models import Enrolment, Session
from renbang.evaluation.models import Feedback
from tests.catalog.factories import ProgrammeFactory, method, national, target
from tests.factories import EmployeeFactory


def make_session(programme, employees, *, attended=True, status=Session.Status.COMPLETED, days_ago=5,
                 length=2) -> Session:
    end = timezone.localdate() - dt.timedelta(days=days_ago)
    session = Session.objects.create(agency=programme.agency, programme=programme, start_date=end - dt.timedelta(
        days=length - 1), end_date=end, capacity=max(len(employees), 1), jp=programme.jp, status=status)
    Enrolment.objects.bulk_create([Enrolment(session=session, employee=e, status=Enrolment.Status.CONFIRMED,
                                             completed=attended and status == Session.Status.COMPLETED)
                                   for e in employees])
    return session


def give_feedback(session, benefits, *, others: int = 4, comment: str = "") -> list[Feedback]:
    """Feedback from the first len(benefits) enrolments of `session`, with the given benefit scores."""
    enrolments = list(Enrolment.objects.filter(session=session).order_by("pk")[: len(benefits)])
    rows = [Feedback(enrolment=e, relevance=others, material=others, facilitator=others, organisation=others,
                     benefit=b, comment=comment) for e, b in zip(enrolments, benefits, strict=True)]
    return Feedback.objects.bulk_create(rows)


def staff(world, n: int, prefix: str = "Peserta"):
    return [EmployeeFactory(agency=world.agency, unit=world.section_a, position=world.positions.staff,
                            supervisor=world.chief, name=f"{prefix} {i}") for i in range(n)]


@pytest.fixture
def ev(world):
    """P (Bimtek, M.1, pelaksana) disappoints; Q (e-learning, M.1, open to all) is the alternative; R covers M.2.

    Each has one completed session with 12 participants besides the world's staff member (who attended P's)."""
    m1, m2 = national("M.1", "Integritas"), national("M.2", "Kerja Sama")
    p = ProgrammeFactory(agency=world.agency, code="P-BIM", title="Bimtek Integritas", method=method("KL-BIM"))
    q = ProgrammeFactory(agency=world.agency, code="Q-ELE", title="E-learning Integritas", method=method("NK-ELE"))
    r = ProgrammeFactory(agency=world.agency, code="R-KS", title="Workshop Kerja Sama", method=method("KL-BIM"))
    target(p, m1)
    target(q, m1)
    target(r, m2)
    ProgrammeEligibility.objects.create(programme=p, position_type="pelaksana")
    people = staff(world, 12)
    session_p = make_session(p, [world.staff, *people])
    session_q = make_session(q, staff(world, 12, "Peserta Q"))
    return SimpleNamespace(m1=m1, m2=m2, p=p, q=q, r=r, people=people, session_p=session_p, session_q=session_q,
                           enrolment=Enrolment.objects.get(session=session_p, employee=world.staff), world=world)
