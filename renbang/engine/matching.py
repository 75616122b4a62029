"""Optimal mentor–mentee matching: a capacitated min-cost flow solved by OR-Tools' SimpleMinCostFlow.

Pure numpy + OR-Tools, no Django. (Never import highspy next to ortools: the two cannot share a process.)

The model (one mentor per mentee, at most `capacity` mentees per mentor):

    source ──cap=capacity[m], cost 0──▶ mentor m ──cap 1, cost −score[m,e]──▶ mentee e ──cap 1──▶ sink
    source ─────────────────────────── bypass, cap = total supply, cost 0 ───────────────────────▶ sink

The source supplies min(Σ capacity, #mentees) units; the bypass arc absorbs whatever is not worth matching,
so the minimum-cost flow is exactly a maximum-weight b-matching (integral, because the network matrix is
totally unimodular). Locked pairs are fixed first (their mentor loses one unit of capacity, their mentee
leaves the pool); the optimum is then computed around them.

Scores are integers: `gap` points per level of competency gap the mentor can cover, plus bonuses for the
same unit and the same job family (weights are the caller's, kept editable in the app).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

__all__ = [
    "CandidatePairs",
    "MatchingInput",
    "MatchingResult",
    "Profiles",
    "Weights",
    "candidate_pairs",
    "solve_matching",
]


@dataclass(frozen=True)
class Weights:
    """Integer score weights: per level of gap covered, and bonuses for the same unit / job family."""

    gap: int = 100
    same_unit: int = 10
    same_family: int = 5
    succession: int = 0  # bonus of a `transfer` pair (a retiring holder and their successor); 0 = off


@dataclass(frozen=True)
class Profiles:
    """Mentors (M) and mentees (N) over C competencies of a mentoring programme.

    Levels are 1–5; 0 means unknown (mentor) or not required (mentee). Ranks are ordinal (−1 = unknown or
    not comparable, e.g. PPPK vs PNS); seniority is the position scale of org.SENIORITY. Units and job
    families are integer ids (−1 = none). `*_person` ids exclude pairing someone with themself.
    """

    mentor_level: np.ndarray  # (M, C)
    mentee_required: np.ndarray  # (N, C)
    mentee_current: np.ndarray  # (N, C)
    mentor_seniority: np.ndarray  # (M,)
    mentee_seniority: np.ndarray  # (N,)
    mentor_rank: np.ndarray  # (M,)
    mentee_rank: np.ndarray  # (N,)
    mentor_unit: np.ndarray  # (M,)
    mentee_unit: np.ndarray  # (N,)
    mentor_family: np.ndarray  # (M,)
    mentee_family: np.ndarray  # (N,)
    mentor_person: np.ndarray  # (M,)
    mentee_person: np.ndarray  # (N,)


@dataclass(frozen=True)
class CandidatePairs:
    """Eligible pairs with their score and the parts of it (for the reason shown to users)."""

    mentor: np.ndarray  # (P,) index into mentors
    mentee: np.ndarray  # (P,) index into mentees
    score: np.ndarray  # (P,) int64 > 0
    covered: np.ndarray  # (P,) levels of gap covered
    same_unit: np.ndarray  # (P,) bool
    same_family: np.ndarray  # (P,) bool
    pruned: bool = False  # True when only the best `max_per_mentee` mentors per mentee were kept


@dataclass(frozen=True)
class MatchingInput:
    mentor_capacity: np.ndarray  # (M,) int ≥ 0
    n_mentees: int
    pair_mentor: np.ndarray  # (P,) int
    pair_mentee: np.ndarray  # (P,) int
    pair_score: np.ndarray  # (P,) int, > 0 for useful pairs
    locked: np.ndarray | None = None  # (P,) bool: pairs that must be kept


@dataclass(frozen=True)
class MatchingResult:
    chosen: np.ndarray  # indices into the pair arrays, sorted
    total_score: int
    status: str = "optimal"
    notes: list[str] = field(default_factory=list)


def candidate_pairs(
    profiles: Profiles,
    weights: Weights = Weights(),
    *,
    max_per_mentee: int | None = None,
    chunk: int = 256,
    transfer: tuple[np.ndarray, np.ndarray] | None = None,
) -> CandidatePairs:
    """Every eligible (mentor, mentee) pair with its integer score.

    Eligible: the mentor's level is at least the mentee's required level + 1 on a competency where the mentee
    has a gap (the mentor then covers that whole gap), the mentor is senior in rank or in position, and they
    are different people. With `max_per_mentee`, only each mentee's best candidates are kept (for very large
    programmes: the result is then optimal over those candidates, not over all pairs).
    `transfer` = (mentor indices, mentee indices) of knowledge-transfer pairs (a holder who retires and their
    successor): with `weights.succession` > 0 they earn that bonus and are eligible without a gap to cover.
    """
    m_level = np.asarray(profiles.mentor_level, dtype=np.int16)
    req = np.asarray(profiles.mentee_required, dtype=np.int16)
    cur = np.asarray(profiles.mentee_current, dtype=np.int16)
    gap = np.where(req > 0, np.maximum(req - cur, 0), 0).astype(np.int32)  # (N, C)
    n_mentors, n_mentees = m_level.shape[0], req.shape[0]
    out: dict[str, list[np.ndarray]] = {k: [] for k in ("mentor", "mentee", "score", "covered", "unit", "fam")}
    m_rank = np.asarray(profiles.mentor_rank)
    m_sen = np.asarray(profiles.mentor_seniority)
    m_unit, m_fam = np.asarray(profiles.mentor_unit), np.asarray(profiles.mentor_family)
    m_person = np.asarray(profiles.mentor_person)
    for start in range(0, n_mentees, chunk):
        stop = min(start + chunk, n_mentees)
        g = gap[start:stop]  # (n, C)
        # covers[e, m, c]: the mentor stands at least one level above what the mentee needs.
        covers = m_level[None, :, :] >= (req[start:stop, None, :] + 1)
        covered = np.einsum("nmc,nc->nm", covers, g, dtype=np.int32, optimize=False)  # (n, M)
        e_rank = np.asarray(profiles.mentee_rank[start:stop])[:, None]
        senior = ((m_rank[None, :] > e_rank) & (m_rank[None, :] >= 0) & (e_rank >= 0)) | (
            m_sen[None, :] > np.asarray(profiles.mentee_seniority[start:stop])[:, None]
        )
        not_self = m_person[None, :] != np.asarray(profiles.mentee_person[start:stop])[:, None]
        ok = (covered > 0) & senior & not_self
        e_unit = np.asarray(profiles.mentee_unit[start:stop])[:, None]
        e_fam = np.asarray(profiles.mentee_family[start:stop])[:, None]
        same_unit = (m_unit[None, :] == e_unit) & (e_unit >= 0)
        same_fam = (m_fam[None, :] == e_fam) & (e_fam >= 0)
        score = covered.astype(np.int64) * weights.gap + same_unit * weights.same_unit + same_fam * weights.same_family
        if transfer is not None and weights.succession > 0:
            t_m, t_e = (np.asarray(a, dtype=np.int64) for a in transfer)
            inside = (t_e >= start) & (t_e < stop)
            bonus = np.zeros_like(covered)
            bonus[t_e[inside] - start, t_m[inside]] = weights.succession
            ok |= (bonus > 0) & not_self
            score = score + bonus
        score = np.where(ok, score, 0)
        if max_per_mentee is not None and max_per_mentee < n_mentors:
            keep = np.argpartition(-score, max_per_mentee - 1, axis=1)[:, :max_per_mentee]
            mask = np.zeros_like(ok)
            np.put_along_axis(mask, keep, True, axis=1)
            ok &= mask
        rows, cols = np.nonzero(ok)
        out["mentee"].append(rows + start)
        out["mentor"].append(cols)
        out["score"].append(score[rows, cols])
        out["covered"].append(covered[rows, cols])
        out["unit"].append(same_unit[rows, cols])
        out["fam"].append(same_fam[rows, cols])

    def cat(key: str, dtype) -> np.ndarray:
        return np.concatenate(out[key]).astype(dtype) if out[key] else np.zeros(0, dtype=dtype)

    return CandidatePairs(
        mentor=cat("mentor", np.int64),
        mentee=cat("mentee", np.int64),
        score=cat("score", np.int64),
        covered=cat("covered", np.int64),
        same_unit=cat("unit", bool),
        same_family=cat("fam", bool),
        pruned=max_per_mentee is not None and max_per_mentee < n_mentors,
    )


def solve_matching(problem: MatchingInput) -> MatchingResult:
    """The maximum-total-score assignment (each mentee ≤ 1 mentor, each mentor ≤ capacity), keeping locks."""
    cap = np.asarray(problem.mentor_capacity, dtype=np.int64).copy()
    pm = np.asarray(problem.pair_mentor, dtype=np.int64)
    pe = np.asarray(problem.pair_mentee, dtype=np.int64)
    score = np.asarray(problem.pair_score, dtype=np.int64)
    n_mentors, n_mentees, n_pairs = cap.shape[0], int(problem.n_mentees), pm.shape[0]
    if not (pe.shape[0] == n_pairs == score.shape[0]):
        raise ValueError("pair arrays must have the same length")
    if n_pairs and (pm.min() < 0 or pm.max() >= n_mentors or pe.min() < 0 or pe.max() >= n_mentees):
        raise ValueError("pair index out of range")
    if (cap < 0).any():
        raise ValueError("capacity must be non-negative")
    locked = np.zeros(n_pairs, dtype=bool) if problem.locked is None else np.asarray(problem.locked, dtype=bool)
    locked_idx = np.flatnonzero(locked)
    if np.unique(pe[locked_idx]).shape[0] != locked_idx.shape[0]:
        raise ValueError("a mentee is locked to more than one mentor")
    used = np.bincount(pm[locked_idx], minlength=n_mentors)
    if (used > cap).any():
        raise ValueError("locked pairs exceed a mentor's capacity")
    cap -= used
    taken = np.zeros(n_mentees, dtype=bool)
    taken[pe[locked_idx]] = True

    free = np.flatnonzero(~locked & ~taken[pe] & (score > 0) & (cap[pm] > 0))
    chosen_free = np.zeros(0, dtype=np.int64)
    if free.size:
        chosen_free = _min_cost_flow(cap, n_mentees, pm[free], pe[free], score[free])
        chosen_free = free[chosen_free]
    chosen = np.sort(np.concatenate([locked_idx, chosen_free]))
    return MatchingResult(chosen=chosen, total_score=int(score[chosen].sum()))


def _min_cost_flow(cap: np.ndarray, n_mentees: int, pm: np.ndarray, pe: np.ndarray, score: np.ndarray) -> np.ndarray:
    """Indices (into pm/pe) of the pairs carrying flow in the optimal flow."""
    n_mentors = cap.shape[0]
    source, sink = n_mentors + n_mentees, n_mentors + n_mentees + 1
    mentors = np.unique(pm)
    mentees = np.unique(pe)
    supply = int(min(cap[mentors].sum(), mentees.shape[0]))
    if supply == 0:
        return np.zeros(0, dtype=np.int64)
    tails = np.concatenate(
        [
            pm,  # mentor → mentee
            np.full(mentors.shape[0], source),
            mentees + n_mentors,
            [source],
        ]
    ).astype(np.int32)
    heads = np.concatenate(
        [
            pe + n_mentors,
            mentors,
            np.full(mentees.shape[0], sink),
            [sink],
        ]
    ).astype(np.int32)
    capacities = np.concatenate(
        [
            np.ones(pm.shape[0]),
            cap[mentors],
            np.ones(mentees.shape[0]),
            [supply],
        ]
    ).astype(np.int64)
    costs = np.concatenate(
        [
            -score,
            np.zeros(mentors.shape[0]),
            np.zeros(mentees.shape[0]),
            [0],
        ]
    ).astype(np.int64)
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    flow.set_nodes_supplies(np.array([source, sink], dtype=np.int32), np.array([supply, -supply], dtype=np.int64))
    status = flow.solve()
    if status != flow.OPTIMAL:  # cannot happen for this network (the bypass keeps it feasible)
        raise RuntimeError(f"min-cost flow failed with status {status}")
    flows = flow.flows(arcs[: pm.shape[0]])
    return np.flatnonzero(flows > 0).astype(np.int64)
