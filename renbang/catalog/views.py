from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renbang.accounts.scoping import for_user
from renbang.core.exports import xlsx_response
from renbang.core.home import working_year
from renbang.core.tabular import TabularError

from . import selectors, services, transfer
from .forms import (
    MONTHS,
    ImportForm,
    MethodForm,
    ProgrammeFilterForm,
    ProgrammeForm,
    ProviderForm,
    RecurrenceRuleForm,
    SuggestForm,
    SuggestionRuleForm,
    competencies_for,
)
from .models import Method, Provider, RecurrenceRule, SuggestionRule
from .suggestions import suggest

PAGE_SIZE = 50


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _filtered(request):
    user = request.user
    form = ProgrammeFilterForm(
        request.GET or None, methods=selectors.methods_for_agency(user.agency_id),
        providers=for_user(Provider.objects.all(), user).order_by("name"),
        competencies=competencies_for(user.agency_id))
    f = form.cleaned_data if form.is_valid() else {}
    qs = selectors.programme_list_for_user(
        user, q=f.get("q", ""), method=f.get("method"), route=f.get("route", ""), provider=f.get("provider"),
        competency=f.get("competency"), delivery=f.get("delivery", ""), position_type=f.get("position_type", ""),
        sort=request.GET.get("sort", "title"))
    return form, qs


@permission_required("catalog.view_catalog", raise_exception=True)
def programme_list(request):
    form, qs = _filtered(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "catalog/programme_list.html", {"form": form, "page_obj": page})


@permission_required("catalog.view_catalog", raise_exception=True)
def programme_export(request):
    _form, qs = _filtered(request)
    return xlsx_response(f"katalog-{timezone.localdate():%Y%m%d}.xlsx", transfer.HEADERS,
                         transfer.export_rows(qs), "Katalog")


@permission_required("catalog.view_catalog", raise_exception=True)
def programme_detail(request, pk: int):
    programme = selectors.programme_for_user(request.user, pk)
    if programme is None:
        raise Http404
    year = _year(request)
    sessions = selectors.planned_sessions_for_user(request.user, year=year, programme=programme)
    form = RecurrenceRuleForm(initial={"year": year}) if request.user.has_perm("catalog.change_catalog") else None
    return render(request, "catalog/programme_detail.html", {
        "programme": programme, "sessions": sessions, "year": year, "rule_form": form})


def _year(request) -> int:
    try:
        year = int(request.GET.get("tahun") or working_year(request.user))
    except ValueError:
        year = working_year(request.user)
    return min(max(year, 2000), 2100)


@permission_required("catalog.change_catalog", raise_exception=True)
def programme_edit(request, pk: int | None = None):
    programme = None
    if pk is not None:
        programme = for_user(selectors.Programme.objects.all(), request.user, "change").filter(pk=pk).first()
        if programme is None:
            raise Http404
    methods = selectors.methods_for_agency(request.user.agency_id, active_only=True)
    form = ProgrammeForm(request.POST or None, instance=programme, agency=request.user.agency, methods=methods)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("targets", "position_types")}
        try:
            saved = services.programme_save(agency=request.user.agency, data=data,
                                            targets=form.cleaned_data["targets"],
                                            position_types=form.cleaned_data["position_types"],
                                            programme=programme)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Program tersimpan."))
            return redirect("catalog:programme_detail", saved.pk)
    return render(request, "catalog/programme_form.html", {"form": form, "programme": programme})


@require_POST
@permission_required("catalog.change_catalog", raise_exception=True)
def programme_delete(request, pk: int):
    programme = for_user(selectors.Programme.objects.all(), request.user, "change").filter(pk=pk).first()
    if programme is None:
        raise Http404
    try:
        services.programme_delete(programme=programme)
    except Exception:  # PROTECT from later apps (plans, delivery)
        messages.error(request, _("Program tidak dapat dihapus karena sudah dipakai; nonaktifkan saja."))
        return redirect("catalog:programme_detail", pk)
    messages.success(request, _("Program dihapus."))
    return redirect("catalog:programme_list")


