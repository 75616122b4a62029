"""Plans are feasible, honestly valued and certified; small instances are solved to optimality."""

import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from renbang.engine.optimizer import check_feasibility, generate, objective, solve
from renbang.engine.optimizer.context import build_context
from renbang.engine.optimizer.generator import Shape, random_small
from renbang.engine.optimizer.greedy import greedy_plan
from renbang.engine.optimizer.heuristic import price_guided_plan
from renbang.engine.optimizer.lagrangian import dual_search
from renbang.engine.optimizer.milp import solve_milp


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 100_000))
def test_it_returns_only_feasible_plans_valued_from_their_rows(seed):
    inst = random_small(seed, employees=10, programmes=6)
    result = solve(inst, time_limit=10, use_milp=False)
    rows = result.assignments(inst)
    assert check_feasibility(inst, rows) == []
    assert np.isclose(objective(inst, rows), result.objective, atol=1e-9)
    assert result.bound >= result.objective
    assert result.status in {"optimal", "feasible"}
    assert "rejected_plans" not in result.stats  # no heuristic produced an infeasible plan


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 100_000))
def test_it_builds_feasible_greedy_and_price_guided_plans(seed):
    inst = random_small(seed, employees=12, programmes=6)
    ctx = build_context(inst)
    assert check_feasibility(inst, greedy_plan(ctx)) == []
    dual = dual_search(ctx, time_limit=5, max_iterations=5, certify=False)
    assert check_feasibility(inst, price_guided_plan(ctx, dual.prices, dual.local)) == []


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 100_000))
def test_it_never_bounds_below_the_exact_optimum(seed):
    inst = random_small(seed, employees=8, programmes=5)
    exact = solve_milp(build_context(inst), time_limit=20)
    assert exact.status == "optimal"
    result = solve(inst, time_limit=10, use_milp=False)
    assert result.bound >= exact.objective - 1e-6
    assert result.objective <= exact.objective + 1e-6


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 100_000))
def test_it_finds_the_optimum_of_small_instances(seed):
    inst = random_small(seed, employees=8, programmes=5)
    exact = solve_milp(build_context(inst), time_limit=20)
    result = solve(inst, time_limit=20)
    assert result.status == "optimal"
    assert np.isclose(result.objective, objective(inst, (exact.emp, exact.sess)), atol=1e-6)


def test_it_gives_the_same_plan_for_the_same_instance():
    inst = generate("small", 3)
    first = solve(generate("small", 3), time_limit=300, use_milp=False, max_iterations=6)
    second = solve(inst, time_limit=300, use_milp=False, max_iterations=6)
    assert first.assignments(inst) == second.assignments(inst)
    assert (first.objective, first.bound) == (second.objective, second.bound)


def test_it_beats_the_greedy_baseline_and_stays_close_to_its_bound():
    inst = generate("small", 7)
    result = solve(inst, time_limit=20, use_milp=False, timer=time.process_time)  # CPU: holds under load
    greedy = objective(inst, greedy_plan(build_context(inst)))
    assert result.objective >= greedy
    assert result.objective >= 0.97 * result.bound


def test_it_returns_the_empty_plan_when_nothing_may_be_attended():
    inst = random_small(1)
    from dataclasses import replace

    result = solve(replace(inst, max_sessions_per_month=0), time_limit=5)
    assert result.assignments(inst) == [] and result.objective == 0.0
    assert result.status == "optimal"


def test_it_solves_the_empty_model_with_the_exact_reference():
    from dataclasses import replace

    exact = solve_milp(build_context(replace(random_small(2), max_sessions_per_month=0)))
    assert (exact.status, exact.objective, len(exact.emp)) == ("optimal", 0.0, 0)


def test_it_rounds_the_restricted_master_to_a_plan_within_a_tenth_of_a_percent_of_its_bound():
    inst = generate("small", 7)
    result = solve(inst, time_limit=600, use_milp=False, max_iterations=30)
    assert result.stats["master_status"] == "ok"
    assert result.stats["master_lp"] >= result.stats["first_plan_objective"]
    assert result.objective >= 0.999 * result.bound
    assert check_feasibility(inst, result.assignments(inst)) == []


