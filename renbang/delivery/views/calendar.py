"""The training calendar (FullCalendar 7 from npm): sessions per day, Indonesian public holidays, clash marks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from renbang.catalog.models import Programme
from renbang.catalog.recurrence import indonesian_holidays
from renbang.catalog.selectors import methods_for_agency
from renbang.org.models import OrgUnit

from .. import clashes, selectors
from ..models import Session, SessionDay
from .common import date_param, int_param

MAX_RANGE_DAYS = 120
# White text on each at least 4.5:1 (WCAG AA); the page's legend (templates/delivery/calendar.html) uses the same.
COLOURS = {Session.Status.DRAFT: "#565e64", Session.Status.SCHEDULED: "#0a58ca",
           Session.Status.RUNNING: "#b04a00", Session.Status.COMPLETED: "#146c43",
           Session.Status.CANCELLED: "#6c757d"}
WARNING_COLOUR = "#b02a37"
HOLIDAY_COLOUR = "#842029"


def _filters(request) -> dict:
    method = request.GET.get("metode") or ""
    return {"programme": int_param(request, "program"), "unit": int_param(request, "unit"),
            "method": method[:20] if method else None}


@permission_required("delivery.view_calendar", raise_exception=True)
def calendar_page(request):
    agency = request.user.agency
    return render(request, "delivery/calendar.html", {
        "programmes": Programme.objects.filter(agency=agency, delivery_sessions__isnull=False).distinct()
        .order_by("title").only("pk", "title"),
        "methods": methods_for_agency(agency.pk).filter(programmes__delivery_sessions__isnull=False).distinct()
        .order_by("name").only("code", "name"),
        "units": OrgUnit.objects.filter(agency=agency, parent__isnull=True).order_by("name").only("pk", "name"),
        "filters": _filters(request),
        "initial_date": date_param(request.GET.get("tanggal")),
    })


@permission_required("delivery.view_calendar", raise_exception=True)
def calendar_events(request):
    """Events for FullCalendar: one per session day, plus holidays as background events. ?start=&end= (ISO)."""
    start = date_param(request.GET.get("start")) or dt.date.today().replace(day=1)
    end = date_param(request.GET.get("end")) or start + dt.timedelta(days=42)
    if end < start:
        start, end = end, start
    end = min(end, start + dt.timedelta(days=MAX_RANGE_DAYS))
    sessions = {s.pk: s for s in selectors.attach_counts(
        selectors.sessions_for_user(request.user, start=start, end=end, **_filters(request)))}
    days = SessionDay.objects.filter(session_id__in=list(sessions), date__gte=start, date__lte=end).order_by(
        "date", "pk")
    warnings: dict[tuple[int, dt.date], list[str]] = defaultdict(list)
    for clash in clashes.clashes_in_range(request.user.agency_id, start, end):
        if clash.session_id in sessions:
            warnings[(clash.session_id, clash.date)].append(clash.message)
    events = []
    for day in days:
        session = sessions[day.session_id]
        warn = warnings.get((session.pk, day.date), [])
        starts, ends = day.start_time or session.start_time, day.end_time or session.end_time
        events.append({
            "id": f"{session.pk}-{day.date.isoformat()}",
            "title": ("⚠ " if warn else "") + session.display_title,
            "start": dt.datetime.combine(day.date, starts).isoformat(),
            "end": dt.datetime.combine(day.date, ends).isoformat(),
            "url": reverse("delivery:session_detail", args=[session.pk]),
            "color": WARNING_COLOUR if warn else COLOURS.get(session.status, COLOURS[Session.Status.SCHEDULED]),
            "extendedProps": {"status": session.get_status_display(), "venue": session.venue or session.online_url,
                              "participants": session.n_active, "capacity": session.capacity,
                              "warnings": warn, "method": session.programme.method.name},
        })
    for date, name in sorted(indonesian_holidays(range(start.year, end.year + 1)).items()):
        if start <= date <= end:
            events.append({"id": f"libur-{date.isoformat()}", "title": "", "start": date.isoformat(),
                           "allDay": True, "display": "background", "color": "#f8d7da",
                           "classNames": ["renbang-holiday"], "extendedProps": {"holiday": True}})
            events.append({"id": f"libur-label-{date.isoformat()}", "title": _("Libur: %(n)s") % {"n": name},
                           "start": date.isoformat(), "allDay": True, "color": HOLIDAY_COLOUR,
                           "extendedProps": {"holiday": True}})
    return JsonResponse(events, safe=False)
