"""The mentor matching engine: optimal against brute force, capacities, eligibility, locks."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from renbang.engine.matching import (
    MatchingInput,
    Profiles,
    Weights,
    candidate_pairs,
    solve_matching,
)


def brute_force(cap, n_mentees, pm, pe, score, locked=None):
    """Best total over every assignment of each mentee to one of its candidate pairs or to nobody."""
    options = [[None] + [p for p in range(len(pm)) if pe[p] == e] for e in range(n_mentees)]
    best = -1
    for combo in itertools.product(*options):
        chosen = [p for p in combo if p is not None]
        if locked is not None and not all(p in chosen for p in np.flatnonzero(locked)):
            continue
        load = np.bincount([pm[p] for p in chosen], minlength=len(cap)) if chosen else np.zeros(len(cap))
        if (load > cap).any():
            continue
        best = max(best, int(sum(score[p] for p in chosen)))
    return best


@st.composite
def instances(draw):
    n_mentors = draw(st.integers(1, 3))
    n_mentees = draw(st.integers(1, 5))
    cap = np.array(draw(st.lists(st.integers(0, 3), min_size=n_mentors, max_size=n_mentors)))
    pairs = [(m, e) for m in range(n_mentors) for e in range(n_mentees)]
    keep = draw(st.lists(st.booleans(), min_size=len(pairs), max_size=len(pairs)))
    chosen = [p for p, k in zip(pairs, keep, strict=True) if k]
    scores = draw(st.lists(st.integers(1, 500), min_size=len(chosen), max_size=len(chosen)))
    pm = np.array([m for m, _ in chosen], dtype=np.int64)
    pe = np.array([e for _, e in chosen], dtype=np.int64)
    return cap, n_mentees, pm, pe, np.array(scores, dtype=np.int64)


@settings(max_examples=150, deadline=None)
@given(instances())
def test_it_finds_the_brute_force_optimum_on_small_instances(instance):
    cap, n, pm, pe, score = instance
    result = solve_matching(MatchingInput(cap, n, pm, pe, score))
    assert result.total_score == brute_force(cap, n, pm, pe, score)
    load = np.bincount(pm[result.chosen], minlength=len(cap))
    assert (load <= cap).all()
    assert len(set(pe[result.chosen].tolist())) == len(result.chosen)


@settings(max_examples=80, deadline=None)
@given(instances(), st.data())
def test_it_stays_optimal_around_locked_pairs(instance, data):
    cap, n, pm, pe, score = instance
    if len(pm) == 0:
        return
    lock_one = data.draw(st.integers(0, len(pm) - 1))
    if cap[pm[lock_one]] == 0:
        return
    locked = np.zeros(len(pm), dtype=bool)
    locked[lock_one] = True
    result = solve_matching(MatchingInput(cap, n, pm, pe, score, locked=locked))
    assert lock_one in result.chosen
    assert result.total_score == brute_force(cap, n, pm, pe, score, locked)


def test_it_refuses_locks_beyond_a_mentors_capacity():
    with pytest.raises(ValueError, match="capacity"):
        solve_matching(MatchingInput(np.array([1]), 2, np.array([0, 0]), np.array([0, 1]), np.array([1, 1]),
                                     locked=np.array([True, True])))


def test_it_prefers_covering_more_gap_over_the_same_unit_bonus():
    cap = np.array([1, 1])
    # mentor 0 can serve both; mentor 1 only mentee 0 → the optimum sends mentor 0 to mentee 1.
    result = solve_matching(MatchingInput(cap, 2, np.array([0, 0, 1]), np.array([0, 1, 0]),
                                          np.array([210, 200, 200])))
    assert result.total_score == 400


def _profiles(**overrides):
    base = {
        "mentor_level": np.array([[3, 3], [2, 2]]),
        "mentee_required": np.array([[2, 2], [1, 1]]),
        "mentee_current": np.array([[1, 2], [0, 0]]),
        "mentor_seniority": np.array([3, 2]), "mentee_seniority": np.array([1, 1]),
        "mentor_rank": np.array([12, 9]), "mentee_rank": np.array([8, 8]),
        "mentor_unit": np.array([1, 2]), "mentee_unit": np.array([1, 5]),
        "mentor_family": np.array([7, -1]), "mentee_family": np.array([7, -1]),
        "mentor_person": np.array([100, 101]), "mentee_person": np.array([200, 201]),
    }
    base.update(overrides)
    return Profiles(**base)


def test_it_only_pairs_mentors_one_level_above_the_requirement():
    pairs = candidate_pairs(_profiles())
    found = {(int(m), int(e)): int(c) for m, e, c in zip(pairs.mentor, pairs.mentee, pairs.covered, strict=True)}
    # mentee 0 needs level 2 (gap 1 on the first competency): mentor 0 (level 3) qualifies, mentor 1 (2) not.
    assert found[(0, 0)] == 1 and (1, 0) not in found
    # mentee 1 needs level 1 on both, current 0: both mentors qualify and cover 2 levels.
    assert found[(0, 1)] == 2 and found[(1, 1)] == 2


def test_it_gives_bonuses_for_the_same_unit_and_job_family():
    pairs = candidate_pairs(_profiles(), Weights(gap=100, same_unit=10, same_family=5))
    first = int(np.flatnonzero((pairs.mentor == 0) & (pairs.mentee == 0))[0])
    assert pairs.score[first] == 100 + 10 + 5
    assert pairs.same_unit[first] and pairs.same_family[first]


def test_it_requires_seniority_and_never_pairs_someone_with_themself():
    junior = _profiles(mentor_seniority=np.array([1, 1]), mentor_rank=np.array([8, 8]))
    assert candidate_pairs(junior).mentor.size == 0
    same = _profiles(mentee_person=np.array([100, 101]))
    pairs = candidate_pairs(same)
    assert not any(int(m) == int(e) for m, e in zip(pairs.mentor, pairs.mentee, strict=True))


def test_it_keeps_only_the_best_candidates_when_pruning():
    pairs = candidate_pairs(_profiles(), max_per_mentee=1)
    assert pairs.pruned
    assert np.bincount(pairs.mentee).max() == 1
