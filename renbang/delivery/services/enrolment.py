"""Invitations and enrolment: invite, confirm or decline with a reason, waitlist, replacement, release by the
supervisor. Notices go in-app and by e-mail (services.notices)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from renbang.core.notices import notify_employees
from renbang.people.models import Employee

from ..models import Enrolment, Session


def _invite_notice(session: Session, employees: list) -> None:
    if not employees:
        return
    when = session.start_date.strftime("%d-%m-%Y")
    if session.end_date != session.start_date:
        when += "–" + session.end_date.strftime("%d-%m-%Y")
    when += f", {session.start_time:%H:%M}–{session.end_time:%H:%M}"
    body = _("Anda diundang mengikuti %(s)s, %(when)s, %(where)s. Mohon konfirmasi kehadiran di Renbang.") % {
        "s": session.display_title, "when": when,
        "where": session.venue or session.online_url or _("tempat menyusul")}
    notify_employees(employees=employees, kind="delivery.invitation", body=body,
                     title=_("Undangan: %(s)s") % {"s": session.display_title}, url=reverse("delivery:my_schedule"))


def _active_count(session: Session) -> int:
    return session.enrolments.filter(status__in=Enrolment.ACTIVE).count()


@transaction.atomic
def enrolments_invite(*, session: Session, employees: Iterable[Employee], user=None,
                      source: str = Enrolment.Source.MANUAL) -> dict[str, int]:
    """Invite employees; beyond the capacity they go on the waitlist (in the order given). Already enrolled
    employees are left as they are. Returns counts: invited, waitlisted, skipped."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if not session.is_open:
        raise ValidationError(_("Sesi ini sudah selesai atau dibatalkan."))
    employees = list(employees)
    foreign = [e for e in employees if e.agency_id != session.agency_id]
    if foreign:
        raise ValidationError(_("Pegawai harus dari instansi yang sama."))
    taken = set(session.enrolments.values_list("employee_id", flat=True))
    free = session.capacity - _active_count(session)
    rank = session.enrolments.aggregate(m=Max("waitlist_rank"))["m"] or 0
    now = timezone.now()
    rows, invited = [], []
    for employee in employees:
        if employee.pk in taken or not employee.active:
            continue
        taken.add(employee.pk)
        if free > 0:
            rows.append(Enrolment(session=session, employee=employee, status=Enrolment.Status.INVITED,
                                  source=source, invited_at=now, decided_by=user))
            invited.append(employee)
            free -= 1
        else:
            rank += 1
            rows.append(Enrolment(session=session, employee=employee, status=Enrolment.Status.WAITLISTED,
                                  source=source, waitlist_rank=rank, decided_by=user))
    Enrolment.objects.bulk_create(rows)
    _invite_notice(session, invited)
    return {"invited": len(invited), "waitlisted": len(rows) - len(invited),
            "skipped": len(employees) - len(rows)}


def _fill_from_waitlist(session: Session, *, replaces: Enrolment | None = None) -> Enrolment | None:
    """Move the first on the waitlist into a free place (after a decline, a release, a cancellation)."""
    if not session.is_open or _active_count(session) >= session.capacity:
        return None
    nxt = session.enrolments.filter(status=Enrolment.Status.WAITLISTED).order_by("waitlist_rank", "pk").first()
    if nxt is None:
        return None
    nxt.status = Enrolment.Status.INVITED
    nxt.waitlist_rank = None
    nxt.invited_at = timezone.now()
    nxt.replaces = replaces
    nxt.save(update_fields=["status", "waitlist_rank", "invited_at", "replaces"])
    _invite_notice(session, [nxt.employee])
    return nxt


def _locked(enrolment: Enrolment) -> Enrolment:
    return Enrolment.objects.select_for_update().select_related("session", "employee").get(pk=enrolment.pk)


@transaction.atomic
def enrolment_respond(*, enrolment: Enrolment, user, accept: bool, reason: str = "") -> Enrolment:
    """The invited employee confirms, or declines with a reason (a declined place goes to the waitlist)."""
    enrolment = _locked(enrolment)
    if not user.employee_id or user.employee_id != enrolment.employee_id:
        raise PermissionDenied
    if not enrolment.session.is_open:
        raise ValidationError(_("Sesi ini sudah selesai atau dibatalkan."))
    if enrolment.status not in Enrolment.ACTIVE:
        raise ValidationError(_("Undangan ini tidak dapat dijawab lagi (status: %(s)s).") % {
            "s": enrolment.get_status_display()})
    reason = (reason or "").strip()
    if not accept and not reason:
        raise ValidationError({"reason": _("Tuliskan alasan menolak undangan.")})
    enrolment.status = Enrolment.Status.CONFIRMED if accept else Enrolment.Status.DECLINED
    enrolment.reason = "" if accept else reason[:1000]
    enrolment.responded_at = timezone.now()
    enrolment.save(update_fields=["status", "reason", "responded_at"])
    if not accept:
        _fill_from_waitlist(enrolment.session, replaces=enrolment)
    return enrolment


