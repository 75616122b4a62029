"""The full model as one MILP for scipy's bundled HiGHS: the exact reference on small instances.

x[i,s] binary for every session of every useful (employee, programme) option; y_j <= gap_j the covered
part of need j; z_i <= floor_i the JP counted toward the floor. Built in one go from COO arrays.
(`highspy` is deliberately not used: it cannot share a process with ortools.)
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from .arrays import unique, unique_inverse
from .context import Context
from .model import MONTHS
from .objective import expand_csr


@dataclass(frozen=True)
class MilpResult:
    """Outcome of the HiGHS run: plan (may be empty when HiGHS found none), objective, proven bound."""

    status: str  # "optimal", "feasible" or "no plan"
    objective: float
    bound: float
    emp: np.ndarray
    sess: np.ndarray
    seconds: float
    variables: int


def _options(ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """Every (employee, programme) that can earn something: gap pairs and allowed floor-only ones."""
    inst = ctx.inst
    n_prog = max(inst.n_programmes, 1)
    keys = [ctx.pair_key]
    if inst.jp_floor_weight > 0:
        cls, prog = np.nonzero(ctx.allowed & (ctx.class_floorval > 0))
        owner, member = expand_csr(ctx.class_ptr, cls)
        keys.append(ctx.class_members[member].astype(np.int64) * n_prog + prog[owner])
    key = unique(np.concatenate(keys))
    return key // n_prog, key % n_prog


def build_milp(ctx: Context, relax: bool = False):
    """(c, integrality, bounds, constraint, x_emp, x_sess) of the maximisation written as a minimisation."""
    inst = ctx.inst
    n = inst.n_employees
    opt_emp, opt_prog = _options(ctx)
    order = np.argsort(inst.session_prog, kind="stable")
    prog_ptr = np.searchsorted(inst.session_prog[order], np.arange(inst.n_programmes + 1))
    owner, pos = expand_csr(prog_ptr, opt_prog)
    x_sess = order[pos]
    keep = ctx.usable_session[x_sess]
    owner, x_sess = owner[keep], x_sess[keep]
    x_opt, x_emp = owner, opt_emp[owner]
    x_prog = inst.session_prog[x_sess]
    nx = len(x_sess)

    # Coverage variables only for needs some option touches.
    o2, entry = expand_csr(inst.uplift_ptr, x_prog)
    from .objective import find_needs

    need = find_needs(inst, x_emp[o2], inst.uplift_comp[entry])
    hit = (need >= 0) & (inst.need_gap[np.maximum(need, 0)] > 0)
    o2, need, entry = o2[hit], need[hit], entry[hit]
    amount = inst.effectiveness[x_prog[o2]] * inst.uplift_amount[entry]
    y_need, y_of = unique_inverse(need)
    ny = len(y_need)
    z_emp = np.flatnonzero((inst.jp_floor > 0) & (inst.jp_floor_weight > 0))
    z_of = np.full(n, -1)
    z_of[z_emp] = np.arange(len(z_emp))
    nz = len(z_emp)
    col_y, col_z = nx, nx + ny

    rows, cols, vals, ub = [], [], [], []
    r0 = 0

    def block(r: np.ndarray, c: np.ndarray, v: np.ndarray, rhs: np.ndarray) -> None:
        nonlocal r0
        rows.append(r + r0)
        cols.append(c)
        vals.append(v)
        ub.append(rhs)
        r0 += len(rhs)

    # y_j - sum a x <= 0
    block(
        np.concatenate([np.arange(ny), y_of]),
        np.concatenate([col_y + np.arange(ny), o2]),
        np.concatenate([np.ones(ny), -amount]),
        np.zeros(ny),
    )
    # z_i - sum jp x <= 0
    zx = np.flatnonzero(z_of[x_emp] >= 0)
    block(
        np.concatenate([np.arange(nz), z_of[x_emp[zx]]]),
        np.concatenate([col_z + np.arange(nz), zx]),
        np.concatenate([np.ones(nz), -inst.prog_jp[x_prog[zx]]]),
        np.zeros(nz),
    )
    # each programme at most once
    block(x_opt, np.arange(nx), np.ones(nx), np.ones(len(opt_emp)))
    # at most K sessions a month
    em, em_of = unique_inverse(x_emp * MONTHS + inst.session_month[x_sess] - 1)
    block(em_of, np.arange(nx), np.ones(nx), np.full(len(em), float(inst.max_sessions_per_month)))
    # JP cap
    capped, cap_of = unique_inverse(x_emp)
    block(cap_of, np.arange(nx), inst.prog_jp[x_prog], np.minimum(inst.jp_cap[capped], 1e12))
    # seats
    block(x_sess, np.arange(nx), np.ones(nx), inst.session_capacity.astype(float))
    # budgets
    cost = inst.prog_cost[x_prog]
    block(np.zeros(nx, np.int64), np.arange(nx), cost, np.array([inst.budget_total]))
    unit_rhs = np.minimum(inst.unit_budget, 1e18)
    block(inst.employee_unit[x_emp].astype(np.int64), np.arange(nx), cost, unit_rhs)

    nvar = nx + ny + nz
    A = sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(r0, nvar))
    c = np.concatenate([np.zeros(nx), -inst.need_weight[y_need], np.full(nz, -inst.jp_floor_weight)])
    lower = np.zeros(nvar)
    upper = np.concatenate([np.ones(nx), inst.need_gap[y_need], inst.jp_floor[z_emp]])
    integrality = np.concatenate([np.full(nx, 0 if relax else 1), np.zeros(ny + nz)])
    constraint = LinearConstraint(A, -np.inf, np.concatenate(ub))
    return c, integrality, Bounds(lower, upper), constraint, x_emp, x_sess


def solve_milp(ctx: Context, time_limit: float = 60.0, gap: float = 0.0) -> MilpResult:
    """HiGHS branch and cut on the full model (or whatever it has when the time limit hits)."""
    t0 = time.perf_counter()
    c, integrality, bounds, constraint, x_emp, x_sess = build_milp(ctx)
    if len(c) == 0:  # nobody can usefully attend anything: the empty plan is optimal
        empty = np.zeros(0, np.int64)
        return MilpResult("optimal", 0.0, 0.0, empty, empty, time.perf_counter() - t0, 0)
    res = milp(
        c,
        integrality=integrality,
        bounds=bounds,
        constraints=constraint,
        options={"time_limit": max(time_limit - (time.perf_counter() - t0), 1.0), "mip_rel_gap": gap},
    )
    seconds = time.perf_counter() - t0
    dual = getattr(res, "mip_dual_bound", None)
    bound = -float(dual) if dual is not None and np.isfinite(dual) else np.inf
    if res.x is None:
        return MilpResult("no plan", 0.0, bound, np.zeros(0, np.int64), np.zeros(0, np.int64), seconds, len(c))
    chosen = np.flatnonzero(res.x[: len(x_emp)] > 0.5)
    status = "optimal" if res.status == 0 else "feasible"
    if status == "optimal":
        bound = min(bound, -float(res.fun) * (1 + gap) + 1e-6)
    return MilpResult(status, -float(res.fun), bound, x_emp[chosen], x_sess[chosen], seconds, len(c))


def lp_bound(ctx: Context, time_limit: float = 60.0) -> float:
    """The plain LP relaxation bound, for comparison with the Lagrangian one (it is weaker)."""
    c, _, bounds, constraint, _, _ = build_milp(ctx, relax=True)
    if len(c) == 0:
        return 0.0
    res = milp(
        c,
        integrality=np.zeros(len(c)),
        bounds=bounds,
        constraints=constraint,
        options={"time_limit": time_limit},
    )
    return -float(res.fun) if res.x is not None else float("inf")