@require_POST
@permission_required("catalog.change_catalog", raise_exception=True)
def recurrence_add(request, pk: int):
    programme = for_user(selectors.Programme.objects.all(), request.user, "change").filter(pk=pk).first()
    if programme is None:
        raise Http404
    form = RecurrenceRuleForm(request.POST, instance=RecurrenceRule(programme=programme))
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "year"}
        try:
            rule = services.recurrence_rule_save(programme=programme, data=data)
            sessions = services.planned_sessions_generate(rule=rule, year=form.cleaned_data["year"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            shifted = sum(1 for s in sessions if s.shifted_from)
            messages.success(request, _("%(n)s sesi dijadwalkan; %(s)s digeser karena hari libur/akhir pekan.") % {
                "n": len(sessions), "s": shifted})
            url = reverse("catalog:programme_detail", args=[pk])
            return redirect(f"{url}?tahun={form.cleaned_data['year']}")
    programme = selectors.programme_for_user(request.user, pk)
    year = _year(request)
    return render(request, "catalog/programme_detail.html", {
        "programme": programme, "rule_form": form, "year": year,
        "sessions": selectors.planned_sessions_for_user(request.user, year=year, programme=programme),
    }, status=400)


@require_POST
@permission_required("catalog.change_catalog", raise_exception=True)
def recurrence_delete(request, pk: int):
    rule = for_user(RecurrenceRule.objects.all(), request.user, "change").filter(pk=pk).first()
    if rule is None:
        raise Http404
    programme_id = rule.programme_id
    services.recurrence_rule_delete(rule=rule)
    messages.success(request, _("Pola jadwal dan sesinya dihapus."))
    return redirect("catalog:programme_detail", programme_id)


@permission_required("catalog.view_catalog", raise_exception=True)
def session_list(request):
    year = _year(request)
    try:
        month = int(request.GET.get("bulan") or 0)
    except ValueError:
        month = 0
    month = month if 1 <= month <= 12 else None
    qs = selectors.planned_sessions_for_user(request.user, year=year, month=month)
    page = Paginator(qs, 100).get_page(request.GET.get("page"))
    return render(request, "catalog/session_list.html", {"page_obj": page, "year": year, "month": month,
                                                         "months": MONTHS})


@permission_required("catalog.view_catalog", raise_exception=True)
def method_list(request):
    methods = selectors.methods_for_user(request.user)
    return render(request, "catalog/method_list.html", {"methods": methods})


@permission_required("catalog.change_catalog", raise_exception=True)
def method_edit(request, pk: int):
    method = selectors.methods_for_agency(request.user.agency_id).filter(pk=pk).first()
    if method is None:
        raise Http404
    form = MethodForm(request.POST or None, instance=Method.objects.get(pk=method.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.method_update(method=method, agency=request.user.agency, data=form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Metode tersimpan untuk instansi ini."))
            return redirect("catalog:method_list")
    return render(request, "catalog/method_form.html", {"form": form, "method": method})


@permission_required("catalog.view_catalog", raise_exception=True)
def provider_list(request):
    providers = for_user(Provider.objects.all(), request.user).annotate(
        n_programmes=Count("programmes", filter=Q(programmes__active=True))).order_by("name")
    return render(request, "catalog/provider_list.html", {"providers": providers})


@permission_required("catalog.change_catalog", raise_exception=True)
def provider_edit(request, pk: int | None = None):
    provider = None
    if pk is not None:
        provider = for_user(Provider.objects.all(), request.user, "change").filter(pk=pk).first()
        if provider is None:
            raise Http404
    form = ProviderForm(request.POST or None, instance=provider, agency=request.user.agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.provider_save(agency=request.user.agency, data=form.cleaned_data, provider=provider)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Penyelenggara tersimpan."))
            return redirect("catalog:provider_list")
    return render(request, "catalog/provider_form.html", {"form": form, "provider": provider})


@permission_required("catalog.use_suggestions", raise_exception=True)
def suggest_view(request):
    form = SuggestForm(request.GET or None, agency_id=request.user.agency_id)
    results = None
    if form.is_bound and form.is_valid():
        f = form.cleaned_data
        results = suggest(competency=f["competency"], gap=f["gap"], position_type=f["position_type"],
                          agency=request.user.agency, current_level=f.get("current_level"))
    return render(request, "catalog/suggest.html", {"form": form, "results": results})


@permission_required("catalog.use_suggestions", raise_exception=True)
def rule_list(request):
    rules = selectors.suggestion_rules_for_agency(request.user.agency_id)
    own = rules.filter(agency_id=request.user.agency_id).exists() if request.user.agency_id else False
    return render(request, "catalog/rule_list.html", {"rules": rules, "own": own})


@permission_required("catalog.change_rules", raise_exception=True)
def rule_edit(request, pk: int | None = None):
    rule = None
    if pk is not None:
        rule = selectors.suggestion_rules_for_agency(request.user.agency_id).filter(pk=pk).first()
        if rule is None:
            raise Http404
    form = SuggestionRuleForm(request.POST or None,
                              instance=SuggestionRule.objects.get(pk=rule.pk) if rule else SuggestionRule(
                                  agency=request.user.agency))
    if request.method == "POST" and form.is_valid():
        try:
            services.suggestion_rule_save(agency=request.user.agency, data=form.cleaned_data, rule=rule)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Aturan saran tersimpan."))
            return redirect("catalog:rule_list")
    methods = selectors.methods_for_agency(request.user.agency_id, active_only=True)
    return render(request, "catalog/rule_form.html", {"form": form, "rule": rule, "methods": methods})


@require_POST
@permission_required("catalog.change_rules", raise_exception=True)
def rule_delete(request, pk: int):
    rule = selectors.suggestion_rules_for_agency(request.user.agency_id).filter(pk=pk).first()
    if rule is None:
        raise Http404
    services.suggestion_rule_delete(agency=request.user.agency, rule=rule)
    messages.success(request, _("Aturan saran dihapus."))
    return redirect("catalog:rule_list")


@permission_required("catalog.change_catalog", raise_exception=True)
def catalogue_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = transfer.import_catalogue(agency=request.user.agency, data=upload.read(),
                                               filename=upload.name,
                                               skip_invalid=form.cleaned_data["skip_invalid"])
        except TabularError as exc:
            form.add_error("file", str(exc))
        else:
            if report.written:
                messages.success(request, _("Impor selesai: %(c)s baru, %(u)s diperbarui, %(n)s tetap.") % {
                    "c": report.created, "u": report.updated, "n": report.unchanged})
    status = 400 if request.method == "POST" and (not form.is_valid() or (report and not report.written)) else 200
    return render(request, "catalog/import.html", {"form": form, "report": report}, status=status)
