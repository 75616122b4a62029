"""Sessions from the approved development plan: one per item, planned participants invited, idempotent."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renbang.delivery import services
from renbang.delivery.models import Enrolment, Session
from renbang.delivery.views.sessions import replacement_candidates
from renbang.plans.models import DevelopmentPlan, PlanAssignment, PlanItem, PlanStatus

from .helpers import make_programme


def _plan(world, status=PlanStatus.APPROVED, capacity=2):
    programme = make_programme(world, jp=16)
    plan = DevelopmentPlan.objects.create(agency=world.agency, year=2026, title="RPK 2026", status=status)
    item = PlanItem.objects.create(plan=plan, programme=programme, method=programme.method, route="klasikal",
                                   form="Pelatihan teknis", month=3, capacity=capacity, jp=16)
    for employee in (world.staff, world.chief, world.other):
        PlanAssignment.objects.create(plan=plan, item=item, employee=employee, programme=programme,
                                      unit=employee.unit, month=3, jp=16)
    return plan, item


def test_it_creates_sessions_and_invites_planned_participants(world, login):
    plan, item = _plan(world)
    result = services.sessions_from_plan(plan=plan, user=world.users.admin)
    assert result == {"created": 1, "linked": 0, "invited": 2, "waitlisted": 1}
    session = Session.objects.get(plan_item=item)
    assert session.days.count() == 2 and session.start_date.month == 3 and session.jp == 16
    assert all(e.source == Enrolment.Source.PLAN for e in session.enrolments.all())
    again = services.sessions_from_plan(plan=plan, user=world.users.admin)
    assert again == {"created": 0, "linked": 0, "invited": 0, "waitlisted": 0}
    waiting = session.enrolments.get(status=Enrolment.Status.WAITLISTED).employee
    assert waiting in replacement_candidates(session)  # other planned candidates


def test_only_bkpsdm_and_only_approved_plans(world, login):
    plan, _item = _plan(world, status=PlanStatus.SUBMITTED)
    with pytest.raises(ValidationError):
        services.sessions_from_plan(plan=plan, user=world.users.admin)
    plan.status = PlanStatus.APPROVED
    plan.save()
    with pytest.raises(PermissionDenied):
        services.sessions_from_plan(plan=plan, user=world.users.officer_a)
    assert login(world.users.officer_a).post("/pelaksanaan/sesi/dari-rencana/", {"plan": plan.pk}).status_code == 403
    response = login(world.users.admin).post("/pelaksanaan/sesi/dari-rencana/", {"plan": plan.pk})
    assert response.status_code == 302 and Session.objects.count() == 1
    assert login(world.users.admin).post("/pelaksanaan/sesi/dari-rencana/", {"plan": "x"}).status_code == 302


def test_a_plan_item_on_a_routine_session_links_to_its_delivery_session(world):
    from renbang.catalog.models import RecurrenceRule
    from renbang.catalog.services import planned_sessions_generate

    plan, item = _plan(world, capacity=30)
    rule = RecurrenceRule.objects.create(programme=item.programme, mode="nth_weekday", weekday=1, nth=2)
    planned_sessions_generate(rule=rule, year=2026)
    routine = item.programme.planned_sessions.get(month=3)
    item.session = routine
    item.save()
    existing = services.session_from_planned(planned=routine)
    result = services.sessions_from_plan(plan=plan, user=world.users.admin)
    assert result["created"] == 0 and result["linked"] == 1 and result["invited"] == 3
    existing.refresh_from_db()
    assert existing.plan_item == item and Session.objects.count() == 1


def _routine(world, jp: int, *, weekday: int = 4):
    """A routine (monthly) catalogue programme of `jp` JP on the 2nd given weekday; its March 2026 planned session."""
    from renbang.catalog.models import RecurrenceRule
    from renbang.catalog.services import planned_sessions_generate

    programme = make_programme(world, code=f"RUT-{jp}", jp=jp)
    rule = RecurrenceRule.objects.create(programme=programme, mode="nth_weekday", weekday=weekday, nth=2)
    planned_sessions_generate(rule=rule, year=2026)
    return programme.planned_sessions.get(month=3)


def test_a_routine_session_lasts_as_many_working_days_as_its_jp_needs(world, settings):
    """A routine session follows the rule of every session: ceil(JP / JP_PER_TRAINING_DAY) working days from its
    planned date, weekends skipped (20 JP at 8 a day: Friday 13 March 2026, Monday 16 and Tuesday 17)."""
    planned = _routine(world, 20)
    assert planned.date.isoformat() == "2026-03-13"
    session = services.session_from_planned(planned=planned)
    days = [d.date.isoformat() for d in session.days.order_by("date")]
    assert days == ["2026-03-13", "2026-03-16", "2026-03-17"]
    assert (session.start_date.isoformat(), session.end_date.isoformat(), session.jp) == (
        "2026-03-13", "2026-03-17", 20)
    short = _routine(world, 4, weekday=1)
    assert [s.days.count() for s in services.sessions_from_planned(agency=world.agency, year=2026, month=3)] == [1]
    assert Session.objects.get(planned_session=short).start_date == short.date
    settings.RENBANG = {**settings.RENBANG, "JP_PER_TRAINING_DAY": 2}
    longer = services.session_from_planned(planned=_routine(world, 6, weekday=2))
    assert longer.days.count() == 3


def test_the_routine_sessions_of_a_year_end_within_that_year_even_a_long_one_in_december(world):
    """A monthly routine of 120 JP (15 training days) on the last Friday: December's pattern date is Christmas
    (25 December 2026); its session runs 10–31 December, not into January 2027. Every session of the year's routine
    plan ends in 2026."""
    from renbang.catalog.models import RecurrenceRule
    from renbang.catalog.services import planned_sessions_generate

    programme = make_programme(world, code="RUT-120", jp=120)
    rule = RecurrenceRule.objects.create(programme=programme, mode="nth_weekday", weekday=4, nth=-1)
    planned_sessions_generate(rule=rule, year=2026)
    sessions = services.sessions_from_planned(agency=world.agency, year=2026)
    assert len(sessions) == 12 and all(s.days.count() == 15 for s in sessions)
    assert max(d.date for s in sessions for d in s.days.all()).isoformat() == "2026-12-31"
    december = Session.objects.get(planned_session__month=12)
    assert (december.start_date.isoformat(), december.end_date.isoformat()) == ("2026-12-10", "2026-12-31")
    assert "Dimajukan dari 25-12-2026" in december.notes


def test_a_routine_session_whose_programme_grew_after_planning_still_ends_within_the_year(world):
    """The planned date was set for 8 JP; the programme now has 40 JP (5 days). Started on Monday 28 December 2026
    it would end on 4 January 2027; it starts on Thursday 24 December and says so."""
    from renbang.catalog.models import RecurrenceRule
    from renbang.catalog.services import planned_sessions_generate

    programme = make_programme(world, code="RUT-8", jp=8)
    rule = RecurrenceRule.objects.create(programme=programme, mode="nth_weekday", weekday=4, nth=-1, months=[12])
    planned = planned_sessions_generate(rule=rule, year=2026)[0]
    assert planned.date.isoformat() == "2026-12-28"
    programme.jp = 40
    programme.save()
    session = services.session_from_planned(planned=planned)
    assert [d.date.isoformat() for d in session.days.order_by("date")] == [
        "2026-12-24", "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"]
    assert "Dimulai 24-12-2026, lebih awal dari tanggal rencana 28-12-2026" in session.notes


def test_a_december_item_of_the_development_plan_ends_within_the_plan_year(world):
    plan, item = _plan(world)
    item.month, item.jp = 12, 128  # 16 training days from 10 December 2026 would end on 4 January 2027
    item.save()
    services.sessions_from_plan(plan=plan, user=world.users.admin)
    session = Session.objects.get(plan_item=item)
    assert (session.start_date.isoformat(), session.end_date.isoformat()) == ("2026-12-09", "2026-12-31")
    assert session.days.count() == 16 and "lebih awal dari tanggal rencana 10-12-2026" in session.notes
