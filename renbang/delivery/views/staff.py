"""Pages for supervisors (my staff), OPD officers and BKPSDM (JP compliance, at-risk list, claims), the
facilitator's sessions and the agency's delivery settings."""

from __future__ import annotations

import numpy as np
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from renbang.accounts.scoping import for_user
from renbang.core.exports import xlsx_response
from renbang.people.models import Employee

from .. import ledger as jp
from .. import selectors, services
from ..forms import ClaimDecisionForm, ReasonForm, SettingsForm
from ..models import ExternalClaim
from .common import form_errors, year_param


def _scoped_employees(user):
    return for_user(Employee.objects.filter(active=True), user)


@permission_required("delivery.view_compliance", raise_exception=True)
def compliance(request):
    """JP compliance (PP 11/2017 Pasal 203(4)) of the employees the user sees, per OPD, with the at-risk list."""
    year = year_param(request)
    agency = request.user.agency
    led, units, computed_at = jp.scope_ledger(request.user, year)
    subject = led.subject
    summary = {"employees": len(led.employee_ids), "subject": int(subject.sum()),
               "compliant": int((subject & led.compliant).sum()), "at_risk": int(led.at_risk.sum()),
               "pppk_over": int(led.pppk_over.sum()), "median": jp.median_jp(led)}
    summary["percent"] = 100 * summary["compliant"] / summary["subject"] if summary["subject"] else 0.0
    risk_idx = np.flatnonzero(led.at_risk)
    risk_idx = risk_idx[np.lexsort((led.employee_ids[risk_idx], -led.shortfall[risk_idx]))]
    show = request.GET.get("daftar") or "risiko"
    idx = np.flatnonzero(led.pppk_over) if show == "pppk" else risk_idx
    if request.GET.get("format") == "xlsx":
        return _export(led, idx, year, show)
    page = Paginator(range(len(idx)), 50).get_page(request.GET.get("page"))
    chosen = [int(i) for i in idx[page.object_list.start:page.object_list.stop]] if len(idx) else []
    people = Employee.objects.in_bulk([int(led.employee_ids[i]) for i in chosen])
    people_units = {e.pk: e for e in Employee.objects.filter(pk__in=list(people)).select_related("unit", "position")}
    rows = [{"employee": people_units.get(int(led.employee_ids[i])), **_figures(led, i)} for i in chosen]
    return render(request, "delivery/compliance.html", {
        "year": year, "summary": summary, "units": units, "rows": rows, "computed_at": computed_at,
        "page_obj": page, "rules": services.settings_for(agency), "show": show,
    })


def _figures(led: jp.Ledger, i: int) -> dict:
    return {"sessions": led.sessions[i], "claims": led.claims[i], "mentoring": led.mentoring[i],
            "total": led.total[i], "upcoming": led.upcoming[i], "shortfall": led.shortfall[i]}


def _export(led: jp.Ledger, idx, year: int, show: str):
    ids = [int(led.employee_ids[i]) for i in idx]
    people = {e.pk: e for e in Employee.objects.filter(pk__in=ids).select_related("unit", "position")}
    headers = [_("NIP"), _("Nama"), _("Status"), _("Unit kerja"), _("Jabatan"), _("JP sesi"), _("JP klaim"),
               _("JP mentoring"), _("Total JP"), _("JP terjadwal"), _("Kekurangan")]

    def rows():
        for i in idx:
            e = people.get(int(led.employee_ids[i]))
            if e is None:
                continue
            f = _figures(led, int(i))
            yield [e.nip, e.full_name, e.get_status_display(), e.unit.name, e.position.name,
                   round(f["sessions"], 2), round(f["claims"], 2), round(f["mentoring"], 2), round(f["total"], 2),
                   round(f["upcoming"], 2), round(f["shortfall"], 2)]

    name = "pppk-lebih-24-jp" if show == "pppk" else "berisiko-kurang-20-jp"
    return xlsx_response(f"{name}-{year}.xlsx", headers, rows(), _("Daftar"))


@permission_required("delivery.view_staff", raise_exception=True)
def staff(request):
    """A supervisor's (or OPD officer's) staff: upcoming enrolments (release with a reason) and JP of the year."""
    year = year_param(request)
    enrolments = selectors.staff_enrolments(request.user)
    page = Paginator(enrolments, 50).get_page(request.GET.get("page"))
    staff_qs = _scoped_employees(request.user)
    if request.user.employee_id:
        staff_qs = staff_qs.exclude(pk=request.user.employee_id)
    staff_page = Paginator(staff_qs.select_related("unit", "position").order_by("name", "pk"), 50).get_page(
        request.GET.get("hal"))
    ids = [e.pk for e in staff_page]
    led = jp.jp_ledger(request.user.agency, year, Employee.objects.filter(pk__in=ids), only=ids)
    people = [{"employee": e, **(led.row(e.pk) or {})} for e in staff_page]
    return render(request, "delivery/staff.html", {
        "year": year, "page_obj": page, "staff_page": staff_page, "people": people, "reason_form": ReasonForm(),
        "rules": services.settings_for(request.user.agency),
    })


@permission_required("delivery.verify_claims", raise_exception=True)
def claim_queue(request):
    status = request.GET.get("status", ExternalClaim.Status.PENDING)
    if status not in ExternalClaim.Status.values:
        status = ""
    claims = selectors.claims_for_user(request.user, status=status).order_by("submitted_at", "pk")
    page = Paginator(claims, 30).get_page(request.GET.get("page"))
    return render(request, "delivery/claim_queue.html", {"page_obj": page, "status": status,
                                                         "statuses": ExternalClaim.Status.choices})


@permission_required("delivery.verify_claims", raise_exception=True)
def claim_decide(request, pk: int):
    claim = selectors.claims_for_user(request.user).filter(pk=pk).first()
    if claim is None:
        raise Http404
    form = ClaimDecisionForm(request.POST or None, initial={"jp": claim.jp})
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_decide(claim=claim, user=request.user,
                                  approve=form.cleaned_data["decision"] == "verify",
                                  reason=form.cleaned_data.get("reason", ""), jp=form.cleaned_data.get("jp"))
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Keputusan klaim tersimpan."))
            return redirect("delivery:claim_queue")
    return render(request, "delivery/claim_decide.html", {"claim": claim, "form": form})


@permission_required("delivery.facilitate", raise_exception=True)
def facilitator(request):
    sessions = selectors.facilitated_sessions(request.user)
    page = Paginator(sessions, 50).get_page(request.GET.get("page"))
    return render(request, "delivery/facilitator.html", {"page_obj": page})


@permission_required("delivery.manage", raise_exception=True)
def settings_edit(request):
    obj = services.settings_for(request.user.agency)
    form = SettingsForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_update(agency=request.user.agency, data=form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Pengaturan pelaksanaan tersimpan."))
            return redirect("delivery:settings")
    return render(request, "delivery/settings.html", {"form": form})

