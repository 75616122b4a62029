"""Competency gaps, JPM, performance gap and need priority: pure, vectorised maths (numpy, no Django).

Arrays are employees × competencies. A required level of 0 means "not in the standard"; a current level of
NaN means "not assessed". Every threshold and weight is a parameter so that BKPSDM can change it (DOMAIN.md).

Formulas (explained to users on the results page and in docs/panduan/analisis-kebutuhan.md):

- gap = max(required − current, 0) per competency, for the current position and for the next position
  (PP 11/2017 Pasal 206: the gap is measured against the current and the next position). A competency that
  was not assessed counts as current level 0, so its gap is the required level: no evidence, no credit.
- JPM (job–person match, %) = Σ min(current, required) / Σ required × 100 over the assessed competencies of
  the standard; capped at 100 by construction (exceeding a standard earns nothing). NaN when nothing to measure.
- JPM band (Peraturan BRIN 3/2023 Pasal 33): ≥ 90 optimal, 78–< 90 cukup optimal, < 78 kurang optimal.
- performance gap: the SKP predicate (PermenPANRB 6/2022) mapped to [0, 1] by an editable table.
- DIF importance: Difficulty, Importance, Frequency rated 1 (low) … 3 (high), scaled to [0, 1] as
  (D + I + F − 3) / 6.
- priority (0–100) = 100 × (w_gap·gap/4 + w_importance·dif + w_performance·perf_gap + w_next·next_gap/4) / Σw,
  0 where neither gap exists. Gaps are divided by 4, the largest possible gap on the 1–5 scale.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

MAX_GAP = 4.0  # level 5 required, level 1 held

OPTIMAL = "optimal"
FAIRLY_OPTIMAL = "cukup_optimal"
NOT_OPTIMAL = "kurang_optimal"
UNMEASURED = ""

#: Peraturan BRIN 3/2023 Pasal 33 (DOMAIN.md): lower bounds of the "optimal" and "cukup optimal" bands.
DEFAULT_BAND_THRESHOLDS = (90.0, 78.0)

#: SKP predicate → performance gap in [0, 1]. UNVERIFIED (no regulation gives numbers): an editable default.
DEFAULT_PERFORMANCE_GAP: dict[str, float] = {
    "sangat_baik": 0.0,
    "baik": 0.25,
    "butuh_perbaikan": 0.5,
    "kurang": 0.75,
    "sangat_kurang": 1.0,
}
#: Performance gap of an employee without an SKP record: neutral ("baik"), not punished, not rewarded.
DEFAULT_MISSING_PERFORMANCE_GAP = 0.25


@dataclass(frozen=True)
class Weights:
    """Weights of the priority score (non-negative; they are normalised by their sum)."""

    gap: float = 0.4
    importance: float = 0.25
    performance: float = 0.15
    next_position: float = 0.2

    def normalised(self) -> tuple[float, float, float, float]:
        values = (self.gap, self.importance, self.performance, self.next_position)
        if any(v < 0 for v in values):
            raise ValueError("weights must be non-negative")
        total = sum(values)
        if total <= 0:
            raise ValueError("at least one weight must be positive")
        return (values[0] / total, values[1] / total, values[2] / total, values[3] / total)


def _as_float(a: npt.ArrayLike) -> FloatArray:
    return np.asarray(a, dtype=np.float64)


def gaps(required: npt.ArrayLike, current: npt.ArrayLike) -> FloatArray:
    """max(required − current, 0); unassessed (NaN) current counts as 0; not required (0) gives 0."""
    req = _as_float(required)
    cur = np.nan_to_num(_as_float(current), nan=0.0)
    return np.where(req > 0, np.maximum(req - cur, 0.0), 0.0)


def jpm(required: npt.ArrayLike, current: npt.ArrayLike) -> FloatArray:
    """JPM % per row over assessed competencies of the standard, in [0, 100]; NaN when none was assessed."""
    req = _as_float(required)
    cur = _as_float(current)
    measured = (req > 0) & ~np.isnan(cur)
    matched = np.where(measured, np.minimum(np.nan_to_num(cur, nan=0.0), req), 0.0).sum(axis=-1)
    total = np.where(measured, req, 0.0).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        result = np.where(total > 0, matched / np.where(total > 0, total, 1.0) * 100.0, np.nan)
    return np.minimum(result, 100.0)


def jpm_band(value: float, thresholds: Sequence[float] = DEFAULT_BAND_THRESHOLDS) -> str:
    """The JPM band of one value (Peraturan BRIN 3/2023 Pasal 33)."""
    if value is None or np.isnan(value):
        return UNMEASURED
    optimal, fair = thresholds
    if value >= optimal:
        return OPTIMAL
    if value >= fair:
        return FAIRLY_OPTIMAL
    return NOT_OPTIMAL


def jpm_bands(values: npt.ArrayLike, thresholds: Sequence[float] = DEFAULT_BAND_THRESHOLDS) -> list[str]:
    return [jpm_band(float(v), thresholds) for v in np.ravel(_as_float(values))]


def performance_gap(
    predicates: Sequence[str | None],
    mapping: Mapping[str, float] | None = None,
    missing: float = DEFAULT_MISSING_PERFORMANCE_GAP,
) -> FloatArray:
    """Performance gap in [0, 1] per employee from the SKP predicate; unknown or missing → `missing`."""
    table = DEFAULT_PERFORMANCE_GAP if mapping is None else mapping
    values = [table.get(p, missing) if p else missing for p in predicates]
    return np.clip(_as_float(values), 0.0, 1.0) if values else np.zeros(0)


def dif_score(difficulty: npt.ArrayLike, importance: npt.ArrayLike, frequency: npt.ArrayLike) -> FloatArray:
    """DIF ratings 1 (low) … 3 (high) → importance in [0, 1]."""
    total = _as_float(difficulty) + _as_float(importance) + _as_float(frequency)
    return np.clip((total - 3.0) / 6.0, 0.0, 1.0)


def priority(
    gap: npt.ArrayLike,
    importance: npt.ArrayLike,
    performance: npt.ArrayLike,
    next_gap: npt.ArrayLike,
    weights: Weights = Weights(),
) -> FloatArray:
    """Priority 0–100 of each need; broadcasts (e.g. gap E×K, importance K, performance E×1).

    Monotone non-decreasing in every input; 0 where there is neither a current nor a next-position gap
    (a competency already at standard is not a need, whatever its importance).
    """
    w_gap, w_imp, w_perf, w_next = weights.normalised()
    g = np.clip(_as_float(gap) / MAX_GAP, 0.0, 1.0)
    n = np.clip(_as_float(next_gap) / MAX_GAP, 0.0, 1.0)
    imp = np.clip(_as_float(importance), 0.0, 1.0)
    perf = np.clip(_as_float(performance), 0.0, 1.0)
    score = 100.0 * (w_gap * g + w_imp * imp + w_perf * perf + w_next * n)
    return np.where((g > 0) | (n > 0), np.round(score, 2), 0.0)


def round_half_up(values: npt.ArrayLike) -> FloatArray:
    """2.5 → 3 (not numpy's banker's 2): the rule people expect for a level; NaN stays NaN."""
    return np.floor(_as_float(values) + 0.5)


def combine_levels(levels: npt.ArrayLike, weights: npt.ArrayLike) -> FloatArray:
    """Weighted mean over the last axis (sources) of the levels present (NaN = missing), rounded half up
    and clipped to 1–5; NaN where no source with a positive weight gave a level.

    The weights are renormalised over the sources present, so a missing peer rating does not pull down.
    """
    lv = _as_float(levels)
    w = np.broadcast_to(_as_float(weights), lv.shape)
    present = ~np.isnan(lv) & (w > 0)
    wsum = np.where(present, w, 0.0).sum(axis=-1)
    total = np.where(present, np.nan_to_num(lv, nan=0.0) * w, 0.0).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(wsum > 0, total / np.where(wsum > 0, wsum, 1.0), np.nan)
    return np.clip(round_half_up(mean), 1.0, 5.0)


def disagreement(self_levels: npt.ArrayLike, supervisor_levels: npt.ArrayLike, threshold: int = 2) -> npt.NDArray:
    """True where self and supervisor ratings differ by `threshold` levels or more (both present)."""
    s = _as_float(self_levels)
    v = _as_float(supervisor_levels)
    with np.errstate(invalid="ignore"):
        return ~np.isnan(s) & ~np.isnan(v) & (np.abs(s - v) >= threshold)
