"""BKPSDM's evaluation pages: dashboard, programme effectiveness and report (HTML, PDF), method comparison,
flagged programmes with alternatives and the decision form, response rates, settings, Excel exports."""

from __future__ import annotations

import math

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from renbang.accounts.scoping import for_user
from renbang.catalog.models import Programme
from renbang.core.exports import xlsx_response

from . import charts, selectors, services
from .alternatives import alternatives_for
from .evidence import programme_evidence, settings_for
from .forms import ReviewForm, SettingsForm, add_errors
from .models import ProgrammeReview


def _num(x: float | None, digits: int = 2):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(x, digits)


def _year(request) -> int | None:
    try:
        year = int(request.GET.get("tahun") or 0)
    except ValueError:
        return None
    return year if 2000 <= year <= 2100 else None


def _latest_reviews(programme_ids) -> dict[int, ProgrammeReview]:
    latest: dict[int, ProgrammeReview] = {}
    for r in ProgrammeReview.objects.filter(programme_id__in=list(programme_ids)).select_related(
            "decided_by").order_by("programme_id", "-decided_at", "-pk"):
        latest.setdefault(r.programme_id, r)
    return latest


def _rows(request, year: int | None = None):
    agency_id = request.user.agency_id
    s = settings_for(agency_id)
    evidence, methods = programme_evidence(agency_id, settings=s, with_methods=True, year=year)
    return s, evidence, methods


@permission_required("evaluation.view_results", raise_exception=True)
def dashboard(request):
    s, evidence, methods = _rows(request)
    rows = sorted(evidence.values(), key=lambda e: (-e.responses, e.title))
    flagged = [e for e in rows if e.flagged]
    rates = list(selectors.response_rates(request.user.agency_id)[:500])
    eligible = sum(r.eligible for r in rates)
    responses = sum(r.responses for r in rates)
    changed = [e for e in rows if e.observations >= s.loop_min_responses]
    chart = {
        "programmes": [{"label": e.code, "title": e.title, "value": _num(e.value), "lower": _num(e.lower),
                        "upper": _num(e.upper), "prior": _num(e.prior), "low_share": _num(e.low_share, 3),
                        "flagged": e.flagged}
                       for e in sorted(changed, key=lambda e: e.value)[:30]],
        "methods": [{"label": m.method_name, "value": _num(m.value), "prior": _num(m.prior)}
                    for m in sorted(methods.values(), key=lambda m: -m.value) if m.has_evidence],
        "threshold": float(s.low_benefit_threshold),
    }
    return render(request, "evaluation/dashboard.html", {
        "settings": s, "flagged": flagged, "sessions": len(rates), "eligible": eligible, "responses": responses,
        "rate": None if not eligible else 100 * responses / eligible, "changed": changed, "chart": chart,
        "reviews": _latest_reviews(e.programme_id for e in flagged)})


@permission_required("evaluation.view_results", raise_exception=True)
def programme_list(request):
    s, evidence, _methods = _rows(request)
    rows = sorted(evidence.values(), key=lambda e: (not e.flagged, -e.responses, e.title))
    only = request.GET.get("ada_data") == "1"
    if only:
        rows = [e for e in rows if e.has_evidence]
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "evaluation/programme_list.html", {"page_obj": page, "settings": s, "only": only})


EXPORT_HEADERS = ["Kode", "Program", "Metode", "Peserta hadir", "Responden", "Tingkat respons (%)",
                  "Rata-rata manfaat", "Porsi manfaat rendah", "Batas bawah", "Batas atas", "Ditandai",
                  "Peserta tes", "Gain ternormalisasi", "Tindak lanjut", "Porsi diterapkan", "Efektivitas katalog",
                  "Efektivitas terukur", "Selang bawah", "Selang atas", "Pengamatan"]


@permission_required("evaluation.view_results", raise_exception=True)
def programme_export(request):
    s, evidence, _methods = _rows(request)
    rows = []
    for e in sorted(evidence.values(), key=lambda e: e.title):
        shown = e.responses >= s.anonymity_min
        rows.append([
            e.code, e.title, e.method_name, e.eligible, e.responses,
            _num(100 * e.response_rate if e.eligible else None, 1),
            _num(e.means.get("benefit")) if shown else None, _num(e.low_share, 3) if shown else None,
            _num(e.low_lower, 3) if shown else None, _num(e.low_upper, 3) if shown else None,
            "Ya" if e.flagged else "Tidak", e.tests, _num(e.gain, 3), e.follow_ups, _num(e.applied_share, 3),
            _num(e.prior), _num(e.value, 3), _num(e.lower, 3), _num(e.upper, 3), e.observations])
    return xlsx_response(f"efektivitas-program-{timezone.localdate():%Y%m%d}.xlsx", EXPORT_HEADERS, rows,
                         "Efektivitas")


def _programme(request, pk: int) -> Programme:
    programme = for_user(Programme.objects.all(), request.user).select_related("method", "provider").filter(
        pk=pk).first()
    if programme is None:
        raise Http404
    return programme


