"""Evaluation statistics (renbang/engine/effectiveness.py): known small cases and property-based bounds."""

import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from renbang.engine import effectiveness as ef


@st.composite
def k_and_n(draw, max_n=500):
    n = draw(st.integers(min_value=1, max_value=max_n))
    k = draw(st.integers(min_value=0, max_value=n))
    return k, n


def test_it_computes_the_wilson_interval_of_a_textbook_case():
    # 8 of 20 at 95 %: Wilson (0.2188, 0.6134) (e.g. Newcombe 1998, method 3)
    p, lower, upper = ef.wilson_interval(8, 20)
    assert float(p) == pytest.approx(0.4)
    assert float(lower) == pytest.approx(0.2188, abs=1e-4)
    assert float(upper) == pytest.approx(0.6134, abs=1e-4)


def test_it_keeps_a_width_when_nobody_or_everybody_answers_low():
    _p, lower, upper = ef.wilson_interval([0, 10], [10, 10])
    assert lower[0] == 0.0 and upper[0] == pytest.approx(0.2775, abs=1e-4)
    assert upper[1] == 1.0 and lower[1] == pytest.approx(0.7225, abs=1e-4)


def test_it_gives_the_whole_unit_interval_without_responses():
    p, lower, upper = ef.wilson_interval(0, 0)
    assert math.isnan(float(p)) and float(lower) == 0.0 and float(upper) == 1.0


def test_it_refuses_impossible_counts():
    with pytest.raises(ValueError):
        ef.wilson_interval(5, 3)
    with pytest.raises(ValueError):
        ef.z_value(1.0)


def test_it_flags_only_with_enough_responses_and_a_high_lower_bound():
    # 6/9 is a high share but too few; 6/10: lower 0.313 > 0.30 flags; 5/10: lower 0.237 does not;
    # 10/40 (25 %) never flags however many respond.
    flags = ef.flag_low_benefit([6, 6, 5, 10], [9, 10, 10, 40])
    assert flags.tolist() == [False, True, False, False]


def test_it_uses_the_editable_thresholds():
    assert ef.flag_low_benefit(5, 10, threshold=0.2).tolist() is True
    assert ef.flag_low_benefit(6, 10, min_responses=11).tolist() is False
    # a stricter confidence level widens the interval: 6/10 no longer clears 30 % at 99 %
    assert ef.flag_low_benefit(6, 10, confidence=0.99).tolist() is False


def test_it_shrinks_small_samples_towards_the_method_default():
    # 2 respondents at 0.1 and a method default of 0.6 with prior strength 10: (2·0.1 + 10·0.6)/12
    assert float(ef.shrink(0.1, 2, 0.6, 10)) == pytest.approx(6.2 / 12)
    # 200 respondents: close to what was measured
    assert float(ef.shrink(0.1, 200, 0.6, 10)) == pytest.approx((20 + 6) / 210)
    # no evidence at all: the prior
    assert float(ef.shrink(np.nan, 0, 0.6, 10)) == pytest.approx(0.6)
    assert float(ef.shrink(0.3, 5, 0.6, 0)) == pytest.approx(0.3)


def test_it_pools_the_levels_by_observations_and_weights():
    # L1 mean 0.25 over 20, L2 0.5 over 10, no L3; weights 1, 1, 2 → (5 + 5)/30
    pooled, n = ef.pool_levels([[0.25], [0.5], [np.nan]], [[20], [10], [0]], [1, 1, 2])
    assert pooled[0] == pytest.approx(10 / 30) and n[0] == 30
    pooled, n = ef.pool_levels([[np.nan]], [[0]], [1])
    assert math.isnan(pooled[0]) and n[0] == 0


def test_it_computes_hakes_gain_and_leaves_out_the_ceiling():
    g = ef.normalised_gain([40, 100, 80, 50, np.nan], [70, 100, 60, 100, 80], 100)
    assert g[0] == pytest.approx(0.5)
    assert math.isnan(g[1])  # pre = post = max: no room to gain
    assert g[2] == pytest.approx(-1.0)  # 80 → 60 of the 20 points of room
    assert g[3] == pytest.approx(1.0)
    assert math.isnan(g[4])
    assert ef.class_gain([40, 60], [70, 80], 100) == pytest.approx((75 - 50) / 50)
    assert math.isnan(ef.class_gain([100], [100], 100))
    with pytest.raises(ValueError):
        ef.normalised_gain([120], [100], 100)