# Time limits in CPU seconds (`timer=time.process_time`): what the engine does with its own CPU does not
# depend on how many other processes share the machine, so these tests hold under load.
LIMIT_TOLERANCE = 1.0  # seconds of CPU past the limit: building the context (~0.1 s here) and one round


@pytest.mark.parametrize("limit", [0.5, 2.0])
def test_it_returns_within_a_short_time_limit_on_a_sampled_instance(limit):
    inst = generate(Shape(employees=8_000, programmes=80, sessions=320, units=30, capacity=(15, 40)), 5)
    start = time.process_time()
    result = solve(inst, time_limit=limit, use_milp=False, timer=time.process_time)
    assert time.process_time() - start <= limit + LIMIT_TOLERANCE
    assert result.stats["sample_employees"] > 0  # the warm start's minimum iterations were cut too
    assert check_feasibility(inst, result.assignments(inst)) == []
    assert result.bound >= result.objective > 0


def test_a_cut_run_still_bounds_the_best_plan_of_a_long_run():
    inst = generate("small", 4)
    long = solve(inst, time_limit=600, use_milp=False, max_iterations=25, timer=time.process_time)
    start = time.process_time()
    short = solve(inst, time_limit=0.3, use_milp=False, timer=time.process_time)
    assert time.process_time() - start <= 0.3 + LIMIT_TOLERANCE
    assert short.bound >= long.objective - 1e-6  # cut evaluations over-estimate, never under
    assert long.bound >= long.objective
    assert check_feasibility(inst, short.assignments(inst)) == []


def test_every_evaluation_stops_at_its_deadline_with_a_valid_bound():
    from renbang.engine.optimizer.context import Prices
    from renbang.engine.optimizer.subproblem import solve_local

    inst = generate("small", 6)
    ctx = build_context(inst)
    full = solve_local(ctx, Prices.zero(inst), exact=False)
    cut = solve_local(ctx, Prices.zero(inst), exact=False, deadline=-1.0, timer=lambda: 0.0)
    assert cut.truncated == int((~cut.exact).sum()) > 0 and len(cut.emp) == 0
    assert (cut.value >= full.lower - 1e-9).all()  # every skipped employee keeps a valid upper bound


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 100_000))
def test_the_wide_search_never_bounds_below_the_exact_optimum(seed):
    """Every employee through the open-eligibility search (threshold 0, three programmes enumerated
    before the rest are bounded), everyone eligible for everything: the bound stays >= HiGHS's optimum."""
    from dataclasses import replace

    from renbang.engine.optimizer import subproblem

    inst = random_small(seed, employees=8, programmes=6)
    inst = replace(inst, prog_eligible=[None] * inst.n_programmes)
    exact = solve_milp(build_context(inst), time_limit=20)
    assert exact.status == "optimal"
    saved = subproblem.WIDE_ABOVE, subproblem.MAX_ENUMERATED
    subproblem.WIDE_ABOVE, subproblem.MAX_ENUMERATED = 0, 3
    try:
        result = solve(inst, time_limit=10, use_milp=False)
    finally:
        subproblem.WIDE_ABOVE, subproblem.MAX_ENUMERATED = saved
    assert result.bound >= exact.objective - 1e-6
    assert result.objective <= exact.objective + 1e-6
    assert check_feasibility(inst, result.assignments(inst)) == []


def test_it_keeps_time_for_a_last_plan_only_when_plans_are_cheap():
    """National scale: a plan of 98 s in a 280 s limit gets no reserve (the time goes to the bound);
    Medan: a plan of a second keeps 1.3 s for the last plan."""
    from renbang.engine.optimizer.solve import PLAN_RESERVE, _reserve

    assert _reserve(98.0, 280.0) == 0.0
    assert _reserve(1.0, 60.0) == PLAN_RESERVE * 1.0
