"""Pages of planning: scenarios (settings, run with progress, results, comparison) and the plan (items, edits,
approval, versions, documents)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renbang.accounts.scoping import for_user
from renbang.people.models import Employee

from . import documents, selectors, services
from .forms import AddParticipantForm, ScenarioForm
from .metrics import LEFT_LIMITS, LEFT_NO_NEED, LEFT_NO_PROGRAMME, LEFT_NOT_ELIGIBLE
from .models import DevelopmentPlan, PlanAssignment, PlanItem, PlanStatus, ScenarioStatus
from .months import MONTHS

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

LEFT_LABELS = {
    LEFT_NO_NEED: _("Tidak ada kesenjangan (kompetensi sudah memenuhi standar)"),
    LEFT_NO_PROGRAMME: _("Tidak ada program dalam katalog untuk kompetensinya"),
    LEFT_NOT_ELIGIBLE: _("Program yang ada tidak terbuka untuk jenis jabatannya atau tidak sesuai level kompetensinya"),
    LEFT_LIMITS: _("Kalah prioritas karena anggaran, kapasitas atau batas JP"),
}


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _scenario(request, pk: int, action: str = "view"):
    scenario = for_user(selectors.scenarios_for_user(request.user), request.user, action).filter(pk=pk).first()
    if scenario is None:
        raise Http404
    return scenario


def _plan(request, pk: int) -> DevelopmentPlan:
    plan = selectors.plans_for_user(request.user).select_related("agency").filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


@permission_required("plans.view_plans", raise_exception=True)
def index(request):
    scenarios = list(selectors.scenarios_for_user(request.user).order_by("-year", "name")[:100])
    plans = list(selectors.plans_for_user(request.user).order_by("-year", "-version")[:100])
    return render(request, "plans/index.html", {"scenarios": scenarios, "plans": plans})


@permission_required("plans.manage_scenarios", raise_exception=True)
def scenario_edit(request, pk: int | None = None):
    scenario = _scenario(request, pk, "change") if pk else None
    form = ScenarioForm(request.POST or None, instance=scenario, agency=request.user.agency)
    if request.method == "POST" and form.is_valid():
        budgets = form.cleaned_data.pop("unit_budgets", {})
        try:
            saved = services.scenario_save(scenario=form.save(commit=False), unit_budgets=budgets,
                                           user=request.user)
            form.save_m2m()
        except ValidationError as exc:
            for field, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Skenario tersimpan."))
            return redirect("plans:scenario_detail", saved.pk)
    return render(request, "plans/scenario_form.html", {"form": form, "scenario": scenario})


@permission_required("plans.view_plans", raise_exception=True)
def scenario_detail(request, pk: int):
    scenario = _scenario(request, pk)
    summary = scenario.summary or {}
    left = summary.get("left_out", {})
    left_rows = []
    sample_ids = {i for ids in left.get("samples", {}).values() for i in ids}
    names = dict(for_user(Employee.objects.filter(pk__in=sample_ids), request.user).values_list("pk", "name"))
    for key, label in LEFT_LABELS.items():
        left_rows.append({"key": key, "label": label, "count": left.get("counts", {}).get(key, 0),
                          "sample": [names[i] for i in left.get("samples", {}).get(key, []) if i in names][:10]})
    for row in summary.get("by_month", []):
        row["name"] = dict(MONTHS).get(row.get("month"), "")
    plan = scenario.plans.order_by("-version").first()
    return render(request, "plans/scenario_detail.html", {
        "scenario": scenario, "s": summary, "left_rows": left_rows, "plan": plan, "job": scenario.job,
        "unit_budgets": scenario.unit_budgets.select_related("unit"),
    })


@require_POST
@permission_required("plans.manage_scenarios", raise_exception=True)
def scenario_run(request, pk: int):
    scenario = _scenario(request, pk, "change")
    try:
        services.scenario_run(scenario=scenario, user=request.user)
    except services.PlanEditError as exc:
        messages.error(request, str(exc))
    return redirect("plans:scenario_detail", scenario.pk)


@permission_required("plans.view_plans", raise_exception=True)
def scenario_status(request, pk: int):
    """HTMX partial polled while the optimiser runs; tells the page to reload when done."""
    scenario = _scenario(request, pk)
    job = scenario.job
    response = render(request, "plans/_run_status.html", {"scenario": scenario, "job": job})
    if job is None or job.is_finished:
        response["HX-Refresh"] = "true"
    return response


@permission_required("plans.view_plans", raise_exception=True)
def scenario_compare(request):
    ids = [i for i in (_int(v) for v in request.GET.getlist("s")) if i][:4]
    all_scenarios = list(selectors.scenarios_for_user(request.user).filter(status=ScenarioStatus.DONE)
                         .order_by("-year", "name")[:100])
    chosen = [s for s in all_scenarios if s.pk in ids] or all_scenarios[:3]
    return render(request, "plans/compare.html", {"scenarios": chosen, "all_scenarios": all_scenarios,
                                                  "chosen_ids": [s.pk for s in chosen]})


# ----- the plan -----------------------------------------------------------------------------------------------


@permission_required("plans.view_plans", raise_exception=True)
def plan_detail(request, pk: int):
    plan = _plan(request, pk)
    month = _int(request.GET.get("bulan"))
    q = (request.GET.get("q") or "").strip()[:100]
    page = Paginator(selectors.plan_items(plan, month=month, q=q), 40).get_page(request.GET.get("page"))
    return render(request, "plans/plan_detail.html", {
        "plan": plan, "page_obj": page, "totals": selectors.plan_totals(plan), "months": MONTHS, "month": month,
        "q": q, "transitions": plan.transitions.select_related("by"),
        "versions": DevelopmentPlan.objects.filter(agency_id=plan.agency_id, year=plan.year).order_by("-version"),
        "job": plan.scenario.job if plan.scenario_id and plan.scenario.status == ScenarioStatus.RUNNING else None,
    })


def _expected(request) -> int | None:
    return _int(request.POST.get("lock_version"))


@require_POST
@permission_required("plans.view_plans", raise_exception=True)
def plan_action(request, pk: int):
    """submit / approve / return / new_version / reoptimise (each with its own permission)."""
    plan = _plan(request, pk)
    action = request.POST.get("action", "")
    needed = {"submit": "plans.submit_plan", "approve": "plans.approve_plan", "return": "plans.approve_plan",
              "new_version": "plans.edit_plan", "reoptimise": "plans.edit_plan"}.get(action)
    if needed is None:
        messages.error(request, _("Tindakan tidak dikenal."))
        return redirect("plans:plan_detail", plan.pk)
    if not request.user.has_perm(needed):
        raise PermissionDenied
    try:
        if action == "submit":
            services.plan_submit(plan=plan, user=request.user, expected_version=_expected(request))
            messages.success(request, _("Rencana diajukan kepada PPK untuk ditetapkan."))
        elif action == "approve":
            services.plan_approve(plan=plan, user=request.user, expected_version=_expected(request),
                                  note=request.POST.get("note", "")[:2000])
            messages.success(request, _("Rencana ditetapkan. Versi ini sekarang terkunci."))
        elif action == "return":
            services.plan_return(plan=plan, user=request.user, note=request.POST.get("note", "")[:2000],
                                 expected_version=_expected(request))
            messages.success(request, _("Rencana dikembalikan kepada BKPSDM dengan catatan."))
        elif action == "new_version":
            new = services.plan_new_version(plan=plan, user=request.user)
            messages.success(request, _("Versi %(v)s dibuat sebagai draf.") % {"v": new.version})
            return redirect("plans:plan_detail", new.pk)
        elif action == "reoptimise":
            services.plan_reoptimise(plan=plan, user=request.user, expected_version=_expected(request))
            messages.success(request, _("Optimasi ulang berjalan; item yang dikunci dipertahankan."))
            return redirect("plans:scenario_detail", plan.scenario_id)
    except services.PlanEditError as exc:
        messages.error(request, str(exc))
    return redirect("plans:plan_detail", plan.pk)


@permission_required("plans.view_plans", raise_exception=True)
def plan_diff(request, pk: int):
    plan = _plan(request, pk)
    other = selectors.plans_for_user(request.user).filter(pk=_int(request.GET.get("dengan")) or 0).first() \
        or plan.previous
    if other is None:
        return render(request, "plans/plan_diff.html", {"plan": plan, "other": None})
    diff = services.plan_diff(other, plan)
    emp_ids = {e for e, _p in diff["added"] + diff["removed"]} | {k[0] for k, _a, _b in diff["moved"]}
    prog_ids = {p for _e, p in diff["added"] + diff["removed"]} | {k[1] for k, _a, _b in diff["moved"]} | {
        p for p, _m in diff["items_added"] + diff["items_removed"]}
    from renbang.catalog.models import Programme

    names = dict(for_user(Employee.objects.filter(pk__in=list(emp_ids)[:5000]), request.user)
                 .values_list("pk", "name"))
    titles = dict(Programme.objects.filter(pk__in=prog_ids).values_list("pk", "title"))
    months = dict(MONTHS)

    def rows(pairs):
        return [{"employee": names.get(e, _("(di luar cakupan Anda)")), "programme": titles.get(p, p)}
                for e, p in pairs[:500]]

    return render(request, "plans/plan_diff.html", {
        "plan": plan, "other": other, "diff": diff, "added": rows(diff["added"]), "removed": rows(diff["removed"]),
        "moved": [{"employee": names.get(k[0], "-"), "programme": titles.get(k[1], k[1]), "from": months.get(a),
                   "to": months.get(b)} for k, a, b in diff["moved"][:500]],
        "items_added": [(titles.get(p, p), months.get(m)) for p, m in diff["items_added"]],
        "items_removed": [(titles.get(p, p), months.get(m)) for p, m in diff["items_removed"]],
    })


@permission_required("plans.export_plan", raise_exception=True)
def plan_pdf(request, pk: int):
    plan = _plan(request, pk)
    response = HttpResponse(documents.rpk_pdf(plan), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="rpk-{plan.year}-v{plan.version}.pdf"'
    return response


@permission_required("plans.export_plan", raise_exception=True)
def plan_xlsx(request, pk: int):
    plan = _plan(request, pk)
    response = HttpResponse(documents.rpk_xlsx(plan), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="rpk-{plan.year}-v{plan.version}.xlsx"'
    return response


# ----- items and manual edits ------------------------------------------------------------------------------------


def _item(request, pk: int) -> PlanItem:
    item = PlanItem.objects.select_related("plan__scenario", "plan__agency", "programme", "provider", "method",
                                           "session").filter(pk=pk).first()
    if item is None or not selectors.plans_for_user(request.user).filter(pk=item.plan_id).exists():
        raise Http404
    return item


@permission_required("plans.view_plans", raise_exception=True)
def item_detail(request, pk: int):
    item = _item(request, pk)
    participants = Paginator(selectors.item_participants(request.user, item), 50).get_page(request.GET.get("page"))
    siblings = item.plan.items.filter(programme_id=item.programme_id).exclude(pk=item.pk).order_by("month")
    return render(request, "plans/item_detail.html", {
        "item": item, "plan": item.plan, "page_obj": participants, "siblings": siblings,
        "form": AddParticipantForm(initial={"nip": request.GET.get("nip", "")}),
    })


@require_POST
@permission_required("plans.edit_plan", raise_exception=True)
def item_action(request, pk: int):
    """add / remove / move / lock / unlock / lock_one / unlock_one on an item and its participants."""
    item = _item(request, pk)
    plan = item.plan
    action = request.POST.get("action", "")
    expected = _expected(request)
    form = AddParticipantForm(request.POST) if action == "add" else None
    try:
        if action == "add":
            if not form.is_valid():
                raise services.PlanEditError(_("Isi NIP pegawai."))
            nip = form.cleaned_data["nip"].strip()
            employee = for_user(Employee.objects.filter(nip=nip), request.user).select_related("position").first()
            if employee is None:
                raise services.PlanEditError(_("Pegawai dengan NIP %(nip)s tidak ditemukan.") % {"nip": nip})
            warnings = services.assignment_add(plan=plan, item=item, employee=employee, expected_version=expected,
                                               user=request.user)
            messages.success(request, _("%(name)s ditambahkan ke item ini.") % {"name": employee.name})
            for w in warnings:
                messages.warning(request, w)
        elif action in ("remove", "move", "lock_one", "unlock_one"):
            assignment = PlanAssignment.objects.select_related("employee__position").filter(
                pk=_int(request.POST.get("assignment")) or 0, item=item).first()
            if assignment is None:
                raise services.PlanEditError(_("Peserta tidak ditemukan pada item ini."))
            if action == "remove":
                services.assignment_remove(plan=plan, assignment=assignment, expected_version=expected)
                messages.success(request, _("Peserta dikeluarkan dari item ini."))
            elif action == "move":
                target = plan.items.filter(pk=_int(request.POST.get("to")) or 0).select_related("programme").first()
                if target is None:
                    raise services.PlanEditError(_("Pilih angkatan tujuan."))
                for w in services.assignment_move(plan=plan, assignment=assignment, to_item=target,
                                                  expected_version=expected):
                    messages.warning(request, w)
                messages.success(request, _("Peserta dipindahkan."))
            else:
                services.assignment_lock(plan=plan, assignment=assignment, locked=action == "lock_one",
                                         expected_version=expected)
        elif action in ("lock", "unlock"):
            services.item_lock(plan=plan, item=item, locked=action == "lock", expected_version=expected)
            messages.success(request, _("Item dikunci.") if action == "lock" else _("Kunci item dibuka."))
        else:
            raise services.PlanEditError(_("Tindakan tidak dikenal."))
    except services.PlanEditError as exc:
        messages.error(request, str(exc))
        if form is not None:
            return redirect(f"{item_url(item)}?nip={request.POST.get('nip', '')[:18]}")
    return redirect("plans:item_detail", item.pk)


def item_url(item: PlanItem) -> str:
    from django.urls import reverse

    return reverse("plans:item_detail", args=[item.pk])


def plan_status_label(status: str) -> str:
    return str(dict(PlanStatus.choices).get(status, status))
