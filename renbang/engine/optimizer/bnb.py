"""Depth-first branch and bound for one employee's local problem (the exact fallback).

Used for the few employees the vectorised enumeration cannot settle: too many candidates, or cheapest
months that collide. Months are priced exactly with an assignment problem (items x month slots).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from scipy.optimize import linear_sum_assignment

from .model import MONTHS

_BIG = 1e18
CLOCK_EVERY = 64  # nodes between two looks at the deadline


def month_cost(month_price: np.ndarray, items: list[int], per_month: int) -> tuple[float, list[int]]:
    """Cheapest seat cost of attending `items` with at most per_month sessions a month (inf if none)."""
    rows = month_price[items]
    cheapest = rows.argmin(axis=1)
    if np.bincount(cheapest, minlength=MONTHS).max(initial=0) <= per_month:
        return float(rows.min(axis=1).sum()), cheapest.tolist()
    slots = np.repeat(np.where(np.isfinite(rows), rows, _BIG), per_month, axis=1)
    r, c = linear_sum_assignment(slots)
    if (slots[r, c] >= _BIG).any():
        return np.inf, []
    months = np.empty(len(items), np.int64)
    months[r] = c // per_month
    return float(rows[np.arange(len(items)), months].sum()), months.tolist()


def solve_employee(
    *,
    A: np.ndarray,
    gap: np.ndarray,
    weight: np.ndarray,
    jp: np.ndarray,
    price: np.ndarray,
    month_price: np.ndarray,
    floor: float,
    floor_weight: float,
    cap: float,
    per_month: int,
    max_nodes: int,
    incumbent: tuple[float, list[tuple[int, int]]] = (0.0, []),
    deadline: float | None = None,
    timer: Callable[[], float] = time.perf_counter,
) -> tuple[float, float, list[tuple[int, int]]]:
    """Best profit f(S) - price(S) - seats(S) over subsets S of the k items (rows of A).

    A: (k, J) contribution of each item to each need; price: Rupiah price of each item;
    month_price: (k, 12) seat price per month (inf = no session that month).
    `incumbent` is a known plan (profit, picks) to beat: it prunes the search from the start.
    Returns (profit found, upper bound on the optimum, [(item, month index)]); the two numbers are equal
    unless the search was cut, by max_nodes or by `deadline` (a `timer()` reading). A cut search
    returns its best plan and, as the upper bound, the root's relaxed bound (valid for every plan).
    """
    k = len(jp)
    relaxed = price + month_price.min(axis=1)
    limit = MONTHS * per_month
    best_profit, best_picks = incumbent[0], list(incumbent[1])
    nodes = 0
    truncated = False

    def value(cover: np.ndarray, jp_sum: float) -> float:
        return float((weight * np.minimum(gap, cover)).sum() + floor_weight * min(jp_sum, floor))

    def bound(t: int, cover: np.ndarray, jp_sum: float, f: float, size: int) -> float:
        """Relaxed profits the remaining items can still add (submodular, so marginals add up at most)."""
        fits = np.flatnonzero(jp[t:] <= cap - jp_sum + 1e-9) + t
        if len(fits) == 0 or size >= limit:
            return 0.0
        gains = (weight * np.minimum(gap, cover + A[fits])).sum(axis=1) - (f - floor_weight * min(jp_sum, floor))
        gains += floor_weight * (np.minimum(jp_sum + jp[fits], floor) - min(jp_sum, floor))
        extra = np.sort(gains - relaxed[fits])[::-1]
        room = int((np.cumsum(np.sort(jp[fits])) <= cap - jp_sum + 1e-9).sum())
        extra = extra[: min(room, limit - size)]
        return float(extra[extra > 0].sum())

    def dfs(t: int, chosen: list[int], cover: np.ndarray, jp_sum: float, f: float, paid: float) -> None:
        nonlocal best_profit, best_picks, nodes, truncated
        nodes += 1
        if not truncated and (
            nodes > max_nodes or (deadline is not None and nodes % CLOCK_EVERY == 0 and timer() > deadline)
        ):
            truncated = True
        if t == k or truncated:
            return
        if f - paid + bound(t, cover, jp_sum, f, len(chosen)) <= best_profit + 1e-12:
            return
        if jp_sum + jp[t] <= cap + 1e-9 and len(chosen) < limit:
            items = [*chosen, t]
            cover2 = cover + A[t]
            f2 = value(cover2, jp_sum + jp[t])
            seats, months = month_cost(month_price, items, per_month)
            if np.isfinite(seats):  # a month-infeasible set has no feasible superset either
                profit = f2 - float(price[items].sum()) - seats
                if profit > best_profit + 1e-12:
                    best_profit, best_picks = profit, list(zip(items, months, strict=True))
                dfs(t + 1, items, cover2, jp_sum + jp[t], f2, paid + relaxed[t])
        dfs(t + 1, chosen, cover, jp_sum, f, paid)

    zero = np.zeros(A.shape[1])
    root_bound = bound(0, zero, 0.0, value(zero, 0.0), 0)
    dfs(0, [], zero, 0.0, value(zero, 0.0), 0.0)
    upper = max(best_profit, root_bound) if truncated else best_profit
    return best_profit, upper, best_picks
