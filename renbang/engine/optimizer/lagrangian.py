"""The proven upper bound: Lagrangian dual of the shared constraints, minimised by cutting planes.

Relax seats, the total budget and the unit budgets with prices y >= 0. For ANY y,
    L(y) = sum_i max_{local plans S_i} [f_i(S_i) - y . use(S_i)] + y . limits
is an upper bound on the best plan (weak duality), provided each inner max is solved exactly or
over-estimated (`subproblem.solve_local` returns such values). We minimise L with a disaggregated
cutting-plane model (one cut per block of employees and iteration, blocks = units) inside a box trust
region around the best point so far (the "box-step" bundle method); the master is a small LP solved by
scipy's HiGHS. Every evaluated point gives a valid bound; we keep the lowest.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

from .context import Context, Prices
from .master import ColumnPool
from .subproblem import LocalPlans, solve_local

BLOCKS = 256
CUT_PATIENCE = 5
CERTIFY_COST = 1.5  # time of the exact evaluation, in inexact ones (a margin: it settles a few more)


@dataclass
class DualResult:
    """Best prices found, their proven bound and the employees' local plans at those prices."""

    prices: Prices
    bound: float
    local: LocalPlans
    iterations: int = 0
    evaluations: list[tuple[float, float]] = field(default_factory=list)  # (seconds, bound)
    eval_seconds: float = 0.0  # time of the slowest of the last iterations (cut LP + inexact evaluation)
    truncated: int = 0  # employees whose exact search the final evaluation had to cut (node limit, clock)


@dataclass(frozen=True, eq=False)
class _Rows:
    """The relaxed constraints as rows: seats of usable sessions, the total budget, limited units."""

    sessions: np.ndarray
    units: np.ndarray
    limit: np.ndarray  # right-hand side of each row
    scale: np.ndarray  # natural size of each row's price, so one box size suits all rows

    @property
    def n(self) -> int:
        return len(self.limit)


def _rows(ctx: Context, seat_value: float, rupiah_value: float) -> _Rows:
    inst = ctx.inst
    sessions = np.flatnonzero(ctx.usable_session)
    units = np.flatnonzero(np.isfinite(inst.unit_budget) & (inst.unit_budget > 0))
    total = [inst.budget_total] if inst.budget_total > 0 else []
    limit = np.concatenate([inst.session_capacity[sessions].astype(float), total, inst.unit_budget[units]])
    scale = np.concatenate([np.full(len(sessions), seat_value), np.full(len(total) + len(units), rupiah_value)])
    return _Rows(sessions, units, limit, scale)


def to_prices(ctx: Context, rows: _Rows, y: np.ndarray) -> Prices:
    inst = ctx.inst
    session = np.zeros(inst.n_sessions)
    session[rows.sessions] = y[: len(rows.sessions)]
    rest = y[len(rows.sessions) :]
    total = float(rest[0]) if inst.budget_total > 0 else 0.0
    unit = np.zeros(len(inst.unit_ids))
    unit[rows.units] = rest[1 if inst.budget_total > 0 else 0 :]
    return Prices(session, total, unit)


def from_prices(ctx: Context, rows: _Rows, prices: Prices) -> np.ndarray:
    total = [prices.total] if ctx.inst.budget_total > 0 else []
    return np.concatenate([prices.session[rows.sessions], total, prices.unit[rows.units]])


def usage(ctx: Context, rows: _Rows, emp: np.ndarray, sess: np.ndarray, block: np.ndarray, n_blocks: int):
    """Sparse (blocks x rows) use of each relaxed row by the given plan rows."""
    inst = ctx.inst
    row_of_session = np.full(inst.n_sessions, -1, np.int64)
    row_of_session[rows.sessions] = np.arange(len(rows.sessions))
    row_of_unit = np.full(len(inst.unit_ids), -1, np.int64)
    offset = len(rows.sessions) + (1 if inst.budget_total > 0 else 0)
    row_of_unit[rows.units] = offset + np.arange(len(rows.units))
    cost = inst.prog_cost[inst.session_prog[sess]]
    b = block[emp]
    r_parts = [row_of_session[sess]]
    v_parts = [np.ones(len(sess))]
    b_parts = [b]
    if inst.budget_total > 0:
        r_parts.append(np.full(len(sess), len(rows.sessions)))
        v_parts.append(cost)
        b_parts.append(b)
    unit_row = row_of_unit[inst.employee_unit[emp]]
    has = unit_row >= 0
    r_parts.append(unit_row[has])
    v_parts.append(cost[has])
    b_parts.append(b[has])
    r, v, bb = np.concatenate(r_parts), np.concatenate(v_parts), np.concatenate(b_parts)
    keep = (r >= 0) & (v != 0)
    return sp.csr_matrix((v[keep], (bb[keep], r[keep])), shape=(n_blocks, rows.n))


