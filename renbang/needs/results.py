"""Read models of the results pages: heatmap, top needs, cell lists, employee profile (all scoped)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Avg, Count, Q, QuerySet, Sum

from renbang.accounts.scoping import for_user
from renbang.competencies.models import Competency
from renbang.org.models import OrgUnit

from .models import AgreedNeed, Campaign, CurrentLevel, FocusGroup, JobMatch, Need
from .selectors import _row_units, _top_map, job_matches_for_user, needs_for_user, units_in_charge

T = TypeVar("T")


def _units(campaign: Campaign, user) -> list[tuple[int, int | None, str]]:
    return list(for_user(OrgUnit.objects.filter(agency_id=campaign.agency_id), user)
                .values_list("pk", "parent_id", "name"))


def subtree(unit_id: int) -> QuerySet:
    return OrgUnit.objects.descendants(unit_id, include_self=True).values("pk")


#: How long the figures of a computed campaign stay in the cache at most (they are keyed by the computation,
#: so a recomputation is seen at once: this only frees memory).
FIGURES_CACHE_SECONDS = 6 * 3600


def _agency_wide_figures(campaign: Campaign, user, name: str, compute: Callable[[], T]) -> T:
    """`compute()`, cached when it can be shared: for a user who sees every employee of the campaign's agency
    (BKPSDM admin, PPK: scoping.for_user filters nothing but the agency for them) the figures of a computed
    campaign are the same for all such users, and they change only when the campaign is computed again
    (compute.write_results replaces its needs and job matches, then sets a new computed_at). So the key is the
    campaign and its computed_at: no invalidation to forget, a recomputation is a new key. Users with a narrower
    scope (an OPD officer's unit subtree, a supervisor's staff) are never served from the cache."""
    if not (user.sees_whole_agency and user.agency_id == campaign.agency_id and campaign.computed_at):
        return compute()
    key = f"needs:{name}:{campaign.pk}:{campaign.computed_at.isoformat()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, FIGURES_CACHE_SECONDS)
    return value


def _cell_figures(campaign: Campaign, user) -> list[dict]:
    return list(needs_for_user(user, campaign).filter(required__gt=0).values("unit_id", "competency_id")
                .annotate(n=Count("pk"), with_gap=Count("pk", filter=Q(gap__gt=0)), gap_sum=Sum("gap"))
                .order_by())


def heatmap(campaign: Campaign, user, parent_id: int | None = None) -> dict:
    """Rows = units (children of parent_id or the top units in scope), columns = competencies with a need;
    each cell: employees measured, employees with a gap, their share (%) and the mean gap."""
    units = _units(campaign, user)
    rows = _row_units(units, parent_id, user)
    top_of = _top_map(units, {pk for pk, _n in rows})
    agg = _agency_wide_figures(campaign, user, "cells", lambda: _cell_figures(campaign, user))
    cells: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: {"n": 0, "with_gap": 0, "gap_sum": 0})
    comp_ids = set()
    for row in agg:
        top = top_of.get(row["unit_id"])
        if top is None:
            continue
        cell = cells[(top, row["competency_id"])]
        cell["n"] += row["n"]
        cell["with_gap"] += row["with_gap"]
        cell["gap_sum"] += row["gap_sum"] or 0
        comp_ids.add(row["competency_id"])
    competencies = list(Competency.objects.filter(pk__in=comp_ids).order_by("competency_type", "code"))
    table = []
    for unit_id, name in rows:
        line = []
        for comp in competencies:
            c = cells.get((unit_id, comp.pk))
            if not c or not c["n"]:
                line.append(None)
                continue
            share = round(100 * c["with_gap"] / c["n"])
            line.append({"competency": comp, "n": c["n"], "with_gap": c["with_gap"], "share": share,
                         "mean_gap": round(c["gap_sum"] / c["n"], 2), "shade": min(share // 20, 4)})
        if any(line):
            table.append({"unit_id": unit_id, "name": name, "cells": line,
                          "has_children": any(p == unit_id for _pk, p, _n in units)})
    return {"competencies": competencies, "rows": table}


def top_needs(campaign: Campaign, user, unit_id: int | None = None, limit: int = 15) -> list[dict]:
    """Competencies ranked by how many employees have a gap (then by mean priority), in the user's scope."""
    if unit_id:  # a unit's subtree as it is now (units move): not cached
        rows = _top_needs(campaign, user, unit_id, limit)
    else:
        rows = _agency_wide_figures(campaign, user, f"top{limit}", lambda: _top_needs(campaign, user, None, limit))
    # code and name read now, not cached with the figures: the dictionary may be edited between computations
    names = {c["pk"]: c for c in Competency.objects.filter(pk__in=[r["competency_id"] for r in rows])
             .values("pk", "code", "name")}
    return [dict(r, competency__code=names[r["competency_id"]]["code"],
                 competency__name=names[r["competency_id"]]["name"], source="computed")
            for r in rows if r["competency_id"] in names]


