"""The optimiser's result → plan rows (items with the Pasal 207(3) snapshot, assignments with reasons, IDPs)."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from django.db import transaction
from django.db.models import Count, Sum

from renbang.catalog.models import Programme

from .adapter import Prepared, item_key
from .models import (
    DevelopmentPlan,
    IdpStatus,
    IndividualPlan,
    PlanAssignment,
    PlanItem,
    ReasonKind,
    Source,
)

BATCH = 2000


def need_index(prep: Prepared) -> dict[tuple[int, int], int]:
    return {(int(e), int(c)): k for k, (e, c) in enumerate(zip(prep.need_emp, prep.need_comp, strict=True))}


def reason_for(prep: Prepared, needs: dict, i: int, programme_id: int) -> dict:
    """The need an assignment answers: the competency of the programme where the employee's weighted gap is
    largest; the current position's gap if there is one, else the next position's (PP 11/2017 Pasal 206)."""
    best, best_value = None, 0.0
    for o in prep.offers.get(programme_id, []):
        k = needs.get((i, o.competency_id))
        if k is None:
            continue
        value = prep.need_weight[k] * min(prep.need_gap[k], float(o.expected_uplift) or 0.01)
        if value > best_value:
            best, best_value = k, value
    if best is None:
        return {"competency_id": None, "reason_kind": ReasonKind.JP, "gap": 0}
    current_gap = int(prep.need_gap_current[best])
    kind = ReasonKind.CURRENT if current_gap > 0 else ReasonKind.NEXT
    return {
        "competency_id": int(prep.need_comp[best]), "reason_kind": kind,
        "gap": int(current_gap if current_gap > 0 else prep.need_gap[best]),
        "current_level": None if prep.need_current[best] < 0 else int(prep.need_current[best]),
        # carried needs (renbang.plans.carried) know no levels: -1 → unknown
        "required_level": _level(prep.need_required[best] if kind == ReasonKind.CURRENT
                                 else prep.need_next_required[best]),
    }


def _level(value) -> int | None:
    return None if value < 0 else int(value)


def item_snapshot(programme: Programme, session: dict | None, session_id: int | None) -> dict:
    return {
        "programme": programme, "session_id": session_id, "method_id": programme.method_id,
        "route": programme.method.route, "form": programme.method.name,
        "provider_id": programme.provider_id, "provider_name": programme.provider.name if programme.provider else "",
        "month": session["month"] if session else 1, "date": session["date"] if session else None,
        "capacity": session["capacity"] if session else programme.capacity_per_session,
        "jp": programme.jp, "cost_per_participant": programme.cost_per_participant,
        "curriculum_reference": programme.curriculum_reference,
    }


@transaction.atomic
def store(prep: Prepared, plan: DevelopmentPlan, emp_idx: np.ndarray, session_ids: list[int]) -> dict:
    """Write the new assignments into `plan`, keeping locked items and assignments; returns counts."""
    # Forget what is not locked: assignments not locked and not in a locked item, then items left empty.
    # The optimiser's own rows are replaced wholesale: a raw delete skips per-row signals (the audit trail records
    # the run on the plan and scenario; manual edits, which go through services, are audited row by row).
    stale = PlanAssignment.objects.filter(plan=plan, locked=False, item__locked=False)
    stale._raw_delete(stale.db)
    PlanItem.objects.filter(plan=plan, locked=False).annotate(n=Count("assignments")).filter(n=0).delete()
    existing = {item_key(it.programme_id, it.session_id, it.month): it for it in PlanItem.objects.filter(plan=plan)}
    taken = set(PlanAssignment.objects.filter(plan=plan).values_list("employee_id", "programme_id"))
    months_used: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for eid, month in PlanAssignment.objects.filter(plan=plan).values_list("employee_id", "month"):
        months_used[eid][month] += 1
    per_month = prep.scenario.max_sessions_per_month

    programme_ids = {prep.sessions[s]["programme"] for s in session_ids}
    programmes = {p.pk: p for p in Programme.objects.filter(pk__in=programme_ids).select_related("method", "provider")}
    needs = need_index(prep)
    new_items: dict[int, PlanItem] = {}
    rows: list[tuple[PlanItem, int, dict]] = []
    skipped = 0
    for i, sid in zip(emp_idx.tolist(), session_ids, strict=True):
        s = prep.sessions[sid]
        pid, eid = s["programme"], int(prep.emp_ids[i])
        # Locked rows came first: the engine did not see them, so drop anything that would clash with them.
        if (eid, pid) in taken or months_used[eid][s["month"]] >= per_month:
            skipped += 1
            continue
        taken.add((eid, pid))
        months_used[eid][s["month"]] += 1
        item = existing.get(sid) or new_items.get(sid)
        if item is None:
            item = PlanItem(plan=plan, **item_snapshot(programmes[pid], s, sid if sid > 0 else None))
            new_items[sid] = item
        rows.append((item, i, reason_for(prep, needs, i, pid)))
    PlanItem.objects.bulk_create(new_items.values(), batch_size=BATCH)
    through = PlanItem.competencies.through
    links = [through(planitem_id=item.pk, competency_id=o.competency_id)
             for item in new_items.values() for o in prep.offers.get(item.programme_id, [])]
    through.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)
    assignments = []
    for item, i, reason in rows:
        assignments.append(PlanAssignment(
            plan=plan, item=item, employee_id=int(prep.emp_ids[i]), programme_id=item.programme_id,
            unit_id=int(prep.emp_unit[i]), jp=item.jp, cost=item.cost_per_participant, month=item.month,
            source=Source.OPTIMIZER, **reason))
    PlanAssignment.objects.bulk_create(assignments, batch_size=BATCH)
    refresh_item_totals(plan)
    sync_individual_plans(plan)
    return {"items": len(new_items), "assignments": len(assignments), "skipped": skipped}


def refresh_item_totals(plan: DevelopmentPlan, item_ids=None) -> None:
    """participants and budget of each item from its assignments (one aggregate query + one bulk update)."""
    qs = PlanItem.objects.filter(plan=plan)
    if item_ids is not None:
        qs = qs.filter(pk__in=list(item_ids))
    items = list(qs.annotate(n=Count("assignments")))
    for it in items:
        it.participants = it.n
        it.budget = it.n * it.cost_per_participant
    PlanItem.objects.bulk_update(items, ["participants", "budget"], batch_size=BATCH)


def sync_individual_plans(plan: DevelopmentPlan, employee_ids=None) -> None:
    """One IDP per employee with at least one assignment; totals refreshed; IDPs left empty are removed."""
    qs = PlanAssignment.objects.filter(plan=plan)
    idps = IndividualPlan.objects.filter(plan=plan)
    if employee_ids is not None:
        employee_ids = list(employee_ids)
        qs = qs.filter(employee_id__in=employee_ids)
        idps = idps.filter(employee_id__in=employee_ids)
    totals = {e: (jp or 0, cost or 0) for e, jp, cost in qs.values("employee_id").annotate(
        jp=Sum("jp"), cost=Sum("cost")).values_list("employee_id", "jp", "cost")}
    current = {idp.employee_id: idp for idp in idps}
    stale = [pk for e, pk in ((e, idp.pk) for e, idp in current.items()) if e not in totals]
    IndividualPlan.objects.filter(pk__in=stale).delete()
    new, changed = [], []
    for e, (jp, cost) in totals.items():
        idp = current.get(e)
        if idp is None:
            new.append(IndividualPlan(plan=plan, employee_id=e, total_jp=jp, total_cost=cost))
        elif (idp.total_jp, idp.total_cost) != (jp, cost):
            idp.total_jp, idp.total_cost = jp, cost
            if idp.status == IdpStatus.APPROVED:  # the items changed: the supervisor looks again
                idp.status = IdpStatus.SUBMITTED
            changed.append(idp)
    IndividualPlan.objects.bulk_create(new, batch_size=BATCH)
    IndividualPlan.objects.bulk_update(changed, ["total_jp", "total_cost", "status"], batch_size=BATCH)


def plan_budget_used(plan: DevelopmentPlan) -> int:
    return PlanAssignment.objects.filter(plan=plan).aggregate(s=Sum("cost"))["s"] or 0

