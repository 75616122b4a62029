"""Each employee's own problem under prices, solved exactly: the heart of the Lagrangian bound.

With prices on seats and Rupiah, employee i maximises  f_i(S) - price(S)  over local plans S (eligible
programmes, each once, JP <= cap, <= K sessions a month). Exactness rests on three facts:

1. f_i is submodular (a sum of min(gap, additive) terms), so a programme's marginal value never exceeds
   its standalone value. A programme whose standalone profit pi = f_i({p}) - cheapest price is <= 0 can be
   removed from any plan without loss, so only *candidates* (pi > 0) are searched.
2. For a set of programmes, the cheapest month assignment costs at least the sum of each programme's
   cheapest month; when the cheapest months can be given to all of them within K a month, that
   relaxation is attained and the set's relaxed profit is its true profit.
3. The best relaxed profit over all candidate subsets is therefore an upper bound, attained exactly when
   the month assignment succeeds. Employees where it does not (or with too many candidates to enumerate)
   go to a depth-first branch and bound that prices months with an assignment problem.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from .arrays import unique_inverse
from .context import Context, MonthTable, Prices, lookup_pairs, month_table, pair_contributions
from .model import MONTHS
from .search import vector_search
from .search_wide import FAST_FRONTIER, MAX_FRONTIER, month_extra, thin_floor_options, wide_search

WIDE_ABOVE = 14  # more candidates than this: the wide search (`search_wide`), else the cheap one
MAX_ENUMERATED = 64  # more candidates than this: search the best 64, then prove the rest useless
BNB_NODES = 50_000  # per employee; past it the employee gets a valid upper bound instead of its optimum
ROW_CHUNK = 10_000  # employees searched together (one k-group at national scale is ~10^5)
DEADLINE_CHUNK = 2_500  # the same under a deadline: the clock is read between chunks
FLOOR_LIMIT = 2 * WIDE_ABOVE  # floor-only options kept per class when not every one is listed
# Above this many (employee, programme) cells even exact solves keep only FLOOR_LIMIT floor-only options
# per class (memory: a national run would list ~10^8 of them); employees with options left out then get
# the valid submodular cover bound instead of their exact optimum, so the Lagrangian bound stays proven.
FLOOR_LIMIT_EXACT_ABOVE = 20_000_000


@dataclass(frozen=True, eq=False)
class LocalPlans:
    """Every employee's best local plan under some prices.

    value: upper bound on each employee's best profit (equal to `lower` where `exact`);
    lower: profit of the returned local plan; gain: its objective value without prices.
    truncated: employees of an exact solve whose search was cut (node limit or deadline), who report
    a valid upper bound instead of their optimum.
    """

    value: np.ndarray
    lower: np.ndarray
    gain: np.ndarray
    exact: np.ndarray
    emp: np.ndarray
    sess: np.ndarray
    truncated: int = 0


@dataclass(frozen=True, eq=False)
class Candidates:
    """Candidate (employee, programme) options under prices, sorted by employee then profit desc."""

    emp: np.ndarray
    prog: np.ndarray
    pair: np.ndarray  # gap-pair index, -1 for floor-only options
    profit: np.ndarray
    price: np.ndarray  # cheapest seat price + cost * Rupiah price
    rate: np.ndarray  # (n,) Rupiah price of each employee (total + own unit)
    dropped: np.ndarray  # (n,) best standalone profit of a floor-only option left out (0 = none)


def employee_rate(ctx: Context, prices: Prices) -> np.ndarray:
    return prices.total + prices.unit[ctx.inst.employee_unit]


def candidates(ctx: Context, prices: Prices, mt: MonthTable, floor_limit: int | None = None) -> Candidates:
    """Options with positive standalone profit (fact 1): everything else is never needed.

    floor_limit keeps only each class's best floor-only options (memory: at low prices every eligible
    programme qualifies for every employee); `dropped` then holds, per employee, the best profit left out.
    """
    inst = ctx.inst
    rate = employee_rate(ctx, prices)
    cost = inst.prog_cost
    price = mt.best[ctx.pair_prog] + cost[ctx.pair_prog] * rate[ctx.pair_emp]
    profit = ctx.pair_gapval + ctx.pair_floorval - price
    keep = np.flatnonzero(profit > 0)
    emp, prog, pair = ctx.pair_emp[keep], ctx.pair_prog[keep], keep.astype(np.int64)
    profit, price = profit[keep], price[keep]

    class_rate = prices.total + prices.unit[ctx.class_unit]
    class_price = mt.best[None, :] + cost[None, :] * class_rate[:, None]
    floor_profit = np.where(ctx.allowed, ctx.class_floorval - class_price, 0.0)
    dropped = np.zeros(len(ctx.class_unit))
    if floor_limit is not None and floor_profit.shape[1] > floor_limit:
        ranked = -np.sort(-floor_profit, axis=1)
        cut = ranked[:, floor_limit - 1 : floor_limit]
        dropped = np.maximum(ranked[:, floor_limit], 0.0)
        floor_profit = np.where(floor_profit >= cut, floor_profit, 0.0)
        # Ties at the cut could keep more than floor_limit; harmless (exactness only needs <= dropped).
    cls, fprog = np.nonzero(floor_profit > 0)
    if len(cls):
        owner, member = _expand(ctx.class_ptr, cls)
        f_emp = ctx.class_members[member].astype(np.int32)
        f_prog = fprog[owner].astype(np.int32)
        floor_only = lookup_pairs(ctx, f_emp, f_prog) < 0
        f_emp, f_prog, f_cls = f_emp[floor_only], f_prog[floor_only], cls[owner][floor_only]
        f_price = class_price[f_cls, f_prog]
        emp = np.concatenate([emp, f_emp])
        prog = np.concatenate([prog, f_prog])
        pair = np.concatenate([pair, np.full(len(f_emp), -1, np.int64)])
        profit = np.concatenate([profit, ctx.class_floorval[f_cls, f_prog] - f_price])
        price = np.concatenate([price, f_price])
    order = np.lexsort((prog, -profit, emp))
    return Candidates(emp[order], prog[order], pair[order], profit[order], price[order], rate, dropped[ctx.emp_class])


def _expand(ptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    starts, counts = ptr[rows], ptr[rows + 1] - ptr[rows]
    owner = np.repeat(np.arange(len(rows), dtype=np.int64), counts)
    offsets = np.arange(len(owner), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return owner, starts[owner] + offsets


@dataclass
class _Group:
    """Candidates of employees that have the same number k of them, as dense (rows, k) arrays."""

    emp: np.ndarray
    prog: np.ndarray
    pair: np.ndarray
    price: np.ndarray
    jp: np.ndarray
    A: np.ndarray  # (rows, k, J) contribution of each candidate to each touched need
    gap: np.ndarray  # (rows, J)
    weight: np.ndarray


def _dense_group(ctx: Context, cand: Candidates, idx: np.ndarray, k: int) -> _Group:
    inst = ctx.inst
    rows = len(idx) // k
    emp = cand.emp[idx].reshape(rows, k)
    prog = cand.prog[idx].reshape(rows, k)
    pair = cand.pair[idx]
    flat = np.flatnonzero(pair >= 0)
    owner, need, amount = pair_contributions(ctx, pair[flat])
    pos = flat[owner]
    row, t = pos // k, pos % k
    width = int(np.diff(inst.need_ptr).max()) if inst.n_employees else 1
    ukey, inv = unique_inverse(row * width + ctx.need_slot[need])
    urow = ukey // width
    start = np.searchsorted(urow, np.arange(rows))
    J = max(int(np.bincount(urow, minlength=rows).max()) if len(urow) else 1, 1)
    A = np.zeros((rows, k, J))
    A[row, t, inv - start[row]] = amount
    gap = np.zeros((rows, J))
    weight = np.zeros((rows, J))
    uneed = inst.need_ptr[emp[urow, 0]] + ukey % width
    ulocal = np.arange(len(ukey)) - start[urow]
    gap[urow, ulocal] = inst.need_gap[uneed]
    weight[urow, ulocal] = inst.need_weight[uneed]
    return _Group(
        emp[:, 0],
        prog,
        pair.reshape(rows, k),
        cand.price[idx].reshape(rows, k),
        inst.prog_jp[prog],
        A,
        gap,
        weight,
    )


def solve_local(
    ctx: Context,
    prices: Prices,
    *,
    exact: bool = True,
    deadline: float | None = None,
    timer: Callable[[], float] = time.perf_counter,
) -> LocalPlans:
    """Every employee's best local plan at `prices`; `exact=False` trades exactness for speed.

    When not exact, the employees the vectorised search cannot settle keep its best plan (`lower`) and
    report a valid upper bound in `value` instead of running the scalar branch and bound.
    `deadline` (a `timer()` reading) bounds any solve: past it, employees still to search in an exact
    solve are treated as inexact (best plan found, valid upper bound), and chunks not yet searched at
    all get the empty plan and the cheap cover bound (`quick_bound`), so the result stays a proof.
    """

    def late() -> bool:
        return deadline is not None and timer() > deadline

    inst = ctx.inst
    n = inst.n_employees
    mt = month_table(ctx, prices.session)
    listed = exact and n * inst.n_programmes <= FLOOR_LIMIT_EXACT_ABOVE
    cand = candidates(ctx, prices, mt, None if listed else FLOOR_LIMIT)
    counts = np.bincount(cand.emp, minlength=n)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    # Employees with many candidates search a thinned list (exact for the month-relaxed problem);
    # `lmap` maps each listed option back to `cand`, whose full lists the exact fallback searches.
    lmap = np.flatnonzero(thin_floor_options(inst, cand.emp, cand.prog, cand.pair, cand.price, counts > WIDE_ABOVE))
    lc = _subset(cand, lmap)
    lcounts = np.bincount(lc.emp, minlength=n)
    lstarts = np.concatenate([[0], np.cumsum(lcounts)[:-1]])
    value, lower = np.zeros(n), np.zeros(n)
    is_exact = np.ones(n, bool)
    out_emp: list[np.ndarray] = []
    out_sess: list[np.ndarray] = []
    leftovers: list[tuple[int, float, float, list[tuple[int, int]]]] = []
    truncated = 0
    skipped: list[np.ndarray] = []
    for k in range(1, MAX_ENUMERATED + 1):
        # Employees with more candidates are enumerated over their best k = MAX_ENUMERATED first.
        group = np.flatnonzero(lcounts == k) if k < MAX_ENUMERATED else np.flatnonzero(lcounts >= k)
        # In chunks of rows: the search frontier grows with the rows searched together (memory), and
        # the clock is read between chunks.
        chunk = ROW_CHUNK if deadline is None else DEADLINE_CHUNK
        for lo in range(0, len(group), chunk):
            emps = group[lo : lo + chunk]
            if late():
                skipped.append(emps)
                continue
            exact_now = exact and not late()
            idx = (lstarts[emps][:, None] + np.arange(k)).ravel()
            g = _dense_group(ctx, lc, idx, k)
            common = {
                "cap": inst.jp_cap[g.emp],
                "floor": inst.jp_floor[g.emp],
                "floor_weight": inst.jp_floor_weight,
                "per_month": inst.max_sessions_per_month,
            }
            if k <= WIDE_ABOVE:
                best, choice, months, unresolved = vector_search(
                    g.A, g.gap, g.weight, g.jp, g.price, mt.mask[g.prog], **common
                )
            else:
                frontier = MAX_FRONTIER if exact_now else FAST_FRONTIER * len(emps)
                extra = month_extra(mt.price[g.prog], mt.best[g.prog])
                best, choice, months, unresolved = wide_search(
                    g.A, g.gap, g.weight, g.jp, g.price, extra, max_frontier=frontier, **common
                )
            upper = np.maximum(best, unresolved)
            more = lcounts[emps] > k
            if more.any():
                # Plans using a lower-ranked candidate: bounded by submodularity (fact 1).
                m = emps[more]
                upper[more] = np.maximum(upper[more], _sum_bound(ctx, lc, lstarts[m], lcounts[m], m, skip=k))
            done = upper <= best + 1e-12
            lower[emps] = best
            value[emps] = np.where(done | ~exact_now, upper, best)
            is_exact[emps] = done
            truncated += int((~done).sum()) if exact and not exact_now else 0
            r, t = np.nonzero(choice & (done | ~exact_now)[:, None])
            out_emp.append(g.emp[r])
            out_sess.append(mt.session[g.prog[r, t], months[r, t]])
            if exact_now:
                for row in np.flatnonzero(~done):
                    i = int(emps[row])
                    # Positions in the employee's full list (the fallback searches every option).
                    chosen = np.flatnonzero(choice[row])
                    picks = [(int(lmap[lstarts[i] + t] - starts[i]), int(months[row, t])) for t in chosen]
                    leftovers.append((i, float(best[row]), float(upper[row]), picks))
    for i, seed_profit, seed_upper, seed_picks in leftovers:
        if late():  # keep the vectorised search's plan and its valid upper bound
            value[i] = seed_upper
            sessions = [int(mt.session[cand.prog[starts[i] + t], m]) for t, m in seed_picks]
            truncated += 1
        else:
            low, upper_i, sessions = branch_and_bound(
                ctx, mt, cand, slice(starts[i], starts[i] + counts[i]), i, (seed_profit, seed_picks), deadline, timer
            )
            upper_i = min(upper_i, seed_upper)  # two valid bounds: keep the tighter
            lower[i], value[i] = low, max(upper_i, low)
            is_exact[i] = upper_i <= low
            truncated += int(upper_i > low)
        out_emp.append(np.full(len(sessions), i, np.int64))
        out_sess.append(np.asarray(sessions, np.int64))
    if skipped:  # not searched before the deadline: the empty plan and a valid upper bound
        late_emps = np.concatenate(skipped)
        value[late_emps] = quick_bound(ctx, cand, counts, starts)[late_emps]
        is_exact[late_emps] = value[late_emps] <= 0
        truncated += len(late_emps)
    left_out = np.flatnonzero(cand.dropped > 0)
    if len(left_out):
        # Any plan earns at most its members' standalone profits: all kept ones plus, for each of at
        # most 12*K members left out, the best profit left out.
        kept = np.bincount(cand.emp, weights=cand.profit, minlength=n)[left_out]
        cover = kept + MONTHS * inst.max_sessions_per_month * cand.dropped[left_out]
        value[left_out] = np.maximum(value[left_out], cover)
        is_exact[left_out] &= cover <= lower[left_out]
    emp = np.concatenate(out_emp) if out_emp else np.zeros(0, np.int64)
    sess = np.concatenate(out_sess) if out_sess else np.zeros(0, np.int64)
    order = np.lexsort((sess, emp))
    emp, sess = emp[order].astype(np.int64), sess[order].astype(np.int64)
    from .objective import employee_values

    gain = employee_values(inst, emp, sess)
    return LocalPlans(value, lower, gain, is_exact, emp, sess, truncated)


def _subset(cand: Candidates, keep: np.ndarray) -> Candidates:
    return Candidates(
        cand.emp[keep], cand.prog[keep], cand.pair[keep], cand.profit[keep], cand.price[keep], cand.rate, cand.dropped
    )


def quick_bound(ctx: Context, cand: Candidates, counts: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """A valid upper bound on every employee's best profit, without search (vectorised).

    Submodularity: a plan earns at most its members' standalone profits; it has at most 12*K members,
    so the best 12*K candidate profits bound it. Prices are >= 0, so no plan earns more than the whole
    objective of the employee either (every gap closed, the JP floor met). The smaller of the two holds.
    """
    inst = ctx.inst
    n = inst.n_employees
    room = MONTHS * inst.max_sessions_per_month
    rank = np.arange(len(cand.emp)) - np.repeat(starts, counts)
    top = np.bincount(cand.emp, weights=np.where(rank < room, cand.profit, 0.0), minlength=n)
    whole: np.ndarray = np.bincount(inst.need_employee, weights=inst.need_weight * inst.need_gap, minlength=n)
    whole += inst.jp_floor_weight * inst.jp_floor
    return np.maximum(np.minimum(top, whole), 0.0)


def _sum_bound(
    ctx: Context, cand: Candidates, start: np.ndarray, count: np.ndarray, emps: np.ndarray, skip: int = 0
) -> np.ndarray:
    """Valid upper bound per employee on plans using a candidate of rank >= skip (all plans if 0).

    Submodularity: a plan's profit is at most the sum of its members' standalone profits, and it holds
    at most as many programmes as the smallest JP values fit under the cap. Candidates are sorted by
    profit, so the bound is profit[skip] plus the best others.
    """
    inst = ctx.inst
    out = np.zeros(len(emps))
    for r, (lo, c, i) in enumerate(zip(start.tolist(), count.tolist(), emps.tolist(), strict=True)):
        profit = cand.profit[lo : lo + c]
        room = int((np.cumsum(np.sort(inst.prog_jp[cand.prog[lo : lo + c]])) <= inst.jp_cap[i] + 1e-9).sum())
        room = min(room, MONTHS * inst.max_sessions_per_month)
        if skip == 0:
            out[r] = profit[:room].sum()
        elif room > 0:
            out[r] = profit[skip] + profit[: room - 1].sum()
    return out


def branch_and_bound(
    ctx: Context,
    mt: MonthTable,
    cand: Candidates,
    sl: slice,
    i: int,
    seed: tuple[float, list[tuple[int, int]]],
    deadline: float | None = None,
    timer: Callable[[], float] = time.perf_counter,
) -> tuple[float, float, list[int]]:
    """Exact best local plan of employee i over candidates cand[sl] (sorted by profit, best first).

    Returns (profit of the plan found, upper bound on the optimum, sessions of the plan).
    """
    from .bnb import solve_employee

    inst = ctx.inst
    prog = cand.prog[sl]
    pair = cand.pair[sl]
    lo, hi = inst.need_ptr[i], inst.need_ptr[i + 1]
    A = np.zeros((len(prog), hi - lo))
    has = np.flatnonzero(pair >= 0)
    owner, need, amount = pair_contributions(ctx, pair[has])
    A[has[owner], need - lo] = amount
    profit, upper, picks = solve_employee(
        A=A,
        gap=inst.need_gap[lo:hi],
        weight=inst.need_weight[lo:hi],
        jp=inst.prog_jp[prog],
        price=cand.price[sl] - mt.best[prog],
        month_price=mt.price[prog],
        floor=float(inst.jp_floor[i]),
        floor_weight=inst.jp_floor_weight,
        cap=float(inst.jp_cap[i]),
        per_month=inst.max_sessions_per_month,
        max_nodes=BNB_NODES,
        incumbent=seed,
        deadline=deadline,
        timer=timer,
    )
    sessions = [int(mt.session[prog[t], m]) for t, m in picks]
    return profit, upper, sessions


__all__ = ["LocalPlans", "candidates", "linear_sum_assignment", "solve_local"]
