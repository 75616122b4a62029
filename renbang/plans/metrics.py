"""What a run achieved, computed with numpy from the prepared arrays and the chosen assignments.

Stored as JSON on the scenario (its results page and the side-by-side comparison read it without
recomputing). Names of competencies, units and employees are looked up in bulk here, once per run.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from renbang.competencies.models import Competency
from renbang.org.models import OrgUnit
from renbang.people.models import EmployeeStatus
from renbang.talent import planning as talent_planning

from .adapter import Prepared, level_fits

#: Why an employee got nothing (keys stored in the summary; labels in the template).
LEFT_NO_NEED = "no_need"
LEFT_NO_PROGRAMME = "no_programme"
LEFT_NOT_ELIGIBLE = "not_eligible"
LEFT_LIMITS = "limits"
LEFT_SAMPLE = 30


def coverage(prep: Prepared, emp_idx: np.ndarray, programme_ids: list[int]) -> np.ndarray:
    """Expected levels closed per need (capped at the gap) when emp_idx[k] attends programme_ids[k]."""
    closed = np.zeros(len(prep.need_gap))
    if not len(emp_idx) or not len(prep.need_gap):
        return closed
    n_comp_key = int(prep.need_comp.max()) + 1 if len(prep.need_comp) else 1
    keys = prep.need_emp * n_comp_key + prep.need_comp
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    pe, pc, amt = [], [], []
    for i, pid in zip(emp_idx.tolist(), programme_ids, strict=True):
        for o in prep.offers.get(pid, []):
            if o.competency_id < n_comp_key:
                pe.append(i)
                pc.append(o.competency_id)
                amt.append(float(o.expected_uplift))
    if not pe:
        return closed
    q = np.asarray(pe, np.int64) * n_comp_key + np.asarray(pc, np.int64)
    pos = np.minimum(np.searchsorted(sorted_keys, q), len(sorted_keys) - 1)
    hit = sorted_keys[pos] == q
    got = np.bincount(order[pos[hit]], weights=np.asarray(amt)[hit], minlength=len(prep.need_gap))
    return np.minimum(prep.need_gap, got)


def summarise(prep: Prepared, emp_idx: np.ndarray, session_ids: list[int], *, objective: float | None = None,
              bound: float | None = None, status: str = "", stats: dict | None = None) -> dict:
    n = len(prep.emp_ids)
    sess_prog = np.array([prep.sessions[s]["programme"] for s in session_ids], dtype=np.int64)
    first = {pid: ol[0] for pid, ol in prep.offers.items()}
    cost = np.array([first[p].cost_per_participant for p in sess_prog], dtype=np.float64)
    jp_each = np.array([first[p].jp for p in sess_prog], dtype=np.float64)
    months = np.array([prep.sessions[s]["month"] for s in session_ids], dtype=np.int64)
    # Locked assignments count as planned too (they were taken out of the instance).
    index = {int(e): i for i, e in enumerate(prep.emp_ids)}
    lk_emp, lk_prog, lk_month = [], [], []
    for lk in prep.locked:
        if lk.employee_id in index and lk.programme_id in first:
            lk_emp.append(index[lk.employee_id])
            lk_prog.append(lk.programme_id)
            lk_month.append(lk.month)
    all_emp = np.concatenate([emp_idx.astype(np.int64), np.asarray(lk_emp, np.int64)])
    all_cost = np.concatenate([cost, [first[p].cost_per_participant for p in lk_prog]]).astype(np.float64)
    all_jp = np.concatenate([jp_each, [first[p].jp for p in lk_prog]]).astype(np.float64)
    all_month = np.concatenate([months, np.asarray(lk_month, np.int64)])
    all_sessions = list(session_ids) + [None] * len(lk_emp)
    all_prog = np.concatenate([sess_prog, np.asarray(lk_prog, np.int64)])

    jp = np.bincount(all_emp, weights=all_jp, minlength=n) if n else np.zeros(0)
    status_arr = np.array(prep.emp_status)
    pns = status_arr == EmployeeStatus.PNS if n else np.zeros(0, bool)
    pppk = np.isin(status_arr, [EmployeeStatus.PPPK, EmployeeStatus.PPPK_PART_TIME]) if n else np.zeros(0, bool)
    floor, cap = prep.scenario.jp_floor_pns, prep.scenario.jp_cap_pppk

    closed = coverage(prep, all_emp, all_prog.tolist())
    weighted_total = float((prep.need_weight * prep.need_gap).sum())
    weighted_closed = float((prep.need_weight * closed).sum())

    # by competency
    comp_names = dict(Competency.objects.filter(pk__in=set(prep.need_comp.tolist())).values_list("pk", "name"))
    comp_codes = dict(Competency.objects.filter(pk__in=set(prep.need_comp.tolist())).values_list("pk", "code"))
    by_comp = []
    for c in sorted(set(prep.need_comp.tolist())):
        mask = prep.need_comp == c
        total = float(prep.need_gap[mask].sum())
        by_comp.append({"id": c, "code": comp_codes.get(c, ""), "name": comp_names.get(c, str(c)),
                        "needs": int(mask.sum()), "gap": total, "closed": float(closed[mask].sum()),
                        "share": float(closed[mask].sum() / total * 100) if total else 0.0})
    by_comp.sort(key=lambda r: -r["gap"])

    # by month
    by_month = []
    for m in range(1, 13):
        mask = all_month == m
        by_month.append({"month": m, "participants": int(mask.sum()), "cost": float(all_cost[mask].sum()),
                         "sessions": len({s for s, k in zip(all_sessions, mask.tolist(), strict=True) if k and s})})

    # budget per unit
    spent_unit: dict[int, float] = defaultdict(float)
    for u, c in zip(prep.emp_unit[all_emp].tolist() if len(all_emp) else [], all_cost.tolist(), strict=True):
        spent_unit[int(u)] += c
    unit_ids = set(spent_unit) | set(prep.unit_budget)
    unit_names = dict(OrgUnit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
    by_unit = sorted(({"id": u, "name": unit_names.get(u, str(u)), "limit": prep.unit_budget.get(u),
                       "used": spent_unit.get(u, 0.0)} for u in unit_ids), key=lambda r: -r["used"])

    left = left_out(prep, set(all_emp.tolist()))
    return {
        "objective": objective, "bound": bound, "status": status,
        "gap_percent": (max(0.0, (bound - objective) / bound * 100) if bound and objective is not None else None),
        "employees": n, "needs": len(prep.need_gap), "employees_planned": int((jp > 0).sum()),
        "assignments": len(all_emp),
        "sessions_used": len({s for s in all_sessions if s}),
        "weighted_need": weighted_total, "weighted_closed": weighted_closed,
        "need_closed_share": weighted_closed / weighted_total * 100 if weighted_total else 0.0,
        "budget_total": prep.budget_total, "budget_used": float(all_cost.sum()),
        "pns": int(pns.sum()), "pns_reaching_floor": int((jp[pns] >= floor).sum()) if n else 0,
        "pppk": int(pppk.sum()), "pppk_within_cap": int((jp[pppk] <= cap).sum()) if n else 0,
        "jp_floor": floor, "jp_cap_pppk": cap,
        "by_competency": by_comp[:60], "by_month": by_month, "by_unit": by_unit,
        "left_out": left, "notes": prep.notes[:50], "changed_effectiveness": prep.changed_effectiveness,
        "carried": prep.carried, "talent": talent_planning.summary(prep.talent, all_emp, all_cost),
        "campaign": prep.campaign.name if prep.campaign else "", "stats": _plain(stats or {}),
    }


def left_out(prep: Prepared, planned: set[int]) -> dict:
    """Employees without any development and why (counts and a sample of employee ids per reason)."""
    scheduled = {s["programme"] for s in prep.sessions.values()}
    comp_offers: dict[int, list] = defaultdict(list)
    for pid, olist in prep.offers.items():
        if pid in scheduled:
            for o in olist:
                comp_offers[o.competency_id].append(o)
    needs_of: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, c, g, lv in zip(prep.need_emp.tolist(), prep.need_comp.tolist(), prep.need_gap.tolist(),
                           prep.need_current.tolist(), strict=True):
        if g > 0:
            needs_of[i].append((c, lv))
    counts = {LEFT_NO_NEED: 0, LEFT_NO_PROGRAMME: 0, LEFT_NOT_ELIGIBLE: 0, LEFT_LIMITS: 0}
    samples: dict[str, list[int]] = {k: [] for k in counts}
    for i in range(len(prep.emp_ids)):
        if i in planned:
            continue
        comps = needs_of.get(i)
        if not comps:
            reason = LEFT_NO_NEED
        else:
            found = [(o, lv) for c, lv in comps for o in comp_offers.get(c, ())]
            if not found:
                reason = LEFT_NO_PROGRAMME
            elif not any((not o.position_types or prep.emp_type[i] in o.position_types) and level_fits(o, lv)
                         for o, lv in found):
                reason = LEFT_NOT_ELIGIBLE
            else:
                reason = LEFT_LIMITS
        counts[reason] += 1
        if len(samples[reason]) < LEFT_SAMPLE:
            samples[reason].append(int(prep.emp_ids[i]))
    return {"counts": counts, "samples": samples}


def _plain(value):
    """JSON-safe copy of engine stats (numpy scalars → Python numbers)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, float | int | str | bool) or value is None:
        return value
    return str(value)