def test_it_summarises_likert_scores():
    s = ef.likert_summary([1, 2, 2, 5, 4])
    assert s.n == 5 and s.mean == pytest.approx(2.8) and s.counts == (1, 2, 0, 1, 1)
    assert s.low == 3 and s.low_share == pytest.approx(0.6)
    assert s.sd == pytest.approx(np.std([1, 2, 2, 5, 4], ddof=1))
    empty = ef.likert_summary([])
    assert empty.n == 0 and math.isnan(empty.mean)
    with pytest.raises(ValueError):
        ef.likert_summary([6])


def test_it_ranks_alternatives_by_coverage_and_conservative_evidence():
    keys = ef.alternative_scores([1.0, 1.0, 0.5], [0.6, 0.3, 0.9], [0.7, 0.8, 0.95])
    assert np.argsort(-keys).tolist() == [0, 2, 1]


@settings(deadline=None)  # a loaded shared machine makes timings meaningless here
@given(k_and_n(), st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_it_keeps_wilson_bounds_in_the_unit_interval_around_the_point(kn, confidence):
    k, n = kn
    p, lower, upper = (float(x) for x in ef.wilson_interval(k, n, confidence))
    assert 0.0 <= lower <= p <= upper <= 1.0


@settings(deadline=None)  # a loaded shared machine makes timings meaningless here
@given(k_and_n(max_n=200), st.integers(min_value=2, max_value=10))
def test_it_narrows_the_interval_with_more_data_at_the_same_share(kn, factor):
    k, n = kn
    _p, lo1, up1 = ef.wilson_interval(k, n)
    _p, lo2, up2 = ef.wilson_interval(k * factor, n * factor)
    assert float(up2 - lo2) < float(up1 - lo1)


@settings(deadline=None)  # a loaded shared machine makes timings meaningless here
@given(st.floats(0, 1), st.integers(0, 1000), st.floats(0, 1), st.floats(0, 50))
@example(0.0, 0, 0.75, 5e-324)  # a subnormal strength once rounded the estimate to 1.0
def test_it_keeps_the_shrunk_estimate_between_evidence_and_prior(observed, n, prior, strength):
    value = float(ef.shrink(observed, n, prior, strength))
    assert min(observed, prior) - 1e-12 <= value <= max(observed, prior) + 1e-12


@settings(deadline=None)  # a loaded shared machine makes timings meaningless here
@given(st.floats(0, 1), st.integers(0, 300), st.floats(0.01, 0.99))
def test_it_keeps_the_credible_interval_around_the_estimate(observed, n, prior):
    est = ef.shrunk_effectiveness(observed, n, prior)
    assert 0.0 <= float(est.lower) <= float(est.value) <= float(est.upper) <= 1.0


@settings(deadline=None)  # a loaded shared machine makes timings meaningless here
@given(st.floats(0.01, 0.99), st.integers(0, 300), st.integers(1, 300))
def test_it_narrows_the_credible_interval_with_more_data_at_the_same_estimate(share, n, more):
    # evidence equal to the prior keeps the estimate where it is; only the width can change
    small = ef.shrunk_effectiveness(share, n, share)
    big = ef.shrunk_effectiveness(share, n + more, share)
    assert float(big.value) == pytest.approx(float(small.value))
    assert float(big.upper - big.lower) < float(small.upper - small.lower)


@settings(deadline=None)  # a loaded shared machine makes timings meaningless here
@given(st.lists(st.tuples(st.integers(0, 100), st.integers(0, 100)), min_size=1, max_size=30))
def test_it_keeps_gains_at_most_one(pairs):
    pre, post = np.array(pairs, dtype=float).T
    g = ef.normalised_gain(pre, post, 100)
    finite = g[~np.isnan(g)]
    assert np.all(finite <= 1.0)
    assert np.all(np.isnan(g[pre == 100]))
