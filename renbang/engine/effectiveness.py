"""Evaluation statistics: low-benefit share with uncertainty, the review flag, shrunk effectiveness, normalised
gain. Pure and vectorised (numpy + scipy, no Django); every threshold is a parameter (BKPSDM edits them in the
evaluation settings).

Formulas (explained to users in docs/panduan/evaluasi.md):

- Low-benefit share (L1): k of n respondents rated the benefit at or below the "low" score (default ≤ 2 on the
  1–5 scale). Its uncertainty is the **Wilson score interval** (Wilson 1927) at confidence level 1 − α:
  centre = (p̂ + z²/2n) / (1 + z²/n), half width = z·√(p̂(1 − p̂)/n + z²/4n²) / (1 + z²/n), with z the normal
  quantile. Unlike p̂ ± z·se it stays inside [0, 1] and does not collapse to a width of 0 when k = 0 or k = n.
- **Flag** a programme for review when n ≥ min_responses (default 10) and the Wilson *lower* bound of the
  low-benefit share exceeds the threshold (default 0.30): "even in the most favourable reading of the data, more
  than 30 % of the participants got little out of it". Few respondents therefore never raise a flag.
- **Normalised gain** (L2, Hake 1998): g = (post − pre) / (max − pre). Per participant it is undefined when
  pre = max (no room to gain): such rows are left out (NaN) and counted as "at the ceiling". The class gain is
  ⟨g⟩ = (mean post − mean pre) / (max − mean pre) over the rows that have both scores.
- **Measured effectiveness** of a programme is the evidence of the levels it has, each mapped to [0, 1]:
  L1 benefit (score − 1) / 4, L2 gain clipped to [0, 1], L3 "applied" share (yes = 1, partly = ½, no = 0).
  They are pooled as a weighted mean over observations: x̄ = Σ_l w_l n_l x̄_l / Σ_l w_l n_l, with the number of
  observations n = Σ_l n_l.
- **Shrinkage** (empirical Bayes / credibility, the Beta–binomial posterior mean): the estimate is pulled towards
  the prior μ₀ (the method's default effectiveness from the catalogue) with the weight of m pseudo-observations
  (prior strength, default 10): θ̂ = (n·x̄ + m·μ₀) / (n + m). With n = 0 it is μ₀; as n grows it tends to x̄.
  Its credible interval is that of the Beta(θ̂·(n + m), (1 − θ̂)·(n + m)) posterior, so small samples keep wide
  intervals and never look certain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import stats

FloatArray = npt.NDArray[np.float64]

DEFAULT_CONFIDENCE = 0.95
DEFAULT_MIN_RESPONSES = 10
DEFAULT_THRESHOLD = 0.30
DEFAULT_LOW_SCORE = 2  # benefit 1 or 2 on the 1–5 scale counts as "little benefit"
DEFAULT_PRIOR_STRENGTH = 10.0
LIKERT_MIN, LIKERT_MAX = 1, 5


def z_value(confidence: float = DEFAULT_CONFIDENCE) -> float:
    """Two-sided normal quantile for a confidence level in (0, 1), e.g. 0.95 → 1.96."""
    if not 0.0 < confidence < 1.0:
        raise ValueError("confidence must be in (0, 1)")
    return float(stats.norm.ppf(0.5 + confidence / 2.0))


def wilson_interval(k, n, confidence: float = DEFAULT_CONFIDENCE) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(point k/n, lower, upper) of the Wilson score interval, elementwise. n = 0 gives (NaN, 0, 1)."""
    k = np.asarray(k, dtype=np.float64)
    n = np.asarray(n, dtype=np.float64)
    if np.any(k < 0) or np.any(n < 0) or np.any(k > n):
        raise ValueError("need 0 <= k <= n")
    z = z_value(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(n > 0, k / np.where(n > 0, n, 1.0), np.nan)
        safe_n = np.where(n > 0, n, 1.0)
        denom = 1.0 + z * z / safe_n
        centre = (p + z * z / (2.0 * safe_n)) / denom
        half = z * np.sqrt(np.maximum(p * (1.0 - p) / safe_n + z * z / (4.0 * safe_n * safe_n), 0.0)) / denom
        lower = np.where(n > 0, np.clip(centre - half, 0.0, 1.0), 0.0)
        upper = np.where(n > 0, np.clip(centre + half, 0.0, 1.0), 1.0)
    # Float rounding must never put the point outside its own interval.
    lower = np.where(n > 0, np.minimum(lower, p), lower)
    upper = np.where(n > 0, np.maximum(upper, p), upper)
    return p, lower, upper


def flag_low_benefit(
    k_low,
    n,
    *,
    min_responses: int = DEFAULT_MIN_RESPONSES,
    threshold: float = DEFAULT_THRESHOLD,
    confidence: float = DEFAULT_CONFIDENCE,
) -> npt.NDArray[np.bool_]:
    """True where n ≥ min_responses and the Wilson lower bound of k_low/n exceeds `threshold`."""
    n_arr = np.asarray(n, dtype=np.float64)
    _p, lower, _u = wilson_interval(k_low, n_arr, confidence)
    return (n_arr >= min_responses) & (lower > threshold)


def beta_interval(mean, strength, confidence: float = DEFAULT_CONFIDENCE) -> tuple[FloatArray, FloatArray]:
    """Equal-tailed credible interval of Beta(mean·strength, (1 − mean)·strength), elementwise.

    Means at exactly 0 or 1 are nudged inside by 1e-9 so that the Beta distribution exists.
    """
    mean = np.clip(np.asarray(mean, dtype=np.float64), 1e-9, 1 - 1e-9)
    strength = np.maximum(np.asarray(strength, dtype=np.float64), 1e-9)
    a, b = mean * strength, (1.0 - mean) * strength
    tail = (1.0 - confidence) / 2.0
    lower = stats.beta.ppf(tail, a, b)
    upper = stats.beta.ppf(1.0 - tail, a, b)
    return np.minimum(lower, mean), np.maximum(upper, mean)


def shrink(observed, n, prior, prior_strength: float = DEFAULT_PRIOR_STRENGTH) -> FloatArray:
    """θ̂ = (n·x̄ + m·μ₀)/(n + m); where n = 0 (or x̄ is NaN) the prior itself."""
    observed = np.asarray(observed, dtype=np.float64)
    n = np.asarray(n, dtype=np.float64)
    prior = np.asarray(prior, dtype=np.float64)
    if prior_strength < 0 or np.any(n < 0):
        raise ValueError("prior strength and n must be >= 0")
    x = np.where(np.isnan(observed) | (n <= 0), 0.0, observed)
    n = np.where(np.isnan(observed), 0.0, n)
    total = n + prior_strength
    with np.errstate(divide="ignore", invalid="ignore"):
        # prior + share * (x - prior): stays between the two even where a subnormal strength would round
        # (n*x + m*prior) / (n + m) above both (m = 5e-324, n = 0 gave 1.0 for a prior of 0.75).
        share = np.where(total > 0, n / np.where(total > 0, total, 1.0), 0.0)
        value = prior + share * (x - prior)
    return value


@dataclass(frozen=True)
class Estimate:
    """Shrunk effectiveness with its credible interval and the evidence behind it (arrays, one per item)."""

    observed: FloatArray  # pooled evidence x̄ in [0, 1], NaN without any
    n: FloatArray  # observations behind x̄
    value: FloatArray  # θ̂, pulled towards the prior
    lower: FloatArray
    upper: FloatArray


def shrunk_effectiveness(
    observed, n, prior, *, prior_strength: float = DEFAULT_PRIOR_STRENGTH, confidence: float = DEFAULT_CONFIDENCE
) -> Estimate:
    """θ̂ and its Beta credible interval with n + m as the posterior's strength (see the module docstring)."""
    observed = np.asarray(observed, dtype=np.float64)
    n = np.where(np.isnan(observed), 0.0, np.asarray(n, dtype=np.float64))
    value = shrink(observed, n, prior, prior_strength)
    lower, upper = beta_interval(value, n + prior_strength, confidence)
    return Estimate(observed=observed, n=n, value=value, lower=lower, upper=upper)


def pool_levels(level_means: Sequence, level_counts: Sequence, weights: Sequence) -> tuple[FloatArray, FloatArray]:
    """Pool per-level evidence: means and counts are (levels, items) arrays; weights one per level.

    Returns (x̄, n) per item: the observation-and-weight-weighted mean of the levels that have data (NaN where
    none has), and the number of observations n = Σ n_l. A level with weight 0 counts neither.
    """
    means = np.atleast_2d(np.asarray(level_means, dtype=np.float64))
    counts = np.atleast_2d(np.asarray(level_counts, dtype=np.float64))
    w = np.asarray(weights, dtype=np.float64).reshape(-1, 1)
    if np.any(w < 0):
        raise ValueError("weights must be >= 0")
    has = ~np.isnan(means) & (counts > 0) & (w > 0)
    wn = np.where(has, w * counts, 0.0)
    total = wn.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = np.where(
            total > 0, (wn * np.where(has, means, 0.0)).sum(axis=0) / np.where(total > 0, total, 1), np.nan
        )
    n = np.where(has, counts, 0.0).sum(axis=0)
    return pooled, n


def likert_to_unit(score) -> FloatArray:
    """A 1–5 score mapped to [0, 1]: (score − 1) / 4."""
    return (np.asarray(score, dtype=np.float64) - LIKERT_MIN) / (LIKERT_MAX - LIKERT_MIN)


def normalised_gain(pre, post, maximum) -> FloatArray:
    """Hake's g per row, (post − pre)/(max − pre); NaN where pre ≥ max (no room to gain) or a score is missing.

    Scores outside [0, max] raise ValueError (the importer refuses them before they get here).
    """
    pre = np.asarray(pre, dtype=np.float64)
    post = np.asarray(post, dtype=np.float64)
    maximum = np.broadcast_to(np.asarray(maximum, dtype=np.float64), np.broadcast(pre, post).shape)
    if np.any(maximum <= 0):
        raise ValueError("maximum must be > 0")
    ok = ~np.isnan(pre) & ~np.isnan(post)
    if np.any((pre[ok] < 0) | (post[ok] < 0) | (pre[ok] > maximum[ok]) | (post[ok] > maximum[ok])):
        raise ValueError("scores must be within [0, maximum]")
    room = maximum - pre
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(ok & (room > 0), (post - pre) / np.where(room > 0, room, 1.0), np.nan)


def class_gain(pre, post, maximum) -> float:
    """Hake's class-average ⟨g⟩ over rows with both scores; NaN without rows or when mean pre = max."""
    pre = np.asarray(pre, dtype=np.float64)
    post = np.asarray(post, dtype=np.float64)
    maximum = np.broadcast_to(np.asarray(maximum, dtype=np.float64), np.broadcast(pre, post).shape)
    ok = ~np.isnan(pre) & ~np.isnan(post)
    if not ok.any():
        return float("nan")
    # Scores on different maxima are compared as shares of their maximum.
    mean_pre = float(np.mean(pre[ok] / maximum[ok]))
    mean_post = float(np.mean(post[ok] / maximum[ok]))
    if mean_pre >= 1.0:
        return float("nan")
    return (mean_post - mean_pre) / (1.0 - mean_pre)


@dataclass(frozen=True)
class LikertSummary:
    n: int
    mean: float
    sd: float
    counts: tuple[int, ...]  # respondents per score 1..5
    low: int  # respondents at or below the low score
    low_share: float
    low_lower: float
    low_upper: float


def likert_summary(
    scores, *, low_score: int = DEFAULT_LOW_SCORE, confidence: float = DEFAULT_CONFIDENCE
) -> LikertSummary:
    """n, mean, sample sd, distribution and the low share with its Wilson interval of 1–5 scores."""
    values = np.asarray(scores, dtype=np.float64).ravel()
    values = values[~np.isnan(values)]
    if np.any((values < LIKERT_MIN) | (values > LIKERT_MAX)):
        raise ValueError("scores must be within 1..5")
    n = int(values.size)
    counts = tuple(int(c) for c in np.bincount(values.astype(np.int64), minlength=LIKERT_MAX + 1)[1:])
    low = int(np.count_nonzero(values <= low_score))
    p, lower, upper = wilson_interval(low, n, confidence)
    return LikertSummary(
        n=n,
        mean=float(values.mean()) if n else float("nan"),
        sd=float(values.std(ddof=1)) if n > 1 else float("nan"),
        counts=counts,
        low=low,
        low_share=float(p),
        low_lower=float(lower),
        low_upper=float(upper),
    )


def alternative_scores(coverage, lower, value) -> FloatArray:
    """Rank key for alternatives: the share of the flagged programme's competencies covered × the lower credible
    bound of the alternative's effectiveness (conservative: strong evidence beats a hopeful small sample), with the
    shrunk value as a small tie-breaker."""
    coverage = np.clip(np.asarray(coverage, dtype=np.float64), 0.0, 1.0)
    return coverage * np.asarray(lower, dtype=np.float64) + 1e-3 * coverage * np.asarray(value, dtype=np.float64)
