"""Reads of the plans app, through scoping.for_user."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from renbang.accounts.scoping import for_user
from renbang.competencies.models import Competency
from renbang.people.models import Employee, EmployeeStatus

from .models import (
    DevelopmentPlan,
    IndividualPlan,
    PlanAssignment,
    PlanItem,
    PlanningScenario,
    PlanStatus,
)


def scenarios_for_user(user) -> QuerySet[PlanningScenario]:
    return for_user(PlanningScenario.objects.all(), user).select_related("job")


def plans_for_user(user) -> QuerySet[DevelopmentPlan]:
    return for_user(DevelopmentPlan.objects.all(), user).select_related("scenario")


def approved_plan(agency_id: int, year: int | None = None) -> DevelopmentPlan | None:
    qs = DevelopmentPlan.objects.filter(agency_id=agency_id, status=PlanStatus.APPROVED)
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "-version").first()


def plan_items(plan: DevelopmentPlan, *, month: int | None = None, q: str = "") -> QuerySet[PlanItem]:
    qs = plan.items.select_related("programme", "method", "provider", "session").prefetch_related(
        Prefetch("competencies", queryset=Competency.objects.only("pk", "code", "name")))
    if month:
        qs = qs.filter(month=month)
    if q:
        qs = qs.filter(Q(programme__title__icontains=q) | Q(programme__code__icontains=q))
    return qs.order_by("month", "date", "programme__title", "pk")


def plan_totals(plan: DevelopmentPlan) -> dict:
    """Live totals of a plan (a few aggregate queries, whatever its size)."""
    agg = plan.assignments.aggregate(cost=Sum("cost"), n=Count("pk"), jp=Sum("jp"))
    s = plan.scenario
    floor = s.jp_floor_pns if s else 20
    cap = s.jp_cap_pppk if s else 24
    idps = IndividualPlan.objects.filter(plan=plan)
    pns_total = Employee.objects.filter(agency_id=plan.agency_id, active=True, status=EmployeeStatus.PNS).count()
    pns_reach = idps.filter(employee__status=EmployeeStatus.PNS, total_jp__gte=floor).count()
    pppk_over = idps.filter(employee__status__in=[EmployeeStatus.PPPK, EmployeeStatus.PPPK_PART_TIME],
                            total_jp__gt=cap).count()
    by_unit = list(plan.assignments.values("unit__name", "unit_id").annotate(cost=Sum("cost"), n=Count("pk"))
                   .order_by("-cost")[:15])
    limits = dict(s.unit_budgets.values_list("unit_id", "amount")) if s else {}
    for row in by_unit:
        row["limit"] = limits.get(row["unit_id"])
    used = agg["cost"] or 0
    return {
        "budget_used": used, "budget_total": plan.budget_total,
        "budget_share": used / plan.budget_total * 100 if plan.budget_total else 0,
        "assignments": agg["n"] or 0, "employees": idps.count(), "items": plan.items.count(),
        "pns_total": pns_total, "pns_reach": pns_reach, "pns_share": pns_reach / pns_total * 100 if pns_total else 0,
        "pppk_over": pppk_over, "floor": floor, "cap": cap, "by_unit": by_unit,
        "by_month": list(plan.items.values("month").annotate(n=Sum("participants"), cost=Sum("budget"),
                                                               items=Count("pk")).order_by("month")),
    }


def item_participants(user, item: PlanItem) -> QuerySet[PlanAssignment]:
    return for_user(item.assignments.all(), user).select_related(
        "employee__unit", "employee__position", "competency").order_by("employee__name")


def idps_for_user(user) -> QuerySet[IndividualPlan]:
    return for_user(IndividualPlan.objects.all(), user).select_related("plan", "employee__unit",
                                                                      "employee__position")


def idp_assignments(idp: IndividualPlan) -> QuerySet[PlanAssignment]:
    return idp.plan.assignments.filter(employee_id=idp.employee_id).select_related(
        "item__programme", "item__method", "item__provider", "competency").order_by("month", "item__date")