def _top_needs(campaign: Campaign, user, unit_id: int | None, limit: int) -> list[dict]:
    qs = needs_for_user(user, campaign).filter(Q(gap__gt=0) | Q(next_gap__gt=0))
    if unit_id:
        qs = qs.filter(unit__in=subtree(unit_id))
    return list(qs.values("competency_id")
                .annotate(employees=Count("pk", filter=Q(gap__gt=0)), next_only=Count("pk", filter=Q(gap=0)),
                          mean_priority=Avg("priority"), mean_gap=Avg("gap"))
                .order_by("-employees", "-mean_priority", "competency_id")[:limit])


def agreed_needs(campaign: Campaign, user, unit_id: int | None = None) -> QuerySet[AgreedNeed]:
    """Needs agreed in the FGDs of the campaign (in units the user sees)."""
    groups = for_user(FocusGroup.objects.filter(campaign=campaign), user).filter(
        unit__in=units_in_charge(user).values("pk"))
    if unit_id:
        groups = groups.filter(unit__in=subtree(unit_id))
    return (AgreedNeed.objects.filter(focus_group__in=groups)
            .select_related("competency", "focus_group__unit").order_by("priority", "competency__code"))


def cell_needs(campaign: Campaign, user, unit_id: int, competency_id: int) -> QuerySet[Need]:
    return (needs_for_user(user, campaign).filter(unit__in=subtree(unit_id), competency_id=competency_id,
                                                  required__gt=0)
            .select_related("employee", "employee__position", "unit").order_by("-gap", "-priority",
                                                                              "employee__name"))


def band_summary(campaign: Campaign, user) -> dict[str, int]:
    counts = _agency_wide_figures(campaign, user, "bands", lambda: dict(
        job_matches_for_user(user, campaign).values_list("band").annotate(n=Count("pk")).values_list("band", "n")))
    return {key: counts.get(key, 0) for key in JobMatch.BAND_LABELS}


def employee_profile(campaign: Campaign, user, employee) -> dict:
    needs = list(needs_for_user(user, campaign).filter(employee=employee).select_related("competency")
                 .order_by("competency__competency_type", "competency__code"))
    sources = {c.competency_id: c for c in
               for_user(CurrentLevel.objects.filter(campaign=campaign, employee=employee), user)}
    match = job_matches_for_user(user, campaign).filter(employee=employee).first()
    for need in needs:
        need.level_info = sources.get(need.competency_id)
        need.disagreement = bool(need.level_info and need.level_info.disagreement)
    chart = {
        "labels": [n.competency.code for n in needs if n.required],
        "required": [n.required for n in needs if n.required],
        "current": [n.current or 0 for n in needs if n.required],
        "next": [n.next_required for n in needs if n.required],
    }
    return {"needs": needs, "match": match, "chart": chart}
