"""The gap, JPM, band, performance and priority maths (renbang/engine/gaps.py)."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from renbang.engine import gaps as g

levels = st.integers(min_value=0, max_value=5)
current_levels = st.one_of(st.just(np.nan), st.integers(min_value=1, max_value=5).map(float))


SHAPES = st.tuples(st.integers(1, 6), st.integers(1, 9))


def matrices(draw_shape=SHAPES):
    @st.composite
    def build(draw):
        shape = draw(draw_shape)
        req = draw(arrays(np.float64, shape, elements=levels.map(float)))
        cur = draw(arrays(np.float64, shape, elements=current_levels))
        return req, cur

    return build()


def test_it_computes_the_gap_to_the_standard():
    assert g.gaps([3, 2, 4, 0], [1, 3, np.nan, 2]).tolist() == [2, 0, 4, 0]


def test_it_computes_jpm_over_assessed_competencies():
    # 1 + 2 + 2 matched of 3 + 2 + 2 required (the unassessed third competency is left out)
    value = g.jpm([[3, 2, 4, 2]], [[1, 3, np.nan, 2]])[0]
    assert value == pytest.approx(5 / 7 * 100)


def test_it_gives_no_jpm_without_a_measured_standard():
    assert math.isnan(g.jpm([[0, 3]], [[2, np.nan]])[0])


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (100, g.OPTIMAL),
        (90, g.OPTIMAL),
        (89.999, g.FAIRLY_OPTIMAL),
        (78, g.FAIRLY_OPTIMAL),
        (77.99, g.NOT_OPTIMAL),
        (0, g.NOT_OPTIMAL),
        (float("nan"), g.UNMEASURED),
    ],
)
def test_it_puts_jpm_in_the_bands_at_their_thresholds(value, band):
    assert g.jpm_band(value) == band


def test_it_maps_predicates_to_a_performance_gap_with_an_editable_table():
    assert g.performance_gap(["sangat_baik", "sangat_kurang", None, "??"]).tolist() == [0, 1, 0.25, 0.25]
    assert g.performance_gap(["baik"], {"baik": 0.9}).tolist() == [0.9]


def test_it_scales_dif_ratings():
    assert g.dif_score([1, 2, 3], [1, 2, 3], [1, 2, 3]).tolist() == [0, 0.5, 1]


def test_it_gives_no_priority_without_a_gap():
    assert g.priority([0], [1], [1], [0]).tolist() == [0]


def test_it_weights_the_priority_as_documented():
    weights = g.Weights(gap=1, importance=0, performance=0, next_position=0)
    assert g.priority([2], [1], [1], [0], weights).tolist() == [50]


def test_it_refuses_weights_that_sum_to_nothing():
    with pytest.raises(ValueError):
        g.Weights(0, 0, 0, 0).normalised()
    with pytest.raises(ValueError):
        g.Weights(-1, 1, 1, 1).normalised()


def test_it_rounds_half_up_and_renormalises_missing_sources():
    # self 3, supervisor 2 (weights 1 and 2) → 7/3 = 2.33 → 2; self 3, supervisor missing → 3
    levels = [[3, 2, np.nan], [3, np.nan, np.nan], [np.nan, np.nan, np.nan], [2, 3, np.nan]]
    result = g.combine_levels(levels, [1, 1, 1])
    assert result[1] == 3 and math.isnan(result[2])
    assert g.combine_levels([[3, 2]], [1, 2]).tolist() == [2]
    assert g.combine_levels([[2, 3]], [1, 1]).tolist() == [3]  # 2.5 → 3, not 2


def test_it_flags_self_supervisor_disagreement_of_two_levels():
    assert g.disagreement([5, 4, 3, np.nan], [3, 3, 1, 1]).tolist() == [True, False, True, False]


@given(matrices())
def test_gaps_are_never_negative_nor_above_the_requirement(pair):
    req, cur = pair
    result = g.gaps(req, cur)
    assert (result >= 0).all()
    assert (result <= req).all()


@given(matrices())
def test_jpm_stays_between_0_and_100(pair):
    req, cur = pair
    values = g.jpm(req, cur)
    finite = values[~np.isnan(values)]
    assert ((finite >= 0) & (finite <= 100)).all()


@given(st.floats(min_value=0, max_value=100))
def test_bands_follow_the_thresholds(value):
    band = g.jpm_band(value)
    assert band == (g.OPTIMAL if value >= 90 else g.FAIRLY_OPTIMAL if value >= 78 else g.NOT_OPTIMAL)


weights_st = st.builds(g.Weights, *(st.floats(0.01, 10) for _ in range(4)))
unit = st.floats(0, 1)


@given(st.integers(0, 3), st.integers(1, 4), unit, unit, st.integers(0, 4), weights_st)
def test_priority_is_monotone_in_the_gap(small, extra, importance, performance, next_gap, weights):
    low = g.priority([small], [importance], [performance], [next_gap], weights)[0]
    high = g.priority([min(small + extra, 4)], [importance], [performance], [next_gap], weights)[0]
    assert high >= low
    assert 0 <= low <= 100 and 0 <= high <= 100


@given(arrays(np.float64, (4, 3), elements=current_levels), st.lists(st.floats(0, 5), min_size=3, max_size=3))
def test_combined_levels_stay_on_the_scale(levels, weights):
    result = g.combine_levels(levels, weights)
    finite = result[~np.isnan(result)]
    assert ((finite >= 1) & (finite <= 5)).all()
