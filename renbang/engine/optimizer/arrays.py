"""Sort-based set operations on integer keys.

numpy 2.x's default `np.unique` takes a hash-table path that is 10-50x slower than sorting for the
integer keys used here (measured: 1.7 s vs 0.03 s for 700,000 keys), so the engine uses these instead.
"""

from __future__ import annotations

import numpy as np


def unique(x: np.ndarray) -> np.ndarray:
    s = np.sort(x, kind="stable")
    return s[_starts(s)] if len(s) else s


def unique_inverse(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(sorted distinct values, index of each element's value)."""
    order = np.argsort(x, kind="stable")
    s = x[order]
    start = _starts(s)
    inverse = np.empty(len(x), np.int64)
    inverse[order] = np.cumsum(start) - 1
    return s[start], inverse


def unique_first(sorted_x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct values, index of first occurrence) of an already sorted array."""
    start = np.flatnonzero(_starts(sorted_x))
    return sorted_x[start], start


def unique_counts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    s = np.sort(x, kind="stable")
    start = np.flatnonzero(_starts(s))
    return s[start], np.diff(np.append(start, len(s)))


def _starts(s: np.ndarray) -> np.ndarray:
    out = np.ones(len(s), bool)
    out[1:] = s[1:] != s[:-1]
    return out
