"""Reports out: SIASN training history (per employee and bulk) and the agency's yearly report (PDF, Excel)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from renbang.accounts.scoping import for_user
from renbang.core.exports import XLSX_MIME
from renbang.core.pdf import pdf_response
from renbang.org.models import OrgUnit
from renbang.people.models import Employee
from renbang.people.selectors import employee_detail_for_user

from . import reports
from .views import _year
from .workbook import annual_workbook, history_workbook


def _xlsx(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@permission_required("cycle.export_bulk_history", raise_exception=True)
def index(request):
    units = for_user(OrgUnit.objects.current(), request.user).filter(parent__isnull=True).order_by("name")
    this_year = timezone.localdate().year
    # Which route to SIASN is active: its web services when the connector has credentials (read from settings
    # here, not from the siasn app, a later floor), else this Excel export.
    siasn = getattr(settings, "SIASN", {})
    return render(request, "cycle/reports.html", {"units": units, "years": range(this_year, this_year - 6, -1),
                                                  "year": _year(request),
                                                  "siasn_connected": bool(siasn.get("BASE_URL")
                                                                          and siasn.get("CONSUMER_KEY"))})


@permission_required("cycle.export_history", raise_exception=True)
def my_history(request):
    employee = employee_detail_for_user(request.user, request.user.employee_id or 0)
    if employee is None:
        raise Http404
    rows = reports.history_rows(Employee.objects.filter(pk=employee.pk))
    return _xlsx(f"riwayat-diklat-{employee.nip}.xlsx", history_workbook(rows))


@permission_required("cycle.export_history", raise_exception=True)
def employee_history(request, pk: int):
    employee = employee_detail_for_user(request.user, pk)
    if employee is None:
        raise Http404
    rows = reports.history_rows(Employee.objects.filter(pk=employee.pk))
    return _xlsx(f"riwayat-diklat-{employee.nip}.xlsx", history_workbook(rows))


@permission_required("cycle.export_bulk_history", raise_exception=True)
def bulk_history(request):
    qs = for_user(Employee.objects.filter(active=True), request.user)
    try:
        unit_id = int(request.GET.get("unit", "") or 0)
    except ValueError:
        unit_id = 0
    if unit_id:
        if not for_user(OrgUnit.objects.all(), request.user).filter(pk=unit_id).exists():
            raise Http404
        qs = qs.filter(unit__in=OrgUnit.objects.descendants(unit_id, include_self=True).values("pk"))
    year = _year(request) if request.GET.get("tahun") else None
    rows = reports.history_rows(qs, year)
    return _xlsx(f"riwayat-diklat-{year or 'semua'}.xlsx", history_workbook(rows))


@permission_required("cycle.view_agency_report", raise_exception=True)
def annual_pdf(request, year: int):
    if not 2000 <= year <= 2100:
        raise Http404
    data = reports.annual_report(request.user.agency, year)
    return pdf_response(f"laporan-pengembangan-kompetensi-{year}", "cycle/pdf/annual.html", {
        **data, "rpk_headers": reports.rpk_headers(), "rpk_rows": reports.rpk_rows(data["items"]),
        "unit_headers": reports.summary_headers(_("Unit")),
        "unit_rows": reports.summary_table(data["summary"], "by_unit"),
        "comp_headers": reports.summary_headers(_("Kompetensi")),
        "comp_rows": reports.summary_table(data["summary"], "by_competency"),
        "printed": timezone.localdate(),
    })


@permission_required("cycle.view_agency_report", raise_exception=True)
def annual_xlsx(request, year: int):
    if not 2000 <= year <= 2100:
        raise Http404
    data = reports.annual_report(request.user.agency, year)
    return _xlsx(f"laporan-pengembangan-kompetensi-{year}.xlsx", annual_workbook(data))
