"""My development (employee self-service) and the leaders' dashboard with its monthly PDF summary."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from renbang.core import figures, usercache
from renbang.core.pdf import pdf_response

from . import charts, selectors


def _year(request) -> int:
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _month(request) -> dt.date:
    """The first day of the month asked for (?bulan=YYYY-MM), the current month otherwise."""
    today = timezone.localdate()
    raw = request.GET.get("bulan", "")
    try:
        year, month = (int(p) for p in raw.split("-", 1))
        day = dt.date(year, month, 1)
    except (ValueError, TypeError):
        return today
    if not 2000 <= year <= 2100:
        return today
    if (year, month) == (today.year, today.month):
        return today
    last = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return last


@permission_required("cycle.view_my_development", raise_exception=True)
def my_development(request):
    """The page most employees open most often: its body is kept per user (renbang.core.usercache) until anything
    it shows changes (the figures' data version: cycle/apps.py watches what `selectors.my_development` reads), the
    user writes something, the day turns, or TTL seconds pass."""
    year = _year(request)
    years = range(timezone.localdate().year, 2019, -1)

    def body() -> str | None:
        data = selectors.my_development(request.user, year)
        if data["employee"] is None:
            return None
        return render_to_string("cycle/_my_development_body.html", {"data": data, "year": year, "years": years},
                                request=request)

    html = usercache.cached(request.user, "my_development", body,
                            vary=(year, timezone.localdate(), figures.version()))
    if html is None:
        raise Http404
    return render(request, "cycle/my_development.html", {"body": html, "year": year})


@permission_required("cycle.view_dashboard", raise_exception=True)
def dashboard(request):
    day = _month(request)
    data = selectors.dashboard(request.user, day)
    return render(request, "cycle/dashboard.html", {"d": data, "month_value": f"{day:%Y-%m}",
                                                     "gap_chart": charts.gap_bars(data["gaps"]),
                                                     "gap_min": settings.RENBANG["DASHBOARD_GAP_MIN_EMPLOYEES"]})


@permission_required("cycle.view_dashboard", raise_exception=True)
def dashboard_pdf(request):
    day = _month(request)
    data = selectors.dashboard(request.user, day)
    return pdf_response(f"ringkasan-{day:%Y-%m}", "cycle/pdf/monthly.html", {
        "d": data, "agency": request.user.agency, "user": request.user, "printed": timezone.localdate(),
        "gap_min": settings.RENBANG["DASHBOARD_GAP_MIN_EMPLOYEES"],
        "gap_svg": charts.gap_bars_svg(data["gaps"], _("% pegawai di bawah standar")),
    })
