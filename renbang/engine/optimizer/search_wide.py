"""The search for employees with many candidates (open catalogues): `search.vector_search` made dearer
per node but able to settle rows of up to 64 candidates. Only employees with more than
`subproblem.WIDE_ABOVE` candidates come here; the rest keep the cheap search (Medan-shaped instances).

Breadth-first branch and bound over many employees at once (numpy, level by level).

Each node is a set S of one employee's candidates (items in profit order, S extended only by items
after its last one). A child S+q is kept only if q's marginal profit given S is positive (submodularity:
a non-positive marginal stays non-positive in every superset, so q is useless below S) and if its
bound beats the employee's best plan found so far (a greedy plan per employee seeds it).

Months: prices are "relaxed" (each item at its cheapest month). A child gives its new item the free
month of least extra cost over that cheapest one; with no extra the child's relaxed profit is reached
exactly. With an extra, the child is a real plan worth its relaxed profit minus the extras, and its
relaxed profit is recorded as "unresolved" (another month assignment might reach it); with no free
month at all the child is unresolved too. Such an employee is settled by the exact scalar fallback, or
bounded by that relaxed profit, which stays a valid bound for every set the search met.
"""

from __future__ import annotations

import numpy as np

from .model import MONTHS, Instance
from .search import child_values, grown, record_best, root_frontier

NODE_BATCH = 20_000
MAX_FRONTIER = 400_000  # nodes of one level; past it the rows with most nodes stop with a valid bound
FAST_FRONTIER = 4  # nodes per row and level in an inexact evaluation (the bound of cut rows stays valid)


def thin_floor_options(
    inst: Instance, emp: np.ndarray, prog: np.ndarray, pair: np.ndarray, price: np.ndarray, wide: np.ndarray
) -> np.ndarray:
    """Which candidate options (emp, prog, pair: -1 = floor-only, price) to search: all, except the
    floor-only options of `wide` employees beyond, per JP value j, the ceil(floor / j) cheapest (ties:
    lower programme index).

    Exact for the month-relaxed problem (each item at its cheapest month), which the searches bound:
    an optimal plan holding a left-out floor-only item q of JP j loses floor value without it (else
    dropping q, whose price is >= 0, is no worse), so the plan's other items have JP < floor and it
    holds fewer than ceil(floor / j) other items of JP j; one kept option of JP j is then not in the
    plan, and swapping q for it keeps JP, cap, month count and floor value, adds no less competency
    (>= 0 against q's 0) and costs no more. Repeating this gives an optimal plan of kept options only.
    Month-constrained plans are not covered: the exact fallback searches every option again.
    """
    keep = np.ones(len(emp), bool)
    sel = np.flatnonzero((pair < 0) & wide[emp])
    if len(sel) == 0:
        return keep
    e, p = emp[sel].astype(np.int64), prog[sel]
    jp = inst.prog_jp[p]
    order = np.lexsort((p, price[sel], jp, e))
    emp, jp, sel = e[order], jp[order], sel[order]
    new = np.ones(len(sel), bool)
    new[1:] = (emp[1:] != emp[:-1]) | (jp[1:] != jp[:-1])
    first = np.flatnonzero(new)
    rank = np.arange(len(sel)) - np.repeat(first, np.diff(np.append(first, len(sel))))
    allowed = np.ceil(inst.jp_floor[emp] / np.maximum(jp, 1e-9))
    keep[sel[rank >= allowed]] = False
    return keep


def month_extra(month_price: np.ndarray, best: np.ndarray) -> np.ndarray:
    """(rows, k, 12) seat price of each month on top of the programme's cheapest (inf = no session),
    from the month table's (rows, k, 12) prices and (rows, k) cheapest ones."""
    return np.where(np.isfinite(month_price), month_price - best[..., None], np.inf)


def knapsack_bound(value: np.ndarray, weight: np.ndarray, room: np.ndarray) -> np.ndarray:
    """Fractional knapsack per row: the most `value` (>= 0) that items of `weight` can bring within `room`.

    An upper bound on any subset that fits (its LP relaxation); items of zero weight always fit.
    """
    w = np.maximum(weight, 1e-9)
    order = np.argsort(-(value / w), axis=1, kind="stable")
    v, w = np.take_along_axis(value, order, axis=1), np.take_along_axis(w, order, axis=1)
    before = np.cumsum(w, axis=1) - w
    share = np.clip((np.maximum(room, 0.0)[:, None] - before) / w, 0.0, 1.0)
    return (v * share).sum(axis=1)


