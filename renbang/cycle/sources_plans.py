"""The cycle's reads of the plans app: the year's approved development plan (RPK) — planned participants, JP and
budget, its items with the seven items of PP 11/2017 Pasal 207(3), the employee's IDP — set against delivery's
completed sessions. Everything about plans comes through `renbang.plans.selectors` (the plans app's one read
path for later apps); nothing here touches the plans models."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.urls import reverse

from renbang.accounts.scoping import for_user
from renbang.delivery.models import Enrolment, Session
from renbang.delivery.selectors import plan_spending
from renbang.plans import selectors as plans

MONTHS = ["", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]


def approved_plan(agency_id: int, year: int):
    """The year's plan as set by the PPK (the latest approved version)."""
    return plans.approved_plan(agency_id, year)


def planned_rows(agency_id: int, year: int) -> list[dict] | None:
    """Planned participation: per unit (competency None) and per reason competency (unit None)."""
    return plans.planned_figures(agency_id, year)


def _completed_programmes(agency_id: int, year: int) -> set[tuple[int, int]]:
    return set(Enrolment.objects.filter(completed=True, session__agency_id=agency_id,
                                        session__end_date__year=year)
               .values_list("employee_id", "session__programme_id"))


def unfinished(agency_id: int, year: int) -> list[dict] | None:
    """Planned assignments whose employee did not complete that programme in the year."""
    if approved_plan(agency_id, year) is None:
        return None
    return plans.unfinished_assignments(agency_id, year, completed=_completed_programmes(agency_id, year))


def month_progress(user, year: int, month: int) -> dict | None:
    """The approved plan's items in the user's scope (items with a planned participant they see) and how many of
    them have been held (a delivery session made from the item, completed): in `month` and from January to the
    end of `month`. A plan puts its items in a few months only, so a month alone is often 0 / 0: the figures to
    date say how the plan stands. `linked`: items that have a delivery session at all (0 while no session has
    been made from the plan, which is why nothing counts as held). One query."""
    plan = approved_plan(user.agency_id, year) if user.agency_id else None
    if plan is None:
        return None
    held = Q(delivery_sessions__status=Session.Status.COMPLETED)
    to_date = Q(month__lte=month)
    agg = plans.items_in_scope(plan, user).aggregate(
        planned=Count("pk", distinct=True, filter=Q(month=month)),
        held=Count("pk", distinct=True, filter=Q(month=month) & held),
        planned_to_date=Count("pk", distinct=True, filter=to_date),
        held_to_date=Count("pk", distinct=True, filter=to_date & held),
        linked_to_date=Count("pk", distinct=True, filter=to_date & Q(delivery_sessions__isnull=False)),
        items=Count("pk", distinct=True))
    return {**agg, "month": month, "url": _plan_url(user, plan)}


def budget(user, year: int) -> dict | None:
    """Money of the year's approved plan in the user's scope, as a budget officer reads it:
    `planned` — the cost of the plan's assignments; `realised` — completed participation in the sessions made
    from the plan's items, at the item's recorded price (the RPK's own spending, the figure the annual report
    gives per item); `outside` — completed participation in the year's other sessions, at the catalogue price,
    shown apart so that it never inflates the plan's realisation. The split and the prices: one rule,
    `renbang.delivery.selectors.plan_spending`."""
    plan = approved_plan(user.agency_id, year) if user.agency_id else None
    if plan is None:
        return None
    planned = plans.planned_cost(plan, user)
    completed = for_user(Enrolment.objects.filter(completed=True, session__agency_id=user.agency_id), user)
    in_plan, outside = plan_spending(completed, plan, year)
    realised = in_plan.aggregate(s=Sum("cost"), n=Count("pk"))
    outside = outside.aggregate(s=Sum("cost"), n=Count("pk"))
    return {"planned": planned, "realised": realised["s"] or 0, "realised_participants": realised["n"],
            "outside": outside["s"] or 0, "outside_participants": outside["n"],
            "share": round(100 * (realised["s"] or 0) / planned, 1) if planned else None,
            "url": _plan_url(user, plan)}


def _plan_url(user, plan) -> str:
    return reverse("plans:plan_detail", args=[plan.pk]) if user.has_perm("plans.view_plans") else ""


def idp_items(user, employee, year: int) -> list[dict] | None:
    """The employee's IDP of the year: the approved plan's, else the latest version's (with its status)."""
    idp = plans.employee_idp(user, employee, year)
    if idp is None:
        return [] if plans.has_plan(employee.agency_id, year) else None
    done = {p for e, p in _completed_programmes(employee.agency_id, year) if e == employee.pk}
    rows = []
    for a in plans.idp_assignments(idp).select_related("programme").order_by("month", "pk"):
        when = a.item.date.strftime("%d-%m-%Y") if a.item.date else f"{MONTHS[a.month]} {year}"
        rows.append({"title": a.programme.title, "when": when, "jp": a.jp,
                     "competency": a.competency.code if a.competency else "",
                     "status": "Selesai" if a.programme_id in done else idp.get_status_display(),
                     "url": reverse("plans:idp_detail", args=[idp.pk])})
    return rows


def rpk_items(agency_id: int, year: int) -> list[dict] | None:
    plan = approved_plan(agency_id, year)
    if plan is None:
        return None
    items = list(plans.plan_items(plan).order_by("month", "date", "pk"))
    realised: dict[int, dict] = defaultdict(lambda: {"n": 0, "cost": 0})
    in_plan, _outside = plan_spending(Enrolment.objects.filter(completed=True, session__agency_id=agency_id),
                                      plan, year)
    for item_id, n, cost in (in_plan.values("session__plan_item_id").annotate(n=Count("pk"), total=Sum("cost"))
                             .values_list("session__plan_item_id", "n", "total")):
        realised[item_id] = {"n": n, "cost": cost or 0}
    return [{"competencies": ", ".join(f"{c.code} {c.name}" for c in item.competencies.all()),
             "target": f"{item.participants} pegawai", "form": f"{item.form} ({item.route})",
             "provider": item.provider_name or (item.provider.name if item.provider else ""),
             "schedule": item.date.strftime("%d-%m-%Y") if item.date else f"{MONTHS[item.month]} {year}",
             "curriculum": item.curriculum_reference, "budget": item.budget,
             "realised_participants": realised[item.pk]["n"], "realised_budget": realised[item.pk]["cost"]}
            for item in items]
