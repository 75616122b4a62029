"""Sessions from the approved development plan (RPK, renbang.plans): one session per plan item, its planned
participants invited (beyond the capacity: waitlist). Idempotent: an item that has a session is skipped; an item
whose catalogue routine session already has a delivery session is linked to it instead of duplicated."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renbang.catalog.recurrence import indonesian_holidays, next_working_day
from renbang.people.models import Employee
from renbang.plans import selectors as plans

from ..models import Enrolment, Session
from .enrolment import enrolments_invite
from .sessions import earlier_note, session_save, training_schedule


def approved_plans(agency):
    return plans.approved_plans(getattr(agency, "pk", agency))


def _first_day(item, year: int, off) -> dt.date:
    """The item's date, else the 10th of its month, moved to the next working day."""
    return next_working_day(item.date or dt.date(year, item.month, 10), off)[0]


def planned_employee_ids(session: Session):
    """Employees planned for the session's programme in an approved plan of the session's year (the candidates
    for invitations and replacements)."""
    return plans.planned_employee_ids(session.agency_id, session.start_date.year, session.programme_id)


@transaction.atomic
def sessions_from_plan(*, plan, user, invite: bool = True) -> dict[str, int]:
    """Create (or link) a session per item of an approved plan and invite its planned participants."""
    if not user.is_bkpsdm_admin or user.agency_id != plan.agency_id:
        raise PermissionDenied
    if not plans.is_approved(plan):
        raise ValidationError(_("Hanya rencana yang sudah ditetapkan yang dapat dilaksanakan."))
    off = indonesian_holidays([plan.year, plan.year + 1])
    created = linked = invited = waitlisted = 0
    items = plan.items.select_related("programme", "session").order_by("month", "pk")
    for item in items:
        session = Session.objects.filter(plan_item=item).first()
        if session is None and item.session_id:
            session = Session.objects.filter(planned_session_id=item.session_id, plan_item__isnull=True).first()
            if session is not None:
                session.plan_item = item
                session.save(update_fields=["plan_item"])
                linked += 1
        if session is None:
            jp = item.jp or item.programme.jp
            first = _first_day(item, plan.year, off)
            days = training_schedule(first, jp, off, end_by=dt.date(plan.year, 12, 31))
            capacity = max(item.capacity or item.programme.capacity_per_session, 1)
            session = session_save(agency=plan.agency, user=user, days=days, data={
                "programme": item.programme, "plan_item": item, "planned_session": None
                if Session.objects.filter(planned_session_id=item.session_id).exists() else item.session,
                "start_date": days[0], "end_date": days[-1], "capacity": capacity, "jp": Decimal(jp),
                "title": f"{item.programme.title} · {days[0]:%Y/%m}", "status": Session.Status.SCHEDULED,
                "venue": "", "online_url": "", "notes": earlier_note(days[0], first)})
            created += 1
        if invite and session.is_open:
            employees = Employee.objects.filter(plan_assignments__item=item, active=True).order_by(
                "plan_assignments__month", "name").distinct()
            result = enrolments_invite(session=session, employees=list(employees), user=user,
                                       source=Enrolment.Source.PLAN)
            invited += result["invited"]
            waitlisted += result["waitlisted"]
    return {"created": created, "linked": linked, "invited": invited, "waitlisted": waitlisted}