def can_release(user, employee: Employee) -> bool:
    """BKPSDM, the OPD HR officer of the employee's unit, or a (direct or indirect) supervisor."""
    from renbang.accounts.scoping import CHANGE, employee_q

    if not user.is_authenticated or user.agency_id != employee.agency_id:
        return False
    if user.is_bkpsdm_admin:
        return True
    if user.is_hr_officer and Employee.objects.filter(employee_q(user, "pk", CHANGE), pk=employee.pk).exists():
        return True
    return bool(user.employee_id and user.employee_id != employee.pk
                and Employee.objects.subordinates_of(user.employee_id).filter(pk=employee.pk).exists())


def releasable_ids(user, employee_ids) -> set[int]:
    """Of these employees, those `user` may release (same rule as can_release, in at most two queries)."""
    from renbang.accounts.scoping import CHANGE, employee_q

    ids = set(employee_ids)
    if not user.is_authenticated or not ids:
        return set()
    if user.is_bkpsdm_admin:
        return set(Employee.objects.filter(pk__in=ids, agency_id=user.agency_id).values_list("pk", flat=True))
    result: set[int] = set()
    if user.is_hr_officer:
        result |= set(Employee.objects.filter(employee_q(user, "pk", CHANGE), pk__in=ids).values_list("pk", flat=True))
    if user.employee_id:
        result |= set(Employee.objects.subordinates_of(user.employee_id).filter(pk__in=ids).values_list(
            "pk", flat=True))
    result.discard(user.employee_id)
    return result


@transaction.atomic
def enrolment_release(*, enrolment: Enrolment, user, reason: str) -> Enrolment:
    """A supervisor releases their staff member from a session (work needs), with a reason; the place goes to
    the waitlist."""
    enrolment = _locked(enrolment)
    if not can_release(user, enrolment.employee):
        raise PermissionDenied
    if not enrolment.session.is_open or enrolment.status not in (*Enrolment.ACTIVE, Enrolment.Status.WAITLISTED):
        raise ValidationError(_("Peserta ini tidak dapat dibebaskan lagi."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan pembebasan.")})
    was_active = enrolment.is_active
    enrolment.status = Enrolment.Status.RELEASED
    enrolment.reason = reason[:1000]
    enrolment.decided_by = user
    enrolment.waitlist_rank = None
    enrolment.responded_at = timezone.now()
    enrolment.save(update_fields=["status", "reason", "decided_by", "waitlist_rank", "responded_at"])
    notify_employees(employees=[enrolment.employee], kind="delivery.released",
                     title=_("Dibebaskan dari %(s)s") % {"s": enrolment.session.display_title}, body=reason,
                     url=reverse("delivery:my_schedule"))
    if was_active:
        _fill_from_waitlist(enrolment.session, replaces=enrolment)
    return enrolment


@transaction.atomic
def enrolment_replace(*, enrolment: Enrolment, candidate: Employee, user) -> Enrolment:
    """BKPSDM invites `candidate` in place of a declined/released/cancelled participant."""
    enrolment = _locked(enrolment)
    session = enrolment.session
    if not user.is_bkpsdm_admin or user.agency_id != session.agency_id:
        raise PermissionDenied
    if enrolment.is_active:
        raise ValidationError(_("Peserta ini masih aktif; batalkan dulu sebelum diganti."))
    if candidate.agency_id != session.agency_id or not candidate.active:
        raise ValidationError(_("Pegawai pengganti tidak ditemukan di instansi ini."))
    existing = session.enrolments.filter(employee=candidate).first()
    if existing is not None and existing.status != Enrolment.Status.WAITLISTED:
        raise ValidationError(_("Pegawai ini sudah terdaftar di sesi ini."))
    if _active_count(session) >= session.capacity:
        raise ValidationError(_("Kapasitas sesi sudah penuh."))
    new = existing or Enrolment(session=session, employee=candidate)
    new.status = Enrolment.Status.INVITED
    new.source = Enrolment.Source.REPLACEMENT if existing is None else new.source
    new.waitlist_rank = None
    new.replaces = enrolment
    new.invited_at = timezone.now()
    new.decided_by = user
    new.save()
    _invite_notice(session, [candidate])
    return new


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, user, reason: str = "") -> Enrolment:
    enrolment = _locked(enrolment)
    if not user.is_bkpsdm_admin or user.agency_id != enrolment.session.agency_id:
        raise PermissionDenied
    if enrolment.session.status == Session.Status.COMPLETED:
        raise ValidationError(_("Sesi sudah ditutup."))
    was_active = enrolment.is_active
    enrolment.status = Enrolment.Status.CANCELLED
    enrolment.reason = (reason or "").strip()[:1000]
    enrolment.waitlist_rank = None
    enrolment.decided_by = user
    enrolment.save(update_fields=["status", "reason", "waitlist_rank", "decided_by"])
    if was_active:
        _fill_from_waitlist(enrolment.session, replaces=enrolment)
    return enrolment