def initial_rupiah_price(ctx: Context) -> float:
    """A starting price per Rupiah: the value-per-Rupiah at which the best standalone options fill
    the budget, assuming an employee ends up taking about a third of its options (they overlap)."""
    inst = ctx.inst
    cost = inst.prog_cost[ctx.pair_prog]
    paid = cost > 0
    if not paid.any() or inst.budget_total <= 0:
        return 0.0
    ratio = (ctx.pair_gapval + ctx.pair_floorval)[paid] / cost[paid]
    order = np.argsort(-ratio, kind="stable")
    spent = np.cumsum(cost[paid][order]) / 3.0
    k = int(np.searchsorted(spent, inst.budget_total))
    return float(ratio[order][min(k, len(order) - 1)])


def dual_search(
    ctx: Context,
    *,
    time_limit: float = 30.0,
    max_iterations: int = 200,
    tolerance: float = 1e-4,
    start: Prices | None = None,
    stop: float | None = None,
    limit_scale: float = 1.0,
    radius: float = 0.25,
    certify: bool = True,
    blocks_wanted: int | None = None,
    plan_after: int | None = None,
    on_plan: Callable[[Prices, LocalPlans], float] | None = None,
    pool: ColumnPool | None = None,
    reserve: Callable[[], float] | None = None,
    min_iterations: int = 1,
    min_time: float = 0.0,
    timer: Callable[[], float] = time.perf_counter,
) -> DualResult:
    """Minimise the Lagrangian bound. `stop`: a plan value; stop once the bound is within tolerance.

    limit_scale < 1 runs on a sample of employees against the same share of every limit: the prices
    it finds are a warm start for the full instance (the bound it reports is the sample's, not proven
    for the full instance). certify=False skips the final exact evaluation. on_plan(prices, local) is
    called once, after plan_after iterations (not seconds: runs stay reproducible), and returns the value
    of the plan it made (a stop target).

    Time: an iteration starts only if one more evaluation (timed on the previous ones) still fits in
    time_limit minus `reserve()` (seconds the caller keeps for itself, e.g. its last plan); the final
    exact evaluation runs only if it fits as well. Without it the bound is still proven (the inexact
    evaluations over-estimate the employees they do not settle), only looser. The first
    `min_iterations` iterations may run past time_limit, up to `min_time` seconds (a loaded machine
    must not leave the prices at their first guess, but the minimum is cut by the measured iteration
    time). Every evaluation is interruptible between chunks of employees (`solve_local`'s deadline)
    and stays a valid bound. `timer` is the clock (the benchmark can pass CPU time).
    """
    t0 = timer()
    inst = ctx.inst
    rupiah = initial_rupiah_price(ctx)
    seat_value = float(np.median(ctx.pair_gapval + ctx.pair_floorval)) if ctx.n_pairs else 1.0
    rows = _rows(ctx, max(seat_value, 1e-9), max(rupiah, 1e-12))
    rows = _Rows(rows.sessions, rows.units, rows.limit * limit_scale, rows.scale)
    if start is None:
        start = Prices(np.zeros(inst.n_sessions), rupiah, np.zeros(len(inst.unit_ids)))
    # Blocks: runs of employees of the same units; more blocks give a richer model, fewer iterations.
    rank = np.empty(inst.n_employees, np.int64)
    rank[np.argsort(inst.employee_unit, kind="stable")] = np.arange(inst.n_employees)
    n_blocks = max(1, min(blocks_wanted or BLOCKS, inst.n_employees))
    blocks = rank * n_blocks // max(inst.n_employees, 1)

    def limit_now() -> float:
        """Seconds this search may use from t0: the minimum iterations may stretch it to min_time."""
        stretch = min_time if iterations < min_iterations else 0.0
        return max(time_limit, stretch) - (reserve() if reserve is not None else 0.0)

    def evaluate(y: np.ndarray, exact: bool = False) -> tuple[float, float, LocalPlans]:
        """(guide, proven bound, local plans): the guide values the plans found, the bound over-estimates
        the employees not solved exactly; both are exact where every employee is. Every evaluation
        stops searching at the time limit (minus the reserve) and keeps valid bounds for the rest."""
        local = solve_local(ctx, to_prices(ctx, rows, y), exact=exact, deadline=t0 + limit_now(), timer=timer)
        if pool is not None:
            pool.add(local.emp, local.sess, local.gain)
        fixed = float(y @ rows.limit)
        return float(local.lower.sum()) + fixed, float(local.value.sum()) + fixed, local

    eval_seconds: list[float] = []

    def fits(share: float) -> bool:
        """Would `share` times the slowest recent iteration end before the time limit?"""
        return share * max(eval_seconds[-3:], default=0.0) <= limit_now() - (timer() - t0)

    cuts = _Cuts(n_blocks, rows)

    def add_cuts(local: LocalPlans) -> None:
        cuts.add(
            np.bincount(blocks, weights=local.gain, minlength=n_blocks),
            usage(ctx, rows, local.emp, local.sess, blocks, n_blocks),
        )

    iterations = 0
    center = np.maximum(from_prices(ctx, rows, start), 0.0)
    t_iter = timer()
    f_center, proven, local_center = evaluate(center)
    eval_seconds.append(timer() - t_iter)
    add_cuts(local_center)
    best_y, best_guide, best_local = center, f_center, local_center
    history = [(timer() - t0, proven)]
    iterations = 1
    for _ in range(1, max_iterations):
        if on_plan is not None and plan_after is not None and iterations >= plan_after:
            stop = max(stop or -np.inf, on_plan(to_prices(ctx, rows, best_y), best_local))
            on_plan = None
        if not fits(1.0 + (CERTIFY_COST if certify and iterations >= min_iterations else 0.0)):
            break
        if stop is not None and best_guide - stop <= tolerance * max(1.0, abs(best_guide)):
            break
        t_iter = timer()
        y, model = cuts.solve(center / rows.scale, radius)
        predicted = f_center - model
        if predicted <= tolerance * max(1.0, abs(f_center)):
            if radius >= 1e3:
                break
            radius *= 4.0  # the box, not the model, stops progress: widen it
            continue
        f_y, bound_y, local = evaluate(y)
        iterations += 1
        add_cuts(local)
        eval_seconds.append(timer() - t_iter)
        proven = min(proven, bound_y)
        history.append((timer() - t0, proven))
        if f_y < best_guide:
            best_y, best_guide, best_local = y, f_y, local
        if f_center - f_y >= 0.1 * predicted:
            step = np.max(np.abs(y - center) / rows.scale)
            center, f_center = y, f_y
            if step >= 0.99 * radius:
                radius *= 2.0
        else:
            radius = max(radius * 0.5, 1e-6)
    truncated = 0
    if certify and fits(CERTIFY_COST):  # solve every employee exactly at the best prices found
        _, bound_best, local = evaluate(best_y, exact=True)
        truncated = local.truncated
        if bound_best <= proven:
            best_local = local
        proven = min(proven, bound_best)
        history.append((timer() - t0, proven))
    return DualResult(
        to_prices(ctx, rows, best_y),
        proven,
        best_local,
        iterations,
        history,
        max(eval_seconds[-3:], default=0.0),
        truncated,
    )


