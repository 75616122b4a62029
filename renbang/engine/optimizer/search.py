"""Breadth-first branch and bound over many employees at once (numpy, level by level).

Each node is a set S of one employee's candidates (items in profit order, S extended only by items
after its last one). A child S+q is kept only if q's marginal profit given S is positive (submodularity:
a non-positive marginal stays non-positive in every superset, so q is useless below S) and if its
bound, profit(S+q) + the positive marginals given S of the items after q, beats the employee's best
plan found so far. Months: a child gives its new item the lowest free cheapest month; if there is none
the child is "unresolved" (its relaxed profit may not be reachable); such an employee is settled by the
exact scalar fallback, or bounded by that relaxed profit.
"""

from __future__ import annotations

import numpy as np

from .model import MONTHS

NODE_BATCH = 20_000


def vector_search(
    A: np.ndarray,
    gap: np.ndarray,
    weight: np.ndarray,
    jp: np.ndarray,
    price: np.ndarray,
    month_mask: np.ndarray,
    *,
    cap: np.ndarray,
    floor: np.ndarray,
    floor_weight: float,
    per_month: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Best reached profit per row, its item set (rows, k), months (rows, k), and `unresolved`.

    A: (rows, k, J) contributions; gap, weight: (rows, J); jp, price, month_mask: (rows, k).
    `unresolved` is the best relaxed profit of the sets whose months could not be given; when it is
    <= best the row is solved exactly, and max(best, unresolved) always bounds the row's optimum.
    """
    rows, k, J = A.shape
    limit = MONTHS * per_month
    best = np.zeros(rows)
    best_set = np.zeros((rows, k), bool)
    best_month = np.full((rows, k), -1, np.int64)
    unresolved = np.zeros(rows)
    node = root_frontier(rows, k, J)
    while len(node["row"]):
        children: list[dict[str, np.ndarray]] = []
        for lo in range(0, len(node["row"]), NODE_BATCH):
            nb = {key: val[lo : lo + NODE_BATCH] for key, val in node.items()}
            r = nb["row"]
            cover, f_new, jp_new, _marg, valid, _pos, after, profit = child_values(
                nb, A, gap, weight, jp, price, cap=cap, floor=floor, floor_weight=floor_weight, limit=limit
            )
            full = ((nb["load"] >= per_month) * (1 << np.arange(MONTHS))).sum(axis=1)
            avail = month_mask[r] & ~full[:, None]
            reached = valid & nb["ok"][:, None] & (avail != 0)

            # Best reached child per row.
            bit = avail & -avail
            month = np.log2(np.maximum(bit, 1)).astype(np.int64)
            record_best(r, reached, profit, month, nb["month"], best, best_set, best_month)
            lost = valid & ~reached
            if lost.any():
                ln, lq = np.nonzero(lost)
                np.maximum.at(unresolved, r[ln], profit[ln, lq])

            grow = valid & (after > 1e-12) & (profit + after > best[r][:, None] + 1e-12)
            gn, gq = np.nonzero(grow)
            if len(gn) == 0:
                continue
            children.append(grown(nb, gn, gq, reached[gn, gq], month[gn, gq], cover, jp_new, f_new, price))
        if not children:
            break
        node = {key: np.concatenate([c[key] for c in children]) for key in children[0]}
    return best, best_set, best_month, unresolved


def root_frontier(rows: int, k: int, J: int, **more: np.ndarray) -> dict[str, np.ndarray]:
    """The frontier of a search: one root (the empty set) per row, plus any `more` fields."""
    return {
        "row": np.arange(rows),
        "last": np.full(rows, -1),
        "cover": np.zeros((rows, J)),
        "jp": np.zeros(rows),
        "f": np.zeros(rows),
        "paid": np.zeros(rows),
        **more,
        "size": np.zeros(rows, np.int64),
        "load": np.zeros((rows, MONTHS), np.int16),
        "month": np.full((rows, k), -1, np.int8),
        "ok": np.ones(rows, bool),
    }


def child_values(nb, A, gap, weight, jp, price, *, cap, floor, floor_weight, limit):
    """Every (node, item) child of a batch of nodes: its cover, value, JP, marginal profit, whether it
    is a valid child (later item, positive marginal, within the cap and the month count), the positive
    marginals, the sum of those of later items, and its relaxed profit (items at their cheapest month)."""
    r = nb["row"]
    cover = nb["cover"][:, None, :] + A[r]
    f_new = (weight[r][:, None, :] * np.minimum(gap[r][:, None, :], cover)).sum(axis=2)
    jp_new = nb["jp"][:, None] + jp[r]
    f_new += floor_weight * np.minimum(jp_new, floor[r][:, None])
    marg = f_new - nb["f"][:, None] - price[r]
    valid = (np.arange(A.shape[1])[None, :] > nb["last"][:, None]) & (marg > 1e-12)
    valid &= (jp_new <= cap[r][:, None] + 1e-9) & (nb["size"] < limit)[:, None]
    pos = np.where(valid, marg, 0.0)
    after = np.cumsum(pos[:, ::-1], axis=1)[:, ::-1] - pos  # positive marginals of later items
    profit = (nb["f"] - nb["paid"])[:, None] + marg
    return cover, f_new, jp_new, marg, valid, pos, after, profit


def grown(nb, gn, gq, g_ok, g_month, cover, jp_new, f_new, price, **more) -> dict[str, np.ndarray]:
    """The children (node gn + item gq) that stay on the frontier; g_ok: the new item got month g_month."""
    g_month = np.where(g_ok, g_month, 0)
    load = nb["load"][gn].copy()
    load[np.arange(len(gn))[g_ok], g_month[g_ok]] += 1
    month = nb["month"][gn].copy()
    month[np.arange(len(gn)), gq] = np.where(g_ok, g_month, -1)
    return {
        "row": nb["row"][gn],
        "last": gq,
        "cover": cover[gn, gq],
        "jp": jp_new[gn, gq],
        "f": f_new[gn, gq],
        "paid": nb["paid"][gn] + price[nb["row"][gn], gq],
        **more,
        "size": nb["size"][gn] + 1,
        "load": load,
        "month": month,
        "ok": g_ok,
    }


def record_best(r, placed, value, month, node_month, best, best_set, best_month) -> None:
    """Each row's best placed child (`value`, its new item in `month`) replaces the row's best plan
    when it is better (ties: lowest node, then lowest item)."""
    cn, cq = np.nonzero(placed)
    if len(cn) == 0:
        return
    cp = value[cn, cq]
    order = np.lexsort((cq, cn, -cp, r[cn]))
    cn, cq, cp = cn[order], cq[order], cp[order]
    first = np.ones(len(cn), bool)
    first[1:] = r[cn[1:]] != r[cn[:-1]]
    cn, cq, cp = cn[first], cq[first], cp[first]
    win = cp > best[r[cn]] + 1e-12
    cn, cq, cp = cn[win], cq[win], cp[win]
    wr = r[cn]
    best[wr] = cp
    months = node_month[cn].astype(np.int64)
    months[np.arange(len(cq)), cq] = month[cn, cq]
    best_month[wr] = months
    best_set[wr] = months >= 0