def _free_month(month_extra: np.ndarray, load: np.ndarray, per_month: int) -> tuple[np.ndarray, np.ndarray]:
    """For each (node, item) pair: the free month of least extra seat price (lowest month on ties), and
    that extra (inf where no month is free). month_extra: (..., 12); load: (..., 12), the node's."""
    extra = np.where(load < per_month, month_extra, np.inf)
    month = np.argmin(extra, axis=-1)
    return month, np.take_along_axis(extra, month[..., None], axis=-1)[..., 0]


def wide_search(
    A: np.ndarray,
    gap: np.ndarray,
    weight: np.ndarray,
    jp: np.ndarray,
    price: np.ndarray,
    month_extra: np.ndarray,
    *,
    cap: np.ndarray,
    floor: np.ndarray,
    floor_weight: float,
    per_month: int,
    max_frontier: int = MAX_FRONTIER,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Best reached profit per row, its item set (rows, k), months (rows, k), and `unresolved`.

    A: (rows, k, J) contributions; gap, weight: (rows, J); jp, price: (rows, k); `price` holds each
    item at its cheapest month, month_extra (rows, k, 12) what each month costs on top (inf = none).
    `unresolved` is the best relaxed profit of the sets whose months could not be given at no extra,
    or the best bound of a row whose search was cut (MAX_FRONTIER); when it is <= best the row is
    solved exactly, and max(best, unresolved) always bounds the row's optimum.

    Pruning: a node's children may add at most min(positive marginals of later items (submodularity),
    the best fractional JP knapsack of those marginals, the same for the competency part alone plus the
    JP floor still open, everything still open in the employee's needs (prices are >= 0)).
    """
    rows, k, J = A.shape
    limit = MONTHS * per_month
    # A greedy plan per row first: a good incumbent from the start prunes most of the tree.
    best, best_set, best_month = _greedy(
        A, gap, weight, jp, price, month_extra, cap=cap, floor=floor, floor_weight=floor_weight, per_month=per_month
    )
    unresolved = np.zeros(rows)
    node = root_frontier(rows, k, J, extra=np.zeros(rows))
    while len(node["row"]):
        children: list[dict[str, np.ndarray]] = []
        batch = max(1_000, NODE_BATCH * 16 // max(k, 16))  # bounded (nodes, k, J) temporaries
        for lo in range(0, len(node["row"]), batch):
            nb = {key: val[lo : lo + batch] for key, val in node.items()}
            r = nb["row"]
            cover, f_new, jp_new, marg, valid, pos, after, profit = child_values(
                nb, A, gap, weight, jp, price, cap=cap, floor=floor, floor_weight=floor_weight, limit=limit
            )
            floor_now = np.minimum(nb["jp"], floor[r])
            floor_gain = floor_weight * (np.minimum(jp_new, floor[r][:, None]) - floor_now[:, None])
            potential = profit + after
            # The dearer bounds only for nodes whose children the cheap one cannot prune.
            hard = np.flatnonzero((valid & (after > 1e-12) & (potential > best[r][:, None] + 1e-12)).any(axis=1))
            if len(hard):
                h = r[hard]
                room = cap[h] - nb["jp"][hard]
                open_floor = floor_weight * np.maximum(floor[h] - nb["jp"][hard], 0.0)
                open_value = (weight[h] * np.maximum(gap[h] - nb["cover"][hard], 0.0)).sum(axis=1)
                comp = np.where(valid[hard], np.maximum(marg[hard] - floor_gain[hard], 0.0), 0.0)
                top = -np.sort(-pos[hard], axis=1)
                n_left = np.clip(limit - nb["size"][hard], 0, k)
                counted = (top * (np.arange(k)[None, :] < n_left[:, None])).sum(axis=1)
                more = np.minimum.reduce(
                    [
                        knapsack_bound(pos[hard], jp[h], room),
                        counted,
                        knapsack_bound(comp, jp[h], room) + open_floor,
                        open_value + open_floor,
                    ]
                )
                potential[hard] = np.minimum(potential[hard], (nb["f"][hard] - nb["paid"][hard] + more)[:, None])
            vn, vq = np.nonzero(valid & nb["ok"][:, None])
            month = np.zeros(valid.shape, np.int64)
            extra = np.full(valid.shape, np.inf)
            if len(vn):
                month[vn, vq], extra[vn, vq] = _free_month(month_extra[r[vn], vq], nb["load"][vn], per_month)
            placed = valid & np.isfinite(extra)
            real = profit - nb["extra"][:, None] - np.where(placed, extra, 0.0)  # the plan's true profit

            # Best placed child per row.
            record_best(r, placed, real, month, nb["month"], best, best_set, best_month)
            lost = valid & ~(placed & (nb["extra"][:, None] + extra <= 0.0))
            if lost.any():
                ln, lq = np.nonzero(lost)
                np.maximum.at(unresolved, r[ln], profit[ln, lq])

            grow = valid & (after > 1e-12) & (potential > best[r][:, None] + 1e-12)
            gn, gq = np.nonzero(grow)
            if len(gn) == 0:
                continue
            g_ok = placed[gn, gq]
            g_extra = nb["extra"][gn] + np.where(g_ok, extra[gn, gq], 0.0)
            children.append(
                grown(
                    nb,
                    gn,
                    gq,
                    g_ok,
                    month[gn, gq],
                    cover,
                    jp_new,
                    f_new,
                    price,
                    extra=g_extra,
                    potential=potential[gn, gq],
                )
            )
        if not children:
            break
        node = {key: np.concatenate([c[key] for c in children]) for key in children[0]}
        if len(node["row"]) > max_frontier:
            # Stop the rows with the most nodes: each keeps its best plan and, as the bound of
            # what is left unsearched, the best potential of its remaining nodes.
            per_row = np.bincount(node["row"], minlength=rows)
            order = np.argsort(-per_row, kind="stable")
            over = np.cumsum(per_row[order]) > len(node["row"]) - max_frontier
            stop = np.zeros(rows, bool)
            stop[order[: int(np.argmax(over)) + 1]] = True
            cut = stop[node["row"]]
            np.maximum.at(unresolved, node["row"][cut], node["potential"][cut])
            node = {key: val[~cut] for key, val in node.items()}
        node.pop("potential")
    return best, best_set, best_month, unresolved


def _greedy(A, gap, weight, jp, price, month_extra, *, cap, floor, floor_weight, per_month):
    """Each row's greedy plan (best marginal true profit first, least-extra free month): (profit, set,
    months). Its profit is what the plan really earns at these prices."""
    rows, k, _ = A.shape
    cover = np.zeros(gap.shape)
    used = np.zeros(rows)
    f = np.zeros(rows)
    profit = np.zeros(rows)
    load = np.zeros((rows, MONTHS), np.int16)
    chosen = np.zeros((rows, k), bool)
    month = np.full((rows, k), -1, np.int64)
    live = np.arange(rows)
    for _ in range(min(k, MONTHS * per_month)):
        if len(live) == 0:
            break
        r = live
        f_new = (weight[r][:, None, :] * np.minimum(gap[r][:, None, :], cover[r][:, None, :] + A[r])).sum(axis=2)
        jp_new = used[r][:, None] + jp[r]
        f_new += floor_weight * np.minimum(jp_new, floor[r][:, None])
        m_best, extra = _free_month(month_extra[r], load[r][:, None, :], per_month)
        marg = f_new - f[r][:, None] - price[r] - extra
        ok = ~chosen[r] & (marg > 1e-12) & (jp_new <= cap[r][:, None] + 1e-9)
        score = np.where(ok, marg, -np.inf)
        q = np.argmax(score, axis=1)
        pos = np.flatnonzero(np.isfinite(score[np.arange(len(r)), q]))
        r, q = r[pos], q[pos]
        m = m_best[pos, q]
        cover[r] += A[r, q]
        used[r] = jp_new[pos, q]
        f[r] = f_new[pos, q]
        profit[r] += marg[pos, q]
        load[r, m] += 1
        chosen[r, q] = True
        month[r, q] = m
        live = r
    return profit, chosen, month
