"""Reads of the plans app, through scoping.for_user — and the one read path for the apps that stand later
(delivery, evaluation, cycle): they ask here for the approved plan and its figures instead of reading the plans
models themselves."""

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


def approved_plans(agency_id: int) -> QuerySet[DevelopmentPlan]:
    """Every plan the PPK has set (PP 11/2017 Pasal 207), newest year and version first."""
    return DevelopmentPlan.objects.filter(agency_id=agency_id, status=PlanStatus.APPROVED).order_by("-year",
                                                                                                  "-version")


def approved_plan(agency_id: int, year: int | None = None) -> DevelopmentPlan | None:
    """The plan of `year` as set by the PPK: its latest approved version (without a year: the newest year's)."""
    qs = approved_plans(agency_id)
    if year:
        qs = qs.filter(year=year)
    return qs.first()


def is_approved(plan: DevelopmentPlan) -> bool:
    return plan.status == PlanStatus.APPROVED


def has_plan(agency_id: int, year: int) -> bool:
    """Whether any plan (any status) exists for the year."""
    return DevelopmentPlan.objects.filter(agency_id=agency_id, year=year).exists()


def planned_figures(agency_id: int, year: int) -> list[dict] | None:
    """Planned participation of the year's approved plan as rows {unit_id, competency_id, participants, jp,
    budget}: one per unit (competency None) and one per reason competency (unit None). None without a plan."""
    plan = approved_plan(agency_id, year)
    if plan is None:
        return None
    assignments = PlanAssignment.objects.filter(plan=plan)
    rows = [{"unit_id": r["unit_id"], "competency_id": None, "participants": r["n"], "jp": r["jp"] or 0,
             "budget": r["cost"] or 0}
            for r in assignments.values("unit_id").annotate(n=Count("pk"), jp=Sum("jp"), cost=Sum("cost"))]
    rows += [{"unit_id": None, "competency_id": r["competency_id"], "participants": r["n"], "jp": r["jp"] or 0,
              "budget": r["cost"] or 0}
             for r in assignments.exclude(competency__isnull=True).values("competency_id")
             .annotate(n=Count("pk"), jp=Sum("jp"), cost=Sum("cost"))]
    return rows


def unfinished_assignments(agency_id: int, year: int, *, completed: set[tuple[int, int]]) -> list[dict] | None:
    """Assignments of the year's approved plan (active employees) whose (employee, programme) is not in
    `completed` — the caller (who knows delivery) says what was completed. Rows {employee_id, unit_id,
    competency_id, programme_id, programme_title, gap}; None without an approved plan."""
    plan = approved_plan(agency_id, year)
    if plan is None:
        return None
    rows = []
    for a in (PlanAssignment.objects.filter(plan=plan, employee__active=True)
              .values("employee_id", "unit_id", "competency_id", "programme_id", "programme__title", "gap")):
        if (a["employee_id"], a["programme_id"]) in completed:
            continue
        rows.append({"employee_id": a["employee_id"], "unit_id": a["unit_id"], "competency_id": a["competency_id"],
                     "programme_id": a["programme_id"], "programme_title": a["programme__title"], "gap": a["gap"]})
    return rows


def planned_employee_ids(agency_id: int, year: int, programme_id: int) -> QuerySet:
    """Employees planned for a programme in an approved plan of the year (a `values("employee_id")` subquery)."""
    return PlanAssignment.objects.filter(plan__agency_id=agency_id, plan__status=PlanStatus.APPROVED,
                                         plan__year=year, programme_id=programme_id).values("employee_id")


def items_in_scope(plan: DevelopmentPlan, user) -> QuerySet[PlanItem]:
    """The plan's items that the user sees: all for BKPSDM and the PPK, otherwise the items with a planned
    participant in the user's scope."""
    items = PlanItem.objects.filter(plan=plan)
    if not (user.is_bkpsdm_admin or user.is_head):
        items = items.filter(pk__in=for_user(PlanAssignment.objects.filter(plan=plan), user).values("item_id"))
    return items


def planned_cost(plan: DevelopmentPlan, user) -> int:
    """Planned cost of the plan's assignments in the user's scope."""
    return for_user(PlanAssignment.objects.filter(plan=plan), user).aggregate(s=Sum("cost"))["s"] or 0


def employee_idp(user, employee, year: int) -> IndividualPlan | None:
    """The employee's IDP of the year in the user's scope: the approved plan's (latest version), else the
    latest version's whatever its status."""
    idps = for_user(IndividualPlan.objects.filter(employee=employee, plan__year=year), user)
    return (idps.filter(plan__status=PlanStatus.APPROVED).order_by("-plan__version").first()
            or idps.order_by("-plan__version").select_related("plan").first())


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