class _Cuts:
    """The cutting-plane model: theta_b >= gain - y.use for every kept cut of every block.

    Cuts that stayed slack for CUT_PATIENCE master solves are dropped so the master LP stays small.
    """

    def __init__(self, n_blocks: int, rows: _Rows) -> None:
        self.n_blocks, self.rows = n_blocks, rows
        self.use = sp.csr_matrix((0, rows.n))
        self.rhs = np.zeros(0)
        self.block = np.zeros(0, np.int64)
        self.idle = np.zeros(0, np.int64)

    def add(self, rhs: np.ndarray, use: sp.csr_matrix) -> None:
        self.use = sp.vstack([self.use, use @ sp.diags(self.rows.scale)]).tocsr()
        self.rhs = np.concatenate([self.rhs, rhs])
        self.block = np.concatenate([self.block, np.arange(self.n_blocks)])
        self.idle = np.concatenate([self.idle, np.zeros(self.n_blocks, np.int64)])

    def solve(self, z_center: np.ndarray, radius: float) -> tuple[np.ndarray, float]:
        """min sum theta + y.limit over the box around the centre (in scaled units z = y / scale)."""
        rows, nb, k = self.rows, self.n_blocks, len(self.rhs)
        theta = sp.csr_matrix((np.ones(k), (np.arange(k), self.block)), shape=(k, nb))
        A = sp.hstack([-self.use, -theta]).tocsr()
        c = np.concatenate([rows.scale * rows.limit, np.ones(nb)])
        lo = np.maximum(z_center - radius, 0.0)
        hi = z_center + radius
        bounds = np.column_stack(
            [np.concatenate([lo, np.full(nb, -np.inf)]), np.concatenate([hi, np.full(nb, np.inf)])]
        )
        res = linprog(c, A_ub=A, b_ub=-self.rhs, bounds=bounds, method="highs-ds", options={"presolve": False})
        if res.status != 0:
            return z_center * rows.scale, float("inf")
        active = np.abs(res.ineqlin.marginals) > 1e-12
        self.idle = np.where(active, 0, self.idle + 1)
        keep = self.idle <= CUT_PATIENCE
        self.use, self.rhs, self.block, self.idle = (
            self.use[keep],
            self.rhs[keep],
            self.block[keep],
            self.idle[keep],
        )
        return res.x[: rows.n] * rows.scale, float(res.fun)
