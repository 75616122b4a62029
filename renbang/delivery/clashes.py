"""Clash warnings for sessions: a day on a weekend or Indonesian public holiday, a facilitator in two sessions at
once, an employee enrolled in two sessions at once. Warnings, never blocks (the planner decides).

All checks for a date range run in a fixed number of queries (days, enrolments), then in memory.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from renbang.catalog.recurrence import indonesian_holidays

from .models import Enrolment, Session, SessionDay


@dataclass(frozen=True)
class Clash:
    kind: str  # holiday | weekend | facilitator | employee
    session_id: int
    date: dt.date
    message: str
    other_session_id: int | None = None


def _overlap(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def _days(agency_id: int, start: dt.date, end: dt.date):
    return list(SessionDay.objects.filter(
        session__agency_id=agency_id, date__gte=start, date__lte=end,
    ).exclude(session__status=Session.Status.CANCELLED).select_related("session__programme").order_by("date", "pk"))


def clashes_in_range(agency_id: int, start: dt.date, end: dt.date, *, only_session_id: int | None = None,
                     employees: bool = True) -> list[Clash]:
    """Every clash on days between start and end (inclusive); with only_session_id, those involving that session."""
    days = _days(agency_id, start, end)
    holidays = indonesian_holidays(range(start.year, end.year + 1))
    result: list[Clash] = []
    by_date: dict[dt.date, list[SessionDay]] = defaultdict(list)
    for day in days:
        by_date[day.date].append(day)
        if only_session_id and day.session_id != only_session_id:
            continue
        if day.date in holidays:
            result.append(Clash("holiday", day.session_id, day.date,
                                _("%(date)s hari libur nasional: %(name)s.") % {
                                    "date": day.date.strftime("%d-%m-%Y"), "name": holidays[day.date]}))
        elif day.date.weekday() >= 5:
            result.append(Clash("weekend", day.session_id, day.date,
                                _("%(date)s jatuh pada akhir pekan.") % {"date": day.date.strftime("%d-%m-%Y")}))
    active = Enrolment.ACTIVE
    members: dict[int, set[int]] = defaultdict(set)
    if employees:
        session_ids = {d.session_id for d in days}
        for session_id, employee_id in Enrolment.objects.filter(
                session_id__in=session_ids, status__in=active).values_list("session_id", "employee_id"):
            members[session_id].add(employee_id)
    for date, group in by_date.items():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.session_id == b.session_id:
                    continue
                if only_session_id and only_session_id not in (a.session_id, b.session_id):
                    continue
                if not _overlap(a.starts, a.ends, b.starts, b.ends):
                    continue
                mine, other = (a, b) if a.session_id == (only_session_id or a.session_id) else (b, a)
                sa, sb = mine.session, other.session
                same_user = sa.facilitator_id and sa.facilitator_id == sb.facilitator_id
                same_employee = (sa.facilitator_employee_id
                                 and sa.facilitator_employee_id == sb.facilitator_employee_id)
                if same_user or same_employee:
                    result.append(Clash("facilitator", sa.pk, date,
                                        _("Fasilitator juga mengampu %(other)s pada %(date)s.") % {
                                            "other": sb.display_title, "date": date.strftime("%d-%m-%Y")},
                                        other_session_id=sb.pk))
                both = members[sa.pk] & members[sb.pk]
                if both:
                    result.append(Clash("employee", sa.pk, date,
                                        _("%(n)s peserta juga terdaftar di %(other)s pada %(date)s.") % {
                                            "n": len(both), "other": sb.display_title,
                                            "date": date.strftime("%d-%m-%Y")},
                                        other_session_id=sb.pk))
    return result


def clashes_for_session(session: Session) -> list[Clash]:
    return clashes_in_range(session.agency_id, session.start_date, session.end_date, only_session_id=session.pk)


def employee_clashes(session: Session, employee_ids) -> dict[int, list[str]]:
    """For each of these employees: the other active sessions that overlap one of `session`'s days."""
    my_days = list(session.days.all())
    if not my_days:
        return {}
    dates = [d.date for d in my_days]
    pairs = list(Enrolment.objects.filter(
        employee_id__in=list(employee_ids), status__in=Enrolment.ACTIVE, session__days__date__in=dates,
    ).exclude(session=session).exclude(session__status=Session.Status.CANCELLED)
        .values_list("employee_id", "session_id").distinct())
    if not pairs:
        return {}
    other_days = defaultdict(list)
    for day in SessionDay.objects.filter(session_id__in={s for _e, s in pairs}, date__in=dates).select_related(
            "session__programme"):
        other_days[day.session_id].append(day)
    mine = {d.date: (d.starts, d.ends) for d in my_days}
    result: dict[int, list[str]] = defaultdict(list)
    for employee_id, session_id in pairs:
        for day in other_days[session_id]:
            start, end = mine[day.date]
            if _overlap(start, end, day.starts, day.ends):
                result[employee_id].append(f"{day.session.display_title} ({day.date:%d-%m-%Y})")
    return dict(result)
