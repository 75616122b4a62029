"""Reads of delivery, through the scoping path.

For evaluation and other apps — who attended/completed session S:
- `completers(session)`: enrolments of S with `completed=True` (closed by services.session_complete under the
  agency's completion rule, DeliverySettings.completion_percent);
- `attendees(session)`: enrolments of S with at least one day marked present or late (even if not completed).
Both return Enrolment querysets (use `.values("employee_id")` for the employees). They are not narrowed to a
user: wrap them in `renbang.accounts.scoping.for_user(..., user)` when showing them to someone.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from .models import Attendance, Enrolment


def completers(session):
    """Enrolments of `session` that completed it (the selector evaluation should use)."""
    return Enrolment.objects.filter(session=session, completed=True).select_related("employee")


def attendees(session):
    """Enrolments of `session` with at least one day present (or late)."""
    present = Attendance.objects.filter(enrolment=OuterRef("pk"), status__in=Attendance.PRESENT_STATUSES)
    return Enrolment.objects.filter(session=session).filter(Exists(present)).select_related("employee")
