"""Each employee's priced local problem is solved exactly: compared with brute force."""

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from renbang.engine.optimizer.context import Prices, build_context
from renbang.engine.optimizer.generator import random_small
from renbang.engine.optimizer.objective import employee_values
from renbang.engine.optimizer.subproblem import solve_local


def brute_force(inst, ctx, prices, i):
    """Best profit of employee i over every choice of one session or none per allowed programme."""
    allowed = np.flatnonzero(ctx.allowed[ctx.emp_class[i]])
    rate = prices.total + prices.unit[inst.employee_unit[i]]
    options = [
        [None] + [s for s in np.flatnonzero(inst.session_prog == p) if inst.session_capacity[s] > 0]
        for p in allowed
    ]
    best = 0.0
    for choice in itertools.product(*options):
        sess = np.array([s for s in choice if s is not None], np.int64)
        months = np.bincount(inst.session_month[sess], minlength=13)
        jp = inst.prog_jp[inst.session_prog[sess]].sum()
        if months.max(initial=0) > inst.max_sessions_per_month or jp > inst.jp_cap[i] + 1e-9:
            continue
        value = employee_values(inst, np.full(len(sess), i), sess)[i]
        paid = prices.session[sess].sum() + rate * inst.prog_cost[inst.session_prog[sess]].sum()
        best = max(best, value - paid)
    return best


def random_prices(inst, rng):
    seat = np.where(rng.random(inst.n_sessions) < 0.5, 0.0, rng.uniform(0, 1.5, inst.n_sessions))
    seat = np.where(rng.random(inst.n_sessions) < 0.2, 0.3, seat)  # ties between months
    per_rupiah = rng.uniform(0, 1.5) / inst.prog_cost.mean()
    unit = rng.uniform(0, 0.5, len(inst.unit_ids)) / inst.prog_cost.mean()
    return Prices(seat, per_rupiah, unit)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 100_000))
def test_it_solves_every_local_problem_exactly(seed):
    inst = random_small(seed, employees=5, programmes=5)
    ctx = build_context(inst)
    prices = random_prices(inst, np.random.default_rng(seed))
    local = solve_local(ctx, prices, exact=True)
    assert local.exact.all()
    for i in range(inst.n_employees):
        expected = brute_force(inst, ctx, prices, i)
        assert np.isclose(local.value[i], expected, atol=1e-9), (i, local.value[i], expected)
        assert np.isclose(local.lower[i], expected, atol=1e-9)


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 100_000))
def test_it_keeps_a_valid_bound_when_floor_options_are_capped(seed):
    """The national-scale memory cap on floor-only options may loosen, never invalidate, the bound."""
    from renbang.engine.optimizer import subproblem

    inst = random_small(seed, employees=5, programmes=5)
    ctx = build_context(inst)
    prices = random_prices(inst, np.random.default_rng(seed))
    saved = subproblem.FLOOR_LIMIT, subproblem.FLOOR_LIMIT_EXACT_ABOVE
    subproblem.FLOOR_LIMIT, subproblem.FLOOR_LIMIT_EXACT_ABOVE = 1, 0
    try:
        local = solve_local(ctx, prices, exact=True)
    finally:
        subproblem.FLOOR_LIMIT, subproblem.FLOOR_LIMIT_EXACT_ABOVE = saved
    for i in range(inst.n_employees):
        assert local.value[i] >= brute_force(inst, ctx, prices, i) - 1e-9
        assert local.lower[i] <= local.value[i] + 1e-9


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 100_000))
def test_it_returns_local_plans_worth_what_it_claims(seed):
    inst = random_small(seed, employees=8, programmes=6)
    ctx = build_context(inst)
    prices = random_prices(inst, np.random.default_rng(seed + 1))
    for exact in (True, False):
        local = solve_local(ctx, prices, exact=exact)
        rate = prices.total + prices.unit[inst.employee_unit]
        cost = inst.prog_cost[inst.session_prog[local.sess]]
        paid = np.bincount(local.emp, prices.session[local.sess] + rate[local.emp] * cost, inst.n_employees)
        value = employee_values(inst, local.emp, local.sess)
        assert np.allclose(value - paid, local.lower, atol=1e-9)
        assert (local.value >= local.lower - 1e-9).all()
        months = np.bincount(local.emp * 13 + inst.session_month[local.sess], minlength=13 * inst.n_employees)
        assert months.max(initial=0) <= inst.max_sessions_per_month


def wide_instance(seed=4):
    """Every programme open to everyone: two of the three employees have 51 candidate programmes."""
    from dataclasses import replace

    inst = random_small(seed, employees=3, programmes=56)
    return replace(inst, prog_eligible=[None] * inst.n_programmes, jp_floor_weight=0.3, jp_cap=np.full(3, np.inf))


def test_a_search_cut_by_the_node_limit_keeps_a_valid_bound(monkeypatch):
    from renbang.engine.optimizer import check_feasibility, solve, subproblem
    from renbang.engine.optimizer.milp import solve_milp

    inst = wide_instance()
    ctx = build_context(inst)
    exact = solve_milp(ctx, time_limit=60)
    assert exact.status == "optimal"
    monkeypatch.setattr(subproblem, "MAX_FRONTIER", 5)  # the wide search stops early, the fallback too
    monkeypatch.setattr(subproblem, "BNB_NODES", 30)
    result = solve(inst, time_limit=20, use_milp=False)
    assert result.stats["truncated_subproblems"] > 0
    assert result.bound >= exact.objective - 1e-6
    assert result.objective <= exact.objective + 1e-6
    assert check_feasibility(inst, result.assignments(inst)) == []


