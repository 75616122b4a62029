"""Years: comparing years, closing a year (background job with progress) and the needs it carried over."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renbang.accounts.scoping import for_user
from renbang.core.models import Job
from renbang.org.models import OrgUnit

from . import selectors, services
from .services import CLOSE_KIND, ClosingRefused


def _valid_year(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise Http404
    return year


def _trend_json(years, rows, label_of):
    return {"years": years, "series": [{"label": label_of(r), "values": r["values"]} for r in rows]}


@permission_required("cycle.view_years", raise_exception=True)
def years(request):
    agency_id = request.user.agency_id
    data = selectors.year_comparison(request.user, agency_id)
    closings = {c.year: c for c in selectors.closings_for_user(request.user)}
    all_years = sorted(set(data["years"]) | set(closings), reverse=True)
    bands = {"years": data["years"], "series": [
        {"label": str(label), "values": [row[key] for row in data["bands"]]}
        for key, label in data["band_labels"].items()]}
    return render(request, "cycle/years.html", {
        "data": data, "closings": closings, "all_years": all_years,
        "comp_trend": _trend_json(data["years"], data["chart_competencies"], lambda r: r["competency"].code),
        "unit_trend": _trend_json(data["years"], data["units"][:8], lambda r: r["name"][:30]),
        "band_chart": bands,
    })


@permission_required("cycle.view_years", raise_exception=True)
def year_detail(request, year: int):
    year = _valid_year(year)
    closing = selectors.closing_of(request.user, year)
    closed = closing is not None and closing.is_closed
    summary = closing.summary if closed else services.year_summary(request.user.agency_id, year)
    return render(request, "cycle/year_detail.html", {
        "year": year, "closing": closing, "closed": closed, "summary": summary,
        "carried": selectors.carried_for_user(request.user, year + 1).filter(from_year=year).count(),
    })


@require_POST
@permission_required("cycle.close_year", raise_exception=True)
def year_close(request, year: int):
    year = _valid_year(year)
    try:
        job = services.year_close_start(agency=request.user.agency, year=year, user=request.user)
    except ClosingRefused as exc:
        messages.error(request, str(exc))
        return redirect("cycle:year_detail", year=year)
    return redirect("cycle:close_job", pk=job.pk)


@permission_required("cycle.view_years", raise_exception=True)
def close_job(request, pk: int):
    job = get_object_or_404(Job, pk=pk, kind=CLOSE_KIND, agency_id=request.user.agency_id)
    year = job.params.get("year")
    template = "cycle/_close_status.html" if request.htmx else "cycle/close_job.html"
    return render(request, template, {"job": job, "year": year})


@permission_required("cycle.view_years", raise_exception=True)
def carried(request, year: int):
    year = _valid_year(year)
    qs = selectors.carried_for_user(request.user, year)
    unit = None
    try:
        unit_id = int(request.GET.get("unit", "") or 0)
    except ValueError:
        unit_id = 0
    if unit_id:
        unit = for_user(OrgUnit.objects.all(), request.user).filter(pk=unit_id).first()
        if unit is None:
            raise Http404
        qs = qs.filter(unit__in=OrgUnit.objects.descendants(unit.pk, include_self=True).values("pk"))
    origin = request.GET.get("asal", "")
    if origin in dict(selectors.CarriedNeed.Origin.choices):
        qs = qs.filter(origin=origin)
    page = Paginator(qs.order_by("-priority", "employee__name", "pk"), 50).get_page(request.GET.get("page"))
    return render(request, "cycle/carried.html", {"year": year, "unit": unit, "page_obj": page, "origin": origin,
                                                  "origins": selectors.CarriedNeed.Origin.choices,
                                                  "title": _("Kebutuhan yang dibawa ke %(y)s") % {"y": year}})
