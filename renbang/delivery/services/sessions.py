"""Writes on sessions: save with days, create from the catalogue's planned (routine) sessions, cancel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from renbang.catalog.models import PlannedSession
from renbang.catalog.recurrence import indonesian_holidays, latest_start, next_working_day
from renbang.catalog.services import training_days
from renbang.core.notices import notify_employees

from ..models import DeliverySettings, Enrolment, Session, SessionDay

MAX_DAYS = 60


def settings_for(agency) -> DeliverySettings:
    """The agency's delivery rules (created with the regulation defaults on first use)."""
    obj, _created = DeliverySettings.objects.get_or_create(agency=agency)
    return obj


def settings_update(*, agency, data: dict) -> DeliverySettings:
    obj = settings_for(agency)
    for key, value in data.items():
        setattr(obj, key, value)
    obj.full_clean()
    obj.save()
    return obj


def training_schedule(first_day: dt.date, jp, off=None, *, end_by: dt.date | None = None) -> list[dt.date]:
    """The days of a session of `jp` JP starting on `first_day`: `first_day` and the following working days
    (Monday–Friday, not a national holiday of `off`; default the Indonesian holidays of the years concerned), as
    many as `training_days(jp)`. The one rule for sessions made from the RPK and from routine catalogue sessions.

    With `end_by` (31 December of the plan's year), a session that would end later starts earlier instead, on the
    latest working day from which its days end by then: a year's sessions end within that year."""
    n_days = training_days(jp)
    if off is None:
        off = indonesian_holidays(range(first_day.year, first_day.year + 2))
    latest = latest_start(end_by, n_days, off) if end_by is not None else None
    if latest is not None:  # None: longer than the year itself; it keeps its day (and its length is checked)
        first_day = min(first_day, latest)
    days = [first_day]
    while len(days) < n_days:
        day, _reason = next_working_day(days[-1] + dt.timedelta(days=1), off)
        days.append(day)
    return days


def working_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """Monday–Friday between start and end; a one-day session keeps its day even on a weekend (warned)."""
    if start == end:
        return [start]
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    return [d for d in days if d.weekday() < 5] or [start]


def can_facilitate(user, session: Session) -> bool:
    return bool(user.is_authenticated and user.agency_id == session.agency_id and (
        user.is_bkpsdm_admin or (session.facilitator_id and session.facilitator_id == user.pk)))


@transaction.atomic
def session_save(*, agency, data: dict, session: Session | None = None, user=None,
                 days: Iterable[dt.date] | None = None) -> Session:
    """Create or change a session; its days default to the working days between its start and end date.

    Changing the dates of a session that already has attendance keeps the days with attendance.
    """
    session = session or Session(agency=agency, created_by=user)
    for key, value in data.items():
        setattr(session, key, value)
    if session.jp is None and session.programme_id:
        session.jp = Decimal(session.programme.jp)
    if not session.capacity and session.programme_id:
        session.capacity = session.programme.capacity_per_session
    session.full_clean()
    wanted = sorted(set(days)) if days is not None else working_days(session.start_date, session.end_date)
    if len(wanted) > MAX_DAYS:
        raise ValidationError({"end_date": _("Paling banyak %(n)s hari per sesi.") % {"n": MAX_DAYS}})
    if any(d < session.start_date or d > session.end_date for d in wanted):
        raise ValidationError({"end_date": _("Hari sesi harus di antara tanggal mulai dan selesai.")})
    session.save()
    existing = {d.date: d for d in session.days.all()}
    keep = set(wanted)
    removable = [d.pk for date, d in existing.items() if date not in keep]
    if removable:
        SessionDay.objects.filter(pk__in=removable, attendance__isnull=True).delete()
    SessionDay.objects.bulk_create([SessionDay(session=session, date=d) for d in wanted if d not in existing])
    return session


@transaction.atomic
def session_from_planned(*, planned: PlannedSession, user=None, facilitator=None, off=None) -> Session:
    """The delivery session of a routine planned session (one per planned session; returns the existing one). It
    starts on the planned date and lasts ceil(JP / RENBANG["JP_PER_TRAINING_DAY"]) working days, like a session
    made from the RPK (`training_schedule`)."""
    existing = Session.objects.filter(planned_session=planned).first()
    if existing is not None:
        return existing
    programme = planned.programme
    # The catalogue places its sessions so that they end within the year; the programme's JP may have grown since.
    days = training_schedule(planned.date, programme.jp, off, end_by=dt.date(planned.year, 12, 31))
    notes = "\n".join(filter(None, [planned.note, earlier_note(days[0], planned.date)]))
    return session_save(agency=programme.agency, user=user, days=days, data={
        "programme": programme, "planned_session": planned, "start_date": days[0], "end_date": days[-1],
        "capacity": planned.capacity, "jp": Decimal(programme.jp), "facilitator": facilitator,
        "venue": "", "online_url": "", "notes": notes,
        "status": Session.Status.SCHEDULED,
    })


def earlier_note(start: dt.date, planned: dt.date) -> str:
    """Why a session starts before its planned date (training_schedule's end_by), or "" when it does not."""
    if start >= planned:
        return ""
    return _("Dimulai %(start)s, lebih awal dari tanggal rencana %(planned)s, agar selesai dalam tahun %(year)s.") % {
        "start": start.strftime("%d-%m-%Y"), "planned": planned.strftime("%d-%m-%Y"), "year": planned.year}


def sessions_from_planned(*, agency, year: int, month: int | None = None, user=None) -> list[Session]:
    """Sessions for every planned routine session of the year (or month) that has none yet."""
    qs = PlannedSession.objects.filter(programme__agency=agency, year=year, delivery_session__isnull=True,
                                       programme__active=True).select_related("programme")
    if month:
        qs = qs.filter(month=month)
    off = indonesian_holidays([year, year + 1])
    return [session_from_planned(planned=p, user=user, off=off) for p in qs.order_by("date", "pk")]


@transaction.atomic
def session_cancel(*, session: Session, user, reason: str) -> Session:
    if not user.is_bkpsdm_admin or user.agency_id != session.agency_id:
        raise PermissionDenied
    if session.status == Session.Status.COMPLETED:
        raise ValidationError(_("Sesi yang sudah ditutup tidak dapat dibatalkan."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan pembatalan.")})
    session.status = Session.Status.CANCELLED
    session.notes = (session.notes + "\n" if session.notes else "") + _("Dibatalkan: %(r)s") % {"r": reason}
    session.save(update_fields=["status", "notes"])
    active = list(session.enrolments.filter(status__in=Enrolment.ACTIVE).select_related("employee"))
    notify_employees(employees=[e.employee for e in active], kind="delivery.cancelled",
                     title=_("Sesi dibatalkan: %(s)s") % {"s": session.display_title}, body=reason,
                     url=reverse("delivery:my_schedule"))
    return session


def regenerate_checkin_code(*, session: Session, user) -> Session:
    from ..models import checkin_code

    if not can_facilitate(user, session):
        raise PermissionDenied
    session.checkin_code = checkin_code()
    session.save(update_fields=["checkin_code"])
    return session

