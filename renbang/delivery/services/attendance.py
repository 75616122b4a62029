"""Attendance per session day (bulk entry by the facilitator, self check-in with the session's code), closing a
session by the agency's completion rule, and certificates."""

from __future__ import annotations

import datetime as dt
import hmac
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from renbang.core.notices import notify_employees

from ..models import Attendance, Certificate, Enrolment, Session, SessionDay
from .sessions import can_facilitate, settings_for

#: Enrolments whose attendance is taken: invited people who show up count too.
ROSTER = (*Enrolment.ACTIVE,)


@transaction.atomic
def attendance_record(*, session: Session, user, marks: dict[tuple[int, int], str]) -> int:
    """Save the grid: marks[(enrolment_id, day_id)] = status ('' clears a cell). Returns the cells changed.

    Only the session's facilitator or BKPSDM; only enrolments on the roster and days of this session.
    """
    if not can_facilitate(user, session):
        raise PermissionDenied
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("Sesi ini dibatalkan."))
    valid_status = set(Attendance.Status.values)
    roster = set(session.enrolments.filter(status__in=ROSTER).values_list("pk", flat=True))
    days = set(session.days.values_list("pk", flat=True))
    bad = [(e, d, s) for (e, d), s in marks.items() if e not in roster or d not in days or
           (s and s not in valid_status)]
    if bad:
        raise ValidationError(_("Isian kehadiran tidak dikenal: %(n)s sel.") % {"n": len(bad)})
    existing = {(a.enrolment_id, a.day_id): a for a in Attendance.objects.filter(
        enrolment_id__in=roster, day_id__in=days)}
    create, update, delete = [], [], []
    for key, status in marks.items():
        row = existing.get(key)
        if not status:
            if row is not None:
                delete.append(row.pk)
        elif row is None:
            create.append(Attendance(enrolment_id=key[0], day_id=key[1], status=status,
                                     method=Attendance.Method.FACILITATOR, recorded_by=user))
        elif row.status != status:
            row.status, row.method, row.recorded_by = status, Attendance.Method.FACILITATOR, user
            update.append(row)
    Attendance.objects.bulk_create(create)
    now = timezone.now()
    for row in update:
        row.recorded_at = now
    Attendance.objects.bulk_update(update, ["status", "method", "recorded_by", "recorded_at"])
    Attendance.objects.filter(pk__in=delete).delete()
    if session.status == Session.Status.SCHEDULED and (create or update):
        session.status = Session.Status.RUNNING
        session.save(update_fields=["status"])
    return len(create) + len(update) + len(delete)


@transaction.atomic
def self_checkin(*, user, code: str, today: dt.date | None = None) -> Attendance:
    """The employee checks in with the code the facilitator shows, on a day of a session they are enrolled in."""
    today = today or timezone.localdate()
    code = (code or "").strip().upper()
    if not user.employee_id:
        raise PermissionDenied
    if not code:
        raise ValidationError({"code": _("Masukkan kode presensi.")})
    days = SessionDay.objects.filter(
        date=today, session__agency_id=user.agency_id, session__enrolments__employee_id=user.employee_id,
        session__enrolments__status__in=ROSTER,
    ).exclude(session__status__in=[Session.Status.CANCELLED, Session.Status.COMPLETED]).select_related("session")
    for day in days:
        if hmac.compare_digest(day.session.checkin_code.upper(), code):
            if not settings_for(day.session.agency).self_checkin:
                raise ValidationError({"code": _("Presensi mandiri tidak diaktifkan di instansi ini.")})
            enrolment = day.session.enrolments.get(employee_id=user.employee_id)
            row, created = Attendance.objects.get_or_create(
                enrolment=enrolment, day=day,
                defaults={"status": Attendance.Status.PRESENT, "method": Attendance.Method.SELF, "recorded_by": user})
            if not created and row.status not in Attendance.PRESENT_STATUSES:
                row.status, row.method, row.recorded_by = Attendance.Status.PRESENT, Attendance.Method.SELF, user
                row.save(update_fields=["status", "method", "recorded_by", "recorded_at"])
            return row
    raise ValidationError({"code": _("Kode tidak cocok dengan sesi Anda hari ini.")})


def attendance_percent(present_days: int, total_days: int) -> Decimal:
    if total_days <= 0:
        return Decimal("0")
    return (Decimal(100 * present_days) / Decimal(total_days)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def session_complete(*, session: Session, user) -> dict[str, int]:
    """Close a session: each enrolment on the roster completes when its attendance reaches the agency's
    completion rule (DeliverySettings.completion_percent); completers get the session's JP and a certificate.

    Re-closing recomputes (after a late correction): a certificate of someone who no longer completes is revoked.
    """
    session = Session.objects.select_for_update().get(pk=session.pk)
    if not can_facilitate(user, session):
        raise PermissionDenied
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("Sesi ini dibatalkan."))
    n_days = session.days.count()
    if n_days == 0:
        raise ValidationError(_("Sesi belum memiliki hari pelaksanaan."))
    if session.start_date > timezone.localdate():
        raise ValidationError(_("Sesi belum dimulai."))
    threshold = Decimal(settings_for(session.agency).completion_percent)
    present: dict[int, int] = {}
    for enrolment_id in Attendance.objects.filter(
            day__session=session, status__in=Attendance.PRESENT_STATUSES).values_list("enrolment_id", flat=True):
        present[enrolment_id] = present.get(enrolment_id, 0) + 1
    enrolments = list(session.enrolments.filter(status__in=ROSTER).select_related("employee"))
    completers = []
    for enrolment in enrolments:
        enrolment.attendance_percent = attendance_percent(present.get(enrolment.pk, 0), n_days)
        enrolment.completed = enrolment.attendance_percent >= threshold
        enrolment.jp = session.jp if enrolment.completed else Decimal("0")
        if enrolment.completed:
            completers.append(enrolment)
    Enrolment.objects.bulk_update(enrolments, ["attendance_percent", "completed", "jp"])
    # Anyone outside the roster (declined, released…) never holds JP of this session.
    session.enrolments.exclude(status__in=ROSTER).update(completed=False, jp=0)
    have = set(Certificate.objects.filter(enrolment__session=session).values_list("enrolment_id", flat=True))
    Certificate.objects.bulk_create([Certificate(enrolment=e) for e in completers if e.pk not in have])
    Certificate.objects.filter(enrolment__session=session).exclude(
        enrolment_id__in=[e.pk for e in completers]).update(revoked=True)
    Certificate.objects.filter(enrolment_id__in=[e.pk for e in completers]).update(revoked=False)
    session.status = Session.Status.COMPLETED
    session.completed_at = timezone.now()
    session.save(update_fields=["status", "completed_at"])
    notify_employees(employees=[e.employee for e in completers], kind="delivery.completed",
                     title=_("Selesai: %(s)s (%(jp)s JP)") % {"s": session.display_title, "jp": session.jp},
                     body=_("Sertifikat Anda dapat diunduh."), url=reverse("delivery:my_jp"), email=False)
    return {"completed": len(completers), "not_completed": len(enrolments) - len(completers)}
