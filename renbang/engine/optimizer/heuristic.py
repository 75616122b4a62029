"""The plan: price-guided selection, repair to feasibility, then improvement.

At near-optimal Lagrange prices every employee's own best plan is what the whole system would like
them to do; together those plans overshoot some seats and budgets only a little. We keep them in order
of value per Rupiah net of seat prices while everything still fits (repair by dropping the least
efficient rows), then fill the leftover budget and seats greedily, then try to improve.
"""

from __future__ import annotations

import numpy as np

from .context import Context, Prices
from .greedy import NO_DEADLINE, Deadline, PlanState, build_options, fill
from .subproblem import LocalPlans


def price_guided_plan(
    ctx: Context, prices: Prices, local: LocalPlans, deadline: Deadline = NO_DEADLINE
) -> tuple[np.ndarray, np.ndarray]:
    inst = ctx.inst
    local_prog = inst.session_prog[local.sess]
    options = build_options(ctx, local.emp, local_prog)
    state = PlanState(ctx, options)
    wanted = np.isin(options.key, local.emp.astype(np.int64) * max(inst.n_programmes, 1) + local_prog)
    fill(state, prices.session, allowed=wanted, deadline=deadline)  # the Lagrangian plans first, repaired
    fill(state, prices.session, deadline=deadline)  # then whatever else still pays at these prices
    fill(state, deadline=deadline)  # and the last seats and Rupiah, unpriced
    return state.plan()


def completed_plan(
    ctx: Context, emp: np.ndarray, sess: np.ndarray, seat_price: np.ndarray, deadline: Deadline = NO_DEADLINE
) -> tuple[np.ndarray, np.ndarray]:
    """A feasible plan (emp, sess) completed with whatever still pays: first at `seat_price`, then unpriced."""
    inst = ctx.inst
    state = PlanState(ctx, build_options(ctx, emp, inst.session_prog[sess]))
    state.add(emp, sess)
    fill(state, seat_price, deadline=deadline)
    fill(state, deadline=deadline)
    return state.plan()
