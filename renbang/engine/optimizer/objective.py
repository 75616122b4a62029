"""The objective and the constraints of a plan, recomputed from scratch (the app's source of truth).

A plan is a list of ``{"employee": id, "session": id}``; internally two index arrays. Nothing here trusts
the solver: `check_feasibility` re-derives every rule of issue 4 from the instance alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from .arrays import unique_counts
from .model import MONTHS, Instance, InstanceError

# Rupiah are summed in float64; a plan is within budget if it overshoots by less than this (rounding only).
BUDGET_TOLERANCE = 1e-6


def expand_csr(ptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each row in `rows`, every entry index of that CSR row: (position in `rows`, entry index)."""
    starts = ptr[rows]
    counts = ptr[rows + 1] - starts
    owner = np.repeat(np.arange(len(rows), dtype=np.int64), counts)
    offsets = np.arange(len(owner), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return owner, starts[owner] + offsets


def need_lookup(inst: Instance) -> tuple[np.ndarray, np.ndarray]:
    """Sorted keys employee*n_comp+comp of all needs and the need index of each, for vectorised joins."""
    cached = inst.extra.get("need_lookup")
    if cached is None:
        keys = inst.need_employee.astype(np.int64) * len(inst.comp_ids) + inst.need_comp
        order = np.argsort(keys, kind="stable")
        cached = (keys[order], order)
        inst.extra["need_lookup"] = cached
    return cached


def find_needs(inst: Instance, emp: np.ndarray, comp: np.ndarray) -> np.ndarray:
    """Need index of (employee, competency) pairs, -1 where the employee has no such need."""
    keys, order = need_lookup(inst)
    query = emp.astype(np.int64) * len(inst.comp_ids) + comp
    pos = np.searchsorted(keys, query)
    pos = np.minimum(pos, max(len(keys) - 1, 0))
    found = (keys[pos] == query) if len(keys) else np.zeros(len(query), bool)
    return np.where(found, order[pos] if len(keys) else -1, -1)


def employee_values(inst: Instance, emp: np.ndarray, sess: np.ndarray) -> np.ndarray:
    """Objective contribution of every employee under the plan (emp[k] attends sess[k])."""
    n = inst.n_employees
    prog = inst.session_prog[sess]
    owner, entry = expand_csr(inst.uplift_ptr, prog)
    need = find_needs(inst, emp[owner], inst.uplift_comp[entry])
    hit = need >= 0
    amount = inst.effectiveness[prog[owner[hit]]] * inst.uplift_amount[entry[hit]]
    cover = np.bincount(need[hit], weights=amount, minlength=len(inst.need_gap))
    # Cap at the gap: training past the competency standard earns nothing.
    per_need = inst.need_weight * np.minimum(inst.need_gap, cover)
    values = np.bincount(inst.need_employee, weights=per_need, minlength=n)
    jp = np.bincount(emp, weights=inst.prog_jp[prog], minlength=n)
    return values + inst.jp_floor_weight * np.minimum(jp, inst.jp_floor)


def to_arrays(inst: Instance, assignments: Iterable[Mapping[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    """Index arrays of a plan given by ids; unknown ids raise InstanceError naming the row."""
    emps: list[int] = []
    sess: list[int] = []
    for k, row in enumerate(assignments):
        if not isinstance(row, Mapping):
            raise InstanceError(f"assignments[{k}]: harus objek JSON")
        for key, index, out in (
            ("employee", inst.employee_index, emps),
            ("session", inst.session_index, sess),
        ):
            value = row.get(key)
            if value not in index:
                raise InstanceError(f"assignments[{k}].{key}: tidak dikenal '{value}'")
            out.append(index[value])
    return np.asarray(emps, np.int64), np.asarray(sess, np.int64)


def to_assignments(inst: Instance, emp: np.ndarray, sess: np.ndarray) -> list[dict[str, str]]:
    """Plan rows by ids, sorted by employee then session index (stable, deterministic output)."""
    order = np.lexsort((sess, emp))
    return [
        {"employee": inst.employee_ids[e], "session": inst.session_ids[s]}
        for e, s in zip(emp[order].tolist(), sess[order].tolist(), strict=True)
    ]


def _as_arrays(inst: Instance, plan: Any) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(plan, tuple) and len(plan) == 2 and isinstance(plan[0], np.ndarray):
        return np.asarray(plan[0], np.int64), np.asarray(plan[1], np.int64)
    return to_arrays(inst, plan)


def objective(inst: Instance, plan: Any) -> float:
    """Objective of a plan (list of id rows, or a pair of index arrays), recomputed from scratch."""
    emp, sess = _as_arrays(inst, plan)
    return float(employee_values(inst, emp, sess).sum())


def check_feasibility(inst: Instance, plan: Any) -> list[str]:
    """Every rule the plan breaks, one readable line each; an empty list means the plan is feasible."""
    emp, sess = _as_arrays(inst, plan)
    out: list[str] = []
    eid, sid, pid, uid = inst.employee_ids, inst.session_ids, inst.programme_ids, inst.unit_ids
    prog = inst.session_prog[sess]
    n, n_prog = inst.n_employees, max(inst.n_programmes, 1)

    bad = ~inst.eligible[inst.employee_tagclass[emp], prog] if len(emp) else np.zeros(0, bool)
    for k in np.flatnonzero(bad)[:50]:
        out.append(f"{eid[emp[k]]}: tidak memenuhi syarat untuk program {pid[prog[k]]}")
    key, counts = unique_counts(emp * n_prog + prog)
    for k in key[counts > 1][:50]:
        out.append(f"{eid[k // n_prog]}: program {pid[k % n_prog]} diikuti lebih dari sekali")
    jp = np.bincount(emp, weights=inst.prog_jp[prog], minlength=n)
    for i in np.flatnonzero(jp > inst.jp_cap + 1e-9)[:50]:
        out.append(f"{eid[i]}: JP {jp[i]:g} melebihi batas {inst.jp_cap[i]:g}")
    month = inst.session_month[sess].astype(np.int64)
    key, counts = unique_counts(emp * (MONTHS + 1) + month)
    for k in key[counts > inst.max_sessions_per_month][:50]:
        out.append(
            f"{eid[k // (MONTHS + 1)]}: lebih dari {inst.max_sessions_per_month} sesi di bulan {k % (MONTHS + 1)}"
        )
    seats = np.bincount(sess, minlength=inst.n_sessions)
    for s in np.flatnonzero(seats > inst.session_capacity)[:50]:
        out.append(f"sesi {sid[s]}: {seats[s]} peserta melebihi kapasitas {inst.session_capacity[s]}")
    cost = inst.prog_cost[prog]
    if cost.sum() > inst.budget_total + BUDGET_TOLERANCE:
        out.append(f"anggaran total: {cost.sum():,.0f} melebihi {inst.budget_total:,.0f}")
    spent = np.bincount(inst.employee_unit[emp], weights=cost, minlength=len(uid))
    for u in np.flatnonzero(spent > inst.unit_budget + BUDGET_TOLERANCE):
        out.append(f"anggaran unit {uid[u]}: {spent[u]:,.0f} melebihi {inst.unit_budget[u]:,.0f}")
    return out
