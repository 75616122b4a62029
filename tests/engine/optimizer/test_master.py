"""The restricted master over generated local plans: distinct columns, an LP never below the plans it
was given, rounded plans that keep every rule; and the dual search's clock."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from renbang.engine.optimizer import check_feasibility, generate, objective
from renbang.engine.optimizer.context import build_context
from renbang.engine.optimizer.generator import random_small
from renbang.engine.optimizer.greedy import greedy_plan
from renbang.engine.optimizer.heuristic import completed_plan
from renbang.engine.optimizer.lagrangian import dual_search
from renbang.engine.optimizer.master import ColumnPool, best_columns, solve_master


def test_it_keeps_each_distinct_local_plan_once():
    inst = random_small(4, employees=10, programmes=6)
    ctx = build_context(inst)
    emp, sess = greedy_plan(ctx)
    assert len(emp)
    pool = ColumnPool(ctx)
    pool.add(emp, sess)
    pool.add(emp[::-1].copy(), sess[::-1].copy())  # the same plan in another order
    cols = pool.build()
    assert len(cols) == len(np.unique(emp))
    assert sorted(cols.sess.tolist()) == sorted(sess.tolist())
    per_employee = {int(e): float(v) for e, v in zip(cols.emp, cols.value, strict=True)}
    from renbang.engine.optimizer.objective import employee_values

    values = employee_values(inst, emp, sess)
    assert per_employee == {int(i): float(values[i]) for i in np.unique(emp)}


def test_it_forgets_old_columns_but_never_kept_ones():
    inst = random_small(5, employees=10, programmes=6)
    ctx = build_context(inst)
    emp, sess = greedy_plan(ctx)
    pool = ColumnPool(ctx, window=1)
    pool.add(emp, sess, keep=True)
    pool.add(emp[:1], sess[:1])
    pool.add(emp[:0], sess[:0])  # an empty plan adds nothing
    pool.add(emp[-1:], sess[-1:])
    cols = pool.build()
    kept = len(np.unique(emp))
    assert len(cols) == kept or len(cols) == kept + 1
    assert set(cols.emp.tolist()) == set(np.unique(emp).tolist())


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 100_000))
def test_it_rounds_the_master_to_feasible_plans_no_worse_than_lp_allows(seed):
    inst = random_small(seed, employees=12, programmes=6)
    ctx = build_context(inst)
    pool = ColumnPool(ctx)
    dual = dual_search(ctx, time_limit=10, max_iterations=6, certify=False, pool=pool)
    greedy = greedy_plan(ctx)
    pool.add(*greedy, keep=True)
    result = solve_master(ctx, pool.build())
    if result is None:  # nothing anyone could usefully attend
        assert objective(inst, greedy) == 0.0
        return
    assert result.lp_value >= objective(inst, greedy) - 1e-6
    assert check_feasibility(inst, (result.emp, result.sess)) == []
    assert objective(inst, (result.emp, result.sess)) <= result.lp_value + 1e-6
    done = completed_plan(ctx, result.emp, result.sess, result.prices.session)
    assert check_feasibility(inst, done) == []
    assert objective(inst, done) >= objective(inst, (result.emp, result.sess)) - 1e-9
    assert dual.bound >= objective(inst, done) - 1e-6


def test_it_stops_iterating_when_the_caller_needs_the_time():
    ctx = build_context(generate("small", 2))
    greedy = objective(ctx.inst, greedy_plan(ctx))
    # No time left at all: one evaluation, cut before its first chunk, still a valid bound.
    dual = dual_search(ctx, time_limit=600, max_iterations=50, reserve=lambda: 1e9, min_iterations=3)
    assert dual.iterations == 1 and dual.truncated == 0
    assert dual.bound >= greedy and len(dual.local.emp) == 0
    # The minimum iterations may stretch the limit up to min_time, no further.
    dual = dual_search(ctx, time_limit=600, max_iterations=50, reserve=lambda: 1e9, min_iterations=3, min_time=2e9)
    assert dual.iterations == 3
    # Without the final exact evaluation the bound is still a valid one, from the inexact evaluations.
    assert dual.bound >= greedy


def test_it_keeps_the_best_columns_and_every_kept_one():
    inst = random_small(8, employees=12, programmes=6)
    ctx = build_context(inst)
    pool = ColumnPool(ctx)
    dual = dual_search(ctx, time_limit=10, max_iterations=6, certify=False, pool=pool)
    greedy = greedy_plan(ctx)
    pool.add(*greedy, keep=True)
    cols = pool.build()
    small = best_columns(ctx, cols, dual.prices, 1)
    assert np.bincount(small.emp[~small.kept], minlength=inst.n_employees).max(initial=0) <= 1
    assert small.kept.sum() == cols.kept.sum() == len(np.unique(greedy[0]))
    assert set(small.emp.tolist()) == set(cols.emp.tolist())
