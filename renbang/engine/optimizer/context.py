"""Precomputed structure shared by the bound, the heuristics and the exact reference.

Only employee-programme pairs that can earn something matter: a pair is *useful* when the programme
lifts a competency in which the employee has a gap (a "gap pair", stored explicitly with its
contributions), or when it only adds JP toward the employee's yearly floor (a "floor-only pair", kept
implicit per class of employees because every eligible programme would qualify). Pairs the employee can
never take (not eligible, over the JP cap, over a budget, no seat anywhere) are dropped here once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .arrays import unique_first
from .model import MONTHS, Instance
from .objective import expand_csr, find_needs

JOIN_CHUNK = 2_000_000  # needs per chunk of the pair join


@dataclass(frozen=True, eq=False)
class Context:
    """Arrays derived from an instance once; everything per iteration is computed from these."""

    inst: Instance
    # Gap pairs, sorted by (employee, programme).
    pair_emp: np.ndarray  # int32
    pair_prog: np.ndarray  # int32
    pair_gapval: np.ndarray  # standalone competency value of the pair
    pair_floorval: np.ndarray  # w0 * min(jp, floor): standalone JP-floor value
    pair_key: np.ndarray  # int64 emp * P + prog (sorted), for set differences
    ent_ptr: np.ndarray  # CSR over pairs: need index and amount (effectiveness * uplift)
    ent_need: np.ndarray
    ent_amount: np.ndarray
    # Employees grouped by what decides floor-only pairs: (unit, tag class, floor, cap).
    emp_class: np.ndarray  # int32 (n,)
    class_unit: np.ndarray
    class_floorval: np.ndarray  # (classes, P): w0*min(jp, floor) where the pair is allowed, else 0
    allowed: np.ndarray  # bool (classes, P): eligible, fits the JP cap and the budgets, has seats
    usable_session: np.ndarray  # bool (S,): capacity > 0
    class_ptr: np.ndarray  # CSR over classes of `class_members` (employees sorted by class)
    class_members: np.ndarray
    # For each employee a slot 0..J-1 of every need (position in its CSR row), for dense local arrays.
    need_slot: np.ndarray

    @property
    def n_pairs(self) -> int:
        return len(self.pair_emp)


def build_context(inst: Instance) -> Context:
    """Derive the useful pairs and their contributions with vectorised joins (no per-employee loop)."""
    n_prog = inst.n_programmes
    usable_session = inst.session_capacity > 0
    has_seat = np.zeros(n_prog, bool)
    has_seat[inst.session_prog[usable_session]] = True
    if inst.max_sessions_per_month < 1:
        has_seat[:] = False  # nobody may attend anything: the empty plan is the only plan

    rows = np.stack([inst.employee_unit, inst.employee_tagclass, inst.jp_floor, inst.jp_cap], axis=1)
    _, first, emp_class = np.unique(rows, axis=0, return_index=True, return_inverse=True)
    emp_class = emp_class.ravel().astype(np.int32)
    c_unit = inst.employee_unit[first]
    c_tag = inst.employee_tagclass[first]
    c_floor, c_cap = inst.jp_floor[first], inst.jp_cap[first]
    budget_cap = np.minimum(inst.budget_total, inst.unit_budget[c_unit])
    allowed = (
        inst.eligible[c_tag]
        & (inst.prog_jp[None, :] <= c_cap[:, None])
        & (inst.prog_cost[None, :] <= budget_cap[:, None])
        & has_seat[None, :]
    )
    class_floorval = np.where(allowed, inst.jp_floor_weight * np.minimum(inst.prog_jp[None, :], c_floor[:, None]), 0.0)

    # Gap pairs: needs with a gap joined with the programmes lifting that competency.
    comp_order = np.argsort(inst.uplift_comp, kind="stable")
    prog_of_entry = np.repeat(np.arange(n_prog, dtype=np.int32), np.diff(inst.uplift_ptr))
    comp_ptr = np.searchsorted(inst.uplift_comp[comp_order], np.arange(len(inst.comp_ids) + 1))
    gap_need = np.flatnonzero(inst.need_gap > 0)
    parts = []
    # In chunks of needs (employee order, so keys stay sorted across chunks): bounded temporaries.
    for lo in range(0, len(gap_need), JOIN_CHUNK):
        chunk = gap_need[lo : lo + JOIN_CHUNK]
        owner, pos = expand_csr(comp_ptr, inst.need_comp[chunk])
        entry = comp_order[pos]
        need = chunk[owner]
        emp = inst.need_employee[need]
        prog = prog_of_entry[entry]
        keep = allowed[emp_class[emp], prog]
        amount = inst.effectiveness[prog[keep]] * inst.uplift_amount[entry[keep]]
        need, emp, prog = need[keep], emp[keep], prog[keep]
        keep = amount > 0
        key = emp[keep].astype(np.int64) * n_prog + prog[keep]
        order = np.argsort(key, kind="stable")
        parts.append((key[order], need[keep][order].astype(np.int32), amount[keep][order]))
    key = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int64)
    need = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int32)
    amount = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0)
    del parts
    pair_key, ent_start = unique_first(key)
    pair_emp = (pair_key // n_prog).astype(np.int32)
    pair_prog = (pair_key % n_prog).astype(np.int32)
    per_entry = inst.need_weight[need] * np.minimum(inst.need_gap[need], amount)
    ent_ptr = np.append(ent_start, len(key)).astype(np.int64)
    gapval = np.add.reduceat(per_entry, ent_start) if len(key) else np.zeros(0)
    del key, per_entry
    floorval = class_floorval[emp_class[pair_emp], pair_prog]
    members = np.argsort(emp_class, kind="stable")
    need_slot = np.arange(len(inst.need_comp), dtype=np.int64) - inst.need_ptr[inst.need_employee]
    return Context(
        inst=inst,
        pair_emp=pair_emp,
        pair_prog=pair_prog,
        pair_gapval=gapval,
        pair_floorval=floorval,
        pair_key=pair_key,
        ent_ptr=ent_ptr,
        ent_need=need,
        ent_amount=amount,
        emp_class=emp_class,
        class_unit=c_unit,
        class_floorval=class_floorval,
        allowed=allowed,
        usable_session=usable_session,
        class_ptr=np.searchsorted(emp_class[members], np.arange(len(first) + 1)).astype(np.int64),
        class_members=members,
        need_slot=need_slot,
    )


@dataclass(frozen=True, eq=False)
class Prices:
    """Lagrange multipliers of the shared constraints, in their natural units.

    session: value per seat; total: value per Rupiah of the total budget; unit: per Rupiah of a unit's.
    """

    session: np.ndarray
    total: float
    unit: np.ndarray

    @staticmethod
    def zero(inst: Instance) -> Prices:
        return Prices(np.zeros(inst.n_sessions), 0.0, np.zeros(len(inst.unit_ids)))


@dataclass(frozen=True, eq=False)
class MonthTable:
    """Cheapest seat price of each programme in each month, and which session gives it."""

    price: np.ndarray  # (P, 12), inf where the programme has no usable session that month
    session: np.ndarray  # (P, 12) int, -1 where none
    best: np.ndarray  # (P,) cheapest month price
    mask: np.ndarray  # (P,) int bitmask of the months that reach `best`


def month_table(ctx: Context, session_price: np.ndarray) -> MonthTable:
    inst = ctx.inst
    price = np.full((inst.n_programmes, MONTHS), np.inf)
    session = np.full((inst.n_programmes, MONTHS), -1, np.int64)
    usable = np.flatnonzero(ctx.usable_session)
    cell = inst.session_prog[usable].astype(np.int64) * MONTHS + inst.session_month[usable] - 1
    # Per (programme, month) cell the cheapest session, ties to the lowest index: deterministic.
    order = np.lexsort((usable, session_price[usable], cell))
    cells, first = unique_first(cell[order])
    winner = usable[order[first]]
    price.reshape(-1)[cells] = session_price[winner]
    session.reshape(-1)[cells] = winner
    best = price.min(axis=1)
    hits = (price == best[:, None]) & np.isfinite(price)
    mask = (hits * (1 << np.arange(MONTHS))).sum(axis=1).astype(np.int64)
    return MonthTable(price, session, best, mask)


def pair_contributions(ctx: Context, pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(owner position in `pairs`, need index, amount) of the given gap pairs' contributions."""
    owner, entry = expand_csr(ctx.ent_ptr, pairs)
    return owner, ctx.ent_need[entry], ctx.ent_amount[entry]


def lookup_pairs(ctx: Context, emp: np.ndarray, prog: np.ndarray) -> np.ndarray:
    """Gap-pair index of (employee, programme), -1 where the pair is floor-only or not useful."""
    key = emp.astype(np.int64) * ctx.inst.n_programmes + prog
    pos = np.minimum(np.searchsorted(ctx.pair_key, key), max(ctx.n_pairs - 1, 0))
    if ctx.n_pairs == 0:
        return np.full(len(key), -1, np.int64)
    return np.where(ctx.pair_key[pos] == key, pos, -1)


__all__ = ["Context", "MonthTable", "Prices", "build_context", "find_needs", "lookup_pairs", "month_table"]
