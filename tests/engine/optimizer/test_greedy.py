"""The greedy fill's session choice: cheapest seat price, then most seats left, then lowest index."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from renbang.engine.optimizer.context import build_context
from renbang.engine.optimizer.generator import random_small
from renbang.engine.optimizer.greedy import PlanState, build_options


def reference_pick(state, emp, prog, seat_price):
    inst = state.inst
    out = []
    for e, p in zip(emp.tolist(), prog.tolist(), strict=True):
        usable = [
            s
            for s in np.flatnonzero(inst.session_prog == p).tolist()
            if state.seats[s] > 0 and state.load[e, inst.session_month[s] - 1] < inst.max_sessions_per_month
        ]
        out.append(min(usable, key=lambda s: (seat_price[s], -state.seats[s], s)) if usable else -1)
    return np.array(out, np.int64)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 100_000))
def test_it_picks_the_cheapest_session_with_room(seed):
    inst = random_small(seed, employees=10, programmes=6)
    ctx = build_context(inst)
    state = PlanState(ctx, build_options(ctx))
    rng = np.random.default_rng(seed)
    state.seats = rng.integers(0, 3, inst.n_sessions) * ctx.usable_session
    state.load = rng.integers(0, 2, state.load.shape).astype(np.int16)
    seat_price = rng.choice([0.0, 0.5, 1.0], inst.n_sessions)  # many ties
    emp = rng.integers(0, inst.n_employees, 40)
    prog = rng.integers(0, inst.n_programmes, 40)
    got = state.pick_sessions(emp, prog, seat_price)
    assert np.array_equal(got, reference_pick(state, emp, prog, seat_price))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 100_000))
def test_the_fill_stops_only_when_no_paying_option_fits(seed):
    """The incremental fill keeps stale bests (budgets and seats shrink for everyone) and re-scores only
    the employees a round touched; when it stops, no option with a gain may still fit anywhere."""
    from renbang.engine.optimizer.greedy import fill
    from renbang.engine.optimizer.objective import check_feasibility

    inst = random_small(seed, employees=12, programmes=6)
    ctx = build_context(inst)
    state = PlanState(ctx, build_options(ctx))
    fill(state)
    assert check_feasibility(inst, state.plan()) == []
    opt = state.opt
    for k in np.flatnonzero(~state.taken & (state.gain > 1e-12)).tolist():
        e, p = int(opt.emp[k]), int(opt.prog[k])
        cost = inst.prog_cost[p]
        affordable = cost <= state.total_left + 1e-6 and cost <= state.unit_left[inst.employee_unit[e]] + 1e-6
        within_cap = state.jp[e] + inst.prog_jp[p] <= inst.jp_cap[e] + 1e-9
        seat = any(
            state.seats[s] > 0 and state.load[e, inst.session_month[s] - 1] < inst.max_sessions_per_month
            for s in np.flatnonzero(inst.session_prog == p).tolist()
        )
        assert not (affordable and within_cap and seat), (e, p)
