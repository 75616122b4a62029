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
    items = np.arange(k)
    # The frontier: one root (empty set) per row.
    node = {
        "row": np.arange(rows),
        "last": np.full(rows, -1),
        "cover": np.zeros((rows, J)),
        "jp": np.zeros(rows),
        "f": np.zeros(rows),
        "paid": np.zeros(rows),
        "size": np.zeros(rows, np.int64),
        "load": np.zeros((rows, MONTHS), np.int16),
        "month": np.full((rows, k), -1, np.int8),
        "ok": np.ones(rows, bool),
    }
    while len(node["row"]):
        children: list[dict[str, np.ndarray]] = []
        for lo in range(0, len(node["row"]), NODE_BATCH):
            nb = {key: val[lo : lo + NODE_BATCH] for key, val in node.items()}
            r = nb["row"]
            cover = nb["cover"][:, None, :] + A[r]
            f_new = (weight[r][:, None, :] * np.minimum(gap[r][:, None, :], cover)).sum(axis=2)
            jp_new = nb["jp"][:, None] + jp[r]
            f_new += floor_weight * np.minimum(jp_new, floor[r][:, None])
            marg = f_new - nb["f"][:, None] - price[r]
            valid = (items[None, :] > nb["last"][:, None]) & (marg > 1e-12)
            valid &= (jp_new <= cap[r][:, None] + 1e-9) & (nb["size"] < limit)[:, None]
            pos = np.where(valid, marg, 0.0)
            after = np.cumsum(pos[:, ::-1], axis=1)[:, ::-1] - pos  # positive marginals of later items
            profit = (nb["f"] - nb["paid"])[:, None] + marg
            full = ((nb["load"] >= per_month) * (1 << np.arange(MONTHS))).sum(axis=1)
            avail = month_mask[r] & ~full[:, None]
            reached = valid & nb["ok"][:, None] & (avail != 0)

            # Best reached child per row.
            cn, cq = np.nonzero(reached)
            if len(cn):
                cp = profit[cn, cq]
                order = np.lexsort((cq, cn, -cp, r[cn]))
                cn, cq, cp = cn[order], cq[order], cp[order]
                first = np.ones(len(cn), bool)
                first[1:] = r[cn[1:]] != r[cn[:-1]]
                cn, cq, cp = cn[first], cq[first], cp[first]
                win = cp > best[r[cn]] + 1e-12
                cn, cq, cp = cn[win], cq[win], cp[win]
                wr = r[cn]
                best[wr] = cp
                months = nb["month"][cn].astype(np.int64)
                bit = avail[cn, cq] & -avail[cn, cq]
                months[np.arange(len(cq)), cq] = np.log2(bit).astype(np.int64)
                best_month[wr] = months
                best_set[wr] = months >= 0
            lost = valid & ~reached
            if lost.any():
                ln, lq = np.nonzero(lost)
                np.maximum.at(unresolved, r[ln], profit[ln, lq])

            grow = valid & (after > 1e-12) & (profit + after > best[r][:, None] + 1e-12)
            gn, gq = np.nonzero(grow)
            if len(gn) == 0:
                continue
            g_ok = reached[gn, gq]
            g_bit = np.where(g_ok, avail[gn, gq] & -avail[gn, gq], 0)
            g_month = np.where(g_ok, np.log2(np.maximum(g_bit, 1)).astype(np.int64), 0)
            load = nb["load"][gn].copy()
            load[np.arange(len(gn))[g_ok], g_month[g_ok]] += 1
            month = nb["month"][gn].copy()
            month[np.arange(len(gn)), gq] = np.where(g_ok, g_month, -1)
            children.append(
                {
                    "row": r[gn],
                    "last": gq,
                    "cover": cover[gn, gq],
                    "jp": jp_new[gn, gq],
                    "f": f_new[gn, gq],
                    "paid": nb["paid"][gn] + price[r[gn], gq],
                    "size": nb["size"][gn] + 1,
                    "load": load,
                    "month": month,
                    "ok": g_ok,
                }
            )
        if not children:
            break
        node = {key: np.concatenate([c[key] for c in children]) for key in children[0]}
    return best, best_set, best_month, unresolved