def test_an_exact_solve_past_its_deadline_skips_the_search_and_keeps_valid_bounds(monkeypatch):
    from renbang.engine.optimizer import subproblem
    from renbang.engine.optimizer.context import month_table

    inst = wide_instance()
    ctx = build_context(inst)
    prices = Prices(np.zeros(inst.n_sessions), 0.0, np.zeros(len(inst.unit_ids)))
    cand = subproblem.candidates(ctx, prices, month_table(ctx, prices.session))
    assert np.bincount(cand.emp).max() >= 40
    # The exact optimum of each employee's problem, found with a node limit no employee reaches.
    full = solve_local(ctx, prices, exact=True)
    assert full.exact.all() and full.truncated == 0

    def no_search(*args, **kwargs):
        raise AssertionError("branch and bound ran past the deadline")

    monkeypatch.setattr(subproblem, "branch_and_bound", no_search)
    late = solve_local(ctx, prices, exact=True, deadline=0.0, timer=lambda: 1.0)
    assert late.truncated == int((~late.exact).sum()) > 0
    assert (late.value >= full.value - 1e-9).all()  # still upper bounds on every employee's optimum
    assert (late.lower <= full.value + 1e-9).all()
    rate = prices.total + prices.unit[inst.employee_unit]
    cost = inst.prog_cost[inst.session_prog[late.sess]]
    paid = np.bincount(late.emp, prices.session[late.sess] + rate[late.emp] * cost, inst.n_employees)
    assert np.allclose(employee_values(inst, late.emp, late.sess) - paid, late.lower, atol=1e-9)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 100_000), st.sampled_from([0, 2]), st.sampled_from([3, 64]))
def test_the_wide_search_solves_every_local_problem_exactly(seed, wide_above, enumerated):
    """The search for employees with many candidates, forced on tiny instances (brute force is exact):
    every programme open to everyone and a heavy JP floor, so floor-only options are thinned too."""
    from dataclasses import replace

    from renbang.engine.optimizer import subproblem

    inst = random_small(seed, employees=4, programmes=6)
    inst = replace(inst, prog_eligible=[None] * inst.n_programmes, jp_floor_weight=0.3)
    ctx = build_context(inst)
    prices = random_prices(inst, np.random.default_rng(seed))
    saved = subproblem.WIDE_ABOVE, subproblem.MAX_ENUMERATED
    subproblem.WIDE_ABOVE, subproblem.MAX_ENUMERATED = wide_above, max(enumerated, wide_above + 1)
    try:
        fast = solve_local(ctx, prices, exact=False)
        exact = solve_local(ctx, prices, exact=True)
    finally:
        subproblem.WIDE_ABOVE, subproblem.MAX_ENUMERATED = saved
    assert exact.exact.all()
    for i in range(inst.n_employees):
        expected = brute_force(inst, ctx, prices, i)
        assert fast.value[i] >= expected - 1e-9 >= fast.lower[i] - 2e-9
        assert np.isclose(exact.value[i], expected, atol=1e-9), (i, exact.value[i], expected)
        assert np.isclose(exact.lower[i], expected, atol=1e-9)


def test_only_employees_with_many_candidates_get_the_wide_search(monkeypatch):
    """Medan-shaped employees (few candidates) keep the cheap search; the others get the wide one,
    over their floor-only options thinned (thinning alone may bring one back under the threshold)."""
    from renbang.engine.optimizer import subproblem
    from renbang.engine.optimizer.search_wide import thin_floor_options

    inst = wide_instance()
    ctx = build_context(inst)
    prices = Prices.zero(inst)
    cand = subproblem.candidates(ctx, prices, month_table_of(ctx, prices))
    counts = np.bincount(cand.emp, minlength=inst.n_employees)
    keep = thin_floor_options(inst, cand.emp, cand.prog, cand.pair, cand.price, counts > subproblem.WIDE_ABOVE)
    listed = np.bincount(cand.emp[keep], minlength=inst.n_employees)
    assert counts.tolist() == [15, 51, 51] and listed.tolist() == [9, 19, 19]
    calls = {"cheap": [], "wide": []}
    cheap, wide = subproblem.vector_search, subproblem.wide_search

    def spy(name, search):
        return lambda A, *a, **k: calls[name].append(A.shape[:2]) or search(A, *a, **k)

    monkeypatch.setattr(subproblem, "vector_search", spy("cheap", cheap))
    monkeypatch.setattr(subproblem, "wide_search", spy("wide", wide))
    local = solve_local(ctx, prices, exact=True)
    assert calls == {"cheap": [(1, 9)], "wide": [(2, 19)]}
    assert local.exact.all()
    # Without the threshold every employee would be thinned and searched the wide way.
    monkeypatch.setattr(subproblem, "WIDE_ABOVE", 0)
    calls.update(cheap=[], wide=[])
    again = solve_local(ctx, prices, exact=True)
    assert calls["cheap"] == [] and np.allclose(again.value, local.value)


def month_table_of(ctx, prices):
    from renbang.engine.optimizer.context import month_table

    return month_table(ctx, prices.session)
