from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from renbang.accounts.scoping import for_user
from renbang.core import employee_sections
from renbang.core.exports import xlsx_response
from renbang.org.models import OrgUnit

from . import selectors
from .forms import EmployeeFilterForm

PAGE_SIZE = 50


def _filtered(request):
    units = for_user(OrgUnit.objects.current(), request.user).order_by("name")
    form = EmployeeFilterForm(request.GET or None, units=units)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.employee_list_for_user(
        request.user, q=filters.get("q", ""), unit=filters.get("unit"),
        position_type=filters.get("position_type", ""), status=filters.get("status", ""),
        rank=filters.get("rank", ""), sort=request.GET.get("sort", "name"),
    )
    return form, qs


@permission_required("people.list_employees", raise_exception=True)
def employee_list(request):
    form, qs = _filtered(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/employee_list.html", {"form": form, "page_obj": page})


@permission_required("people.export_employees", raise_exception=True)
def employee_export(request):
    _form, qs = _filtered(request)
    rows = (
        [e.nip, e.front_title, e.name, e.back_title, e.get_sex_display(), e.get_status_display(), e.rank,
         e.rank_title, e.position.name, e.position.type_label, e.unit.name, e.get_education_display()]
        for e in qs.iterator(chunk_size=2000)
    )
    headers = ["NIP", "Gelar depan", "Nama", "Gelar belakang", "Jenis kelamin", "Status", "Golongan", "Pangkat",
               "Jabatan", "Jenis jabatan", "Unit kerja", "Pendidikan"]
    return xlsx_response(f"pegawai-{timezone.localdate():%Y%m%d}.xlsx", headers, rows, "Pegawai")


def employee_detail(request, pk: int):
    employee = selectors.employee_detail_for_user(request.user, pk)
    if employee is None:
        raise Http404  # same answer for "does not exist" and "not yours": no probing of NIPs
    subordinates = for_user(employee.subordinates.filter(active=True), request.user).select_related("position")
    return render(request, "people/employee_detail.html", {
        "employee": employee,
        "performance": employee.performance_records.all()[:5],
        "subordinates": subordinates[:50],
        "extra_sections": employee_sections.sections_for(request, employee),
    })