def _report_context(request, programme: Programme) -> dict:
    s = settings_for(programme.agency_id)
    evidence, methods = programme_evidence(programme.agency_id, settings=s, with_methods=True)
    e = evidence[programme.pk]
    results = selectors.programme_results(programme, s)
    return {
        "programme": programme, "e": e, "method_e": methods.get(programme.method_id), "settings": s,
        "results": results, "fields": _field_labels(), "sessions": list(selectors.sessions_of_programme(programme)[
            :200]), "levels": selectors.level_change(programme), "performance": selectors.performance_change(
            programme), "alternatives": alternatives_for(programme, evidence=evidence, methods=methods)
        if e.flagged else [], "reviews": list(programme.reviews.select_related(
            "decided_by", "replacement", "replacement_method")[:20]), "agency": request.user.agency,
        "today": timezone.localdate(),
    }


def _field_labels():
    from .models import Feedback

    return [(name, Feedback._meta.get_field(name).verbose_name) for name in Feedback.SCORE_FIELDS]


@permission_required("evaluation.view_results", raise_exception=True)
def programme_report(request, pk: int):
    programme = _programme(request, pk)
    context = _report_context(request, programme)
    if request.user.has_perm("evaluation.manage"):
        context["review_form"] = ReviewForm(agency_id=programme.agency_id, exclude_pk=programme.pk)
    context["chart"] = charts.programme_chart_data(context["results"], context["fields"])
    return render(request, "evaluation/programme_report.html", context)


@permission_required("evaluation.view_results", raise_exception=True)
def programme_pdf(request, pk: int):
    from renbang.core.pdf import pdf_response

    programme = _programme(request, pk)
    context = _report_context(request, programme)
    context["svg"] = charts.programme_svg(context["results"], context["fields"], context["settings"])
    return pdf_response(f"evaluasi-{programme.code}", "evaluation/pdf/programme_report.html", context)


@permission_required("evaluation.view_results", raise_exception=True)
def method_comparison(request):
    s, _evidence, methods = _rows(request)
    rows = sorted(methods.values(), key=lambda m: (-m.value, m.method_name))
    return render(request, "evaluation/method_comparison.html", {"rows": rows, "settings": s})


@permission_required("evaluation.view_results", raise_exception=True)
def flagged_list(request):
    year = _year(request)  # ?tahun=: only the evidence of sessions that ended that year (the dashboard's link)
    s, evidence, methods = _rows(request, year=year)
    flagged = sorted((e for e in evidence.values() if e.flagged), key=lambda e: -e.low_lower)
    programmes = {p.pk: p for p in Programme.objects.filter(pk__in=[e.programme_id for e in flagged]).select_related(
        "method")}
    items = [{"e": e, "programme": programmes[e.programme_id],
              "alternatives": alternatives_for(programmes[e.programme_id], evidence=evidence, methods=methods),
              "form": ReviewForm(agency_id=request.user.agency_id, exclude_pk=e.programme_id,
                                 prefix=f"p{e.programme_id}") if request.user.has_perm("evaluation.manage") else None}
             for e in flagged[:20]]
    return render(request, "evaluation/flagged.html", {
        "items": items, "settings": s, "more": max(len(flagged) - 20, 0), "year": year,
        "reviews": _latest_reviews(e.programme_id for e in flagged)})


@permission_required("evaluation.manage", raise_exception=True)
def review_create(request, pk: int):
    programme = _programme(request, pk)
    prefix = request.POST.get("prefix") or None
    form = ReviewForm(request.POST or None, agency_id=programme.agency_id, exclude_pk=programme.pk,
                      prefix=prefix if prefix == f"p{programme.pk}" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_record(programme=programme, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Keputusan untuk %(p)s tercatat.") % {"p": programme.title})
            return redirect("evaluation:programme_report", programme.pk)
    return render(request, "evaluation/review_form.html", {"programme": programme, "form": form},
                  status=400 if request.method == "POST" else 200)


@permission_required("evaluation.view_results", raise_exception=True)
def response_rates(request):
    year = _year(request)
    qs = selectors.response_rates(request.user.agency_id, year=year)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "evaluation/response_rates.html", {"page_obj": page, "year": year,
                                                               "settings": settings_for(request.user.agency_id)})


@permission_required("evaluation.view_results", raise_exception=True)
def response_rates_export(request):
    qs = selectors.response_rates(request.user.agency_id, year=_year(request))
    rows = [[r.programme.code, r.display_title, r.start_date, r.end_date, r.eligible, r.responses,
             round(100 * r.responses / r.eligible, 1) if r.eligible else None] for r in qs.iterator()]
    return xlsx_response(f"tingkat-respons-{timezone.localdate():%Y%m%d}.xlsx",
                         ["Kode program", "Sesi", "Mulai", "Selesai", "Peserta hadir", "Responden",
                          "Tingkat respons (%)"], rows, "Tingkat respons")


@permission_required("evaluation.manage", raise_exception=True)
def settings_edit(request):
    agency = request.user.agency
    form = SettingsForm(request.POST or None, instance=settings_for(agency.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_save(agency=agency, data=form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Pengaturan evaluasi tersimpan."))
            return redirect("evaluation:settings")
    return render(request, "evaluation/settings.html", {"form": form},
                  status=400 if request.method == "POST" else 200)
