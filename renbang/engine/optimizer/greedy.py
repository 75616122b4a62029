"""Greedy allocation by best gain per Rupiah, in vectorised rounds; also the engine's fill step.

Sequential greedy (one option at a time, best gain/cost first) is what Indonesian tools do, but a
Python loop over millions of options is too slow. Each round here lets every employee propose its
best option, then accepts proposals in score order as long as no later round could have offered a
better one (scores only fall: gains are submodular), and at least a slice of them so that rounds stay
few. Resources are checked with running sums, so every accepted set is feasible by construction.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .arrays import unique, unique_first
from .context import Context
from .model import MONTHS
from .objective import expand_csr

FLOOR_OPTIONS = 3  # cheapest-per-JP floor-only programmes offered to each employee
MIN_ACCEPT_SHARE = 0.25
GAIN_CHUNK = 2_000_000


@dataclass
class Options:
    """(employee, programme) options sorted by employee, CSR by `ptr`; pair = gap pair or -1."""

    emp: np.ndarray
    prog: np.ndarray
    pair: np.ndarray
    ptr: np.ndarray
    key: np.ndarray  # emp * P + prog, sorted


def build_options(ctx: Context, extra_emp: np.ndarray | None = None, extra_prog: np.ndarray | None = None) -> Options:
    """Gap pairs, each class's best floor-only programmes, and any extra (employee, programme)."""
    inst = ctx.inst
    n_prog = max(inst.n_programmes, 1)
    cost = np.maximum(inst.prog_cost, 1.0)
    ratio = np.where(ctx.allowed, ctx.class_floorval / cost[None, :], -1.0)
    top = np.argsort(-ratio, axis=1, kind="stable")[:, :FLOOR_OPTIONS]
    good = np.take_along_axis(ratio, top, axis=1) > 0
    cls, col = np.nonzero(good)
    owner, member = expand_csr(ctx.class_ptr, cls)
    keys = [ctx.pair_key, ctx.class_members[member].astype(np.int64) * n_prog + top[cls, col][owner]]
    if extra_emp is not None and extra_prog is not None:
        keys.append(extra_emp.astype(np.int64) * n_prog + extra_prog)
    key = unique(np.concatenate(keys))
    del keys
    emp = (key // n_prog).astype(np.int32)
    prog = (key % n_prog).astype(np.int32)
    pos = np.minimum(np.searchsorted(ctx.pair_key, key), max(ctx.n_pairs - 1, 0))
    pair = np.where(ctx.pair_key[pos] == key, pos, -1) if ctx.n_pairs else np.full(len(key), -1)
    ptr = np.searchsorted(emp, np.arange(inst.n_employees + 1)).astype(np.int64)
    return Options(emp, prog, pair.astype(np.int32), ptr, key)


class PlanState:
    """A growing feasible plan with its resources left and every option's current marginal gain."""

    def __init__(self, ctx: Context, options: Options) -> None:
        inst = self.inst = ctx.inst
        self.ctx, self.opt = ctx, options
        self.cover = np.zeros(len(inst.need_gap))
        self.jp = np.zeros(inst.n_employees)
        self.load = np.zeros((inst.n_employees, MONTHS), np.int16)
        self.taken = np.zeros(len(options.emp), bool)
        self.dead = np.zeros(len(options.emp), bool)
        self.seats = inst.session_capacity.astype(np.int64) * ctx.usable_session
        self.total_left = float(inst.budget_total)
        self.unit_left = inst.unit_budget.astype(float).copy()
        self.rows_emp: list[np.ndarray] = []
        self.rows_sess: list[np.ndarray] = []
        self.gain = np.concatenate(
            [
                self._gains(np.arange(lo, min(lo + GAIN_CHUNK, len(options.emp))))
                for lo in range(0, len(options.emp), GAIN_CHUNK)
            ]
            or [np.zeros(0)]
        )
        order = np.argsort(inst.session_prog, kind="stable")
        self.prog_sessions = order
        self.prog_ptr = np.searchsorted(inst.session_prog[order], np.arange(inst.n_programmes + 1))

    def _gains(self, opts: np.ndarray) -> np.ndarray:
        inst, ctx = self.inst, self.ctx
        pair = self.opt.pair[opts]
        has = np.flatnonzero(pair >= 0)
        owner, entry = expand_csr(ctx.ent_ptr, pair[has])
        need, amount = ctx.ent_need[entry], ctx.ent_amount[entry]
        gap, cov = inst.need_gap[need], self.cover[need]
        delta = inst.need_weight[need] * (np.minimum(gap, cov + amount) - np.minimum(gap, cov))
        gain = np.zeros(len(opts))
        gain[has] = np.bincount(owner, weights=delta, minlength=len(has))
        e = self.opt.emp[opts]
        floor, jp = inst.jp_floor[e], self.jp[e]
        gain += inst.jp_floor_weight * (
            np.minimum(floor, jp + inst.prog_jp[self.opt.prog[opts]]) - np.minimum(floor, jp)
        )
        return gain

    def add(self, emp: np.ndarray, sess: np.ndarray) -> None:
        """Put rows in the plan (the caller has checked them) and refresh the gains they change."""
        inst = self.inst
        prog = inst.session_prog[sess]
        lookup = self._option_index(emp, prog)
        self.taken[lookup[lookup >= 0]] = True
        owner, entry = expand_csr(inst.uplift_ptr, prog)
        from .objective import find_needs

        need = find_needs(inst, emp[owner], inst.uplift_comp[entry])
        hit = need >= 0
        np.add.at(self.cover, need[hit], inst.effectiveness[prog[owner[hit]]] * inst.uplift_amount[entry[hit]])
        np.add.at(self.jp, emp, inst.prog_jp[prog])
        np.add.at(self.load, (emp, inst.session_month[sess] - 1), 1)
        np.subtract.at(self.seats, sess, 1)
        cost = inst.prog_cost[prog]
        self.total_left -= float(cost.sum())
        np.subtract.at(self.unit_left, inst.employee_unit[emp], cost)
        self.rows_emp.append(emp.astype(np.int64))
        self.rows_sess.append(sess.astype(np.int64))
        _, opts = expand_csr(self.opt.ptr, unique(emp))
        self.gain[opts] = self._gains(opts)

    def _option_index(self, emp: np.ndarray, prog: np.ndarray) -> np.ndarray:
        key = emp.astype(np.int64) * max(self.inst.n_programmes, 1) + prog
        okey = self.opt.key
        pos = np.minimum(np.searchsorted(okey, key), max(len(okey) - 1, 0))
        return np.where(okey[pos] == key, pos, -1) if len(okey) else np.full(len(key), -1)

    def plan(self) -> tuple[np.ndarray, np.ndarray]:
        if not self.rows_emp:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        emp, sess = np.concatenate(self.rows_emp), np.concatenate(self.rows_sess)
        order = np.lexsort((sess, emp))
        return emp[order], sess[order]

    def fits_now(self, emp: np.ndarray, prog: np.ndarray) -> np.ndarray:
        """Which (employee, programme) rows the budgets left and the employees' JP caps still allow."""
        inst = self.inst
        cost = inst.prog_cost[prog]
        ok = (cost <= self.total_left + 1e-6) & (cost <= self.unit_left[inst.employee_unit[emp]] + 1e-6)
        return ok & (self.jp[emp] + inst.prog_jp[prog] <= inst.jp_cap[emp] + 1e-9)

    def pick_sessions(self, emp: np.ndarray, prog: np.ndarray, seat_price: np.ndarray) -> np.ndarray:
        """For each (employee, programme) a session with a seat in a month the employee has room in:
        cheapest by seat price, then most seats left, then lowest index; -1 if none."""
        inst = self.inst
        # One global ranking of sessions by that order, then the best-ranked usable one per row
        # (a lexsort of every (row, session) pair was most of a national plan's time).
        n_sess = len(seat_price)
        ranked = np.lexsort((np.arange(n_sess), -self.seats, seat_price))
        rank = np.empty(n_sess, np.int64)
        rank[ranked] = np.arange(n_sess)
        owner, pos = expand_csr(self.prog_ptr, prog)
        sess = self.prog_sessions[pos]
        ok = (self.seats[sess] > 0) & (
            self.load[emp[owner], inst.session_month[sess] - 1] < inst.max_sessions_per_month
        )
        out = np.full(len(emp), -1, np.int64)
        if len(owner) == 0:
            return out
        _, first = unique_first(owner)
        best = np.minimum.reduceat(np.where(ok, rank[sess], n_sess), first)
        found = best < n_sess
        out[owner[first][found]] = ranked[best[found]]
        return out


@dataclass(frozen=True)
class Deadline:
    """A `timer()` reading past which a growing plan stops growing (it is feasible after every round)."""

    at: float | None = None
    timer: Callable[[], float] = time.perf_counter

    def passed(self) -> bool:
        return self.at is not None and self.timer() > self.at


NO_DEADLINE = Deadline()


def fill(
    state: PlanState,
    seat_price: np.ndarray | None = None,
    allowed: np.ndarray | None = None,
    deadline: Deadline = NO_DEADLINE,
) -> None:
    """Grow the plan greedily by score = (gain - seat price) / cost until nothing more fits or helps,
    or until the deadline (checked after the first round, between rounds: the plan is feasible after each).

    Incremental: every employee keeps its best and second-best option score; a round re-scores only the
    employees it touched (a row added changes only that employee's gains and JP). Budgets and seats shrink
    for everyone, so a kept best may have become unaffordable: that is checked when it is proposed, and
    such an option is dropped for good (budgets and seats never grow back) and its employee re-scored.
    """
    inst, opt = state.inst, state.opt
    seat_price = np.zeros(inst.n_sessions) if seat_price is None else seat_price
    cheapest = np.full(inst.n_programmes, np.inf)
    np.minimum.at(cheapest, inst.session_prog, np.where(state.ctx.usable_session, seat_price, np.inf))
    ranking = _Ranking(state, cheapest, allowed)
    for lo in range(0, inst.n_employees, RESCORE_CHUNK):
        ranking.rescore(np.arange(lo, min(lo + RESCORE_CHUNK, inst.n_employees)))
    opening = True  # one round whatever the clock says: a plan that was due is never left empty
    while opening or not deadline.passed():
        opening = False
        cand = np.flatnonzero(ranking.best >= 0)
        if len(cand) == 0:
            return
        # Each employee proposes its best option; the best second choice anywhere bounds later scores.
        score = ranking.top[cand]
        threshold = ranking.second[cand].max()
        take = max(int((score >= threshold).sum()), int(np.ceil(MIN_ACCEPT_SHARE * len(cand))), 1)
        if take < len(cand):
            part = np.argpartition(-score, take - 1)[:take]
            cand, score = cand[part], score[part]
        order = np.lexsort((cand, -score))
        emp = cand[order]
        prop = ranking.best[emp]
        prog = opt.prog[prop]
        cost = inst.prog_cost[prog]
        ok = state.fits_now(emp, prog)
        sess = np.full(len(emp), -1, np.int64)
        sess[ok] = state.pick_sessions(emp[ok], prog[ok], seat_price)
        gone = sess < 0  # unaffordable, over the JP cap or no seat in a free month: for good
        state.dead[prop[gone]] = True
        emp, cost, sess = emp[~gone], cost[~gone], sess[~gone]
        fits = _running_fit(state, emp, cost, sess)
        state.add(emp[fits], sess[fits])
        ranking.rescore(unique(np.concatenate([emp[fits], opt.emp[prop[gone]]])))


RESCORE_CHUNK = 50_000  # employees per slice of the first scoring (bounds its temporary arrays)


class _Ranking:
    """Every employee's best live option (index into the options, -1 if none), its score and the
    second-best score, for one `fill` call."""

    def __init__(self, state: PlanState, cheapest: np.ndarray, allowed: np.ndarray | None) -> None:
        n = state.inst.n_employees
        self.state, self.cheapest, self.allowed = state, cheapest, allowed
        self.best = np.full(n, -1, np.int64)
        self.top = np.full(n, -np.inf)
        self.second = np.full(n, -np.inf)

    def rescore(self, emps: np.ndarray) -> None:
        state, inst, opt = self.state, self.state.inst, self.state.opt
        self.best[emps], self.top[emps], self.second[emps] = -1, -np.inf, -np.inf
        owner, idx = expand_csr(opt.ptr, emps)
        if len(idx) == 0:
            return
        prog = opt.prog[idx]
        net = state.gain[idx] - self.cheapest[prog]
        open_prog = np.zeros(inst.n_programmes, bool)  # a programme with a seat left anywhere
        open_prog[inst.session_prog[state.seats > 0]] = True
        ok = ~state.taken[idx] & ~state.dead[idx] & (net > 1e-12) & open_prog[prog]
        if self.allowed is not None:
            ok &= self.allowed[idx]
        ok &= state.fits_now(opt.emp[idx], prog)
        owner, idx, score = owner[ok], idx[ok], (net / np.maximum(inst.prog_cost[prog], 1.0))[ok]
        if len(idx) == 0:
            return
        _, starts = unique_first(owner)
        sizes = np.diff(np.append(starts, len(owner)))
        top = np.maximum.reduceat(score, starts)
        # The first option at the top score (options are in programme order within an employee).
        at_top = np.flatnonzero(score == np.repeat(top, sizes))
        pick = at_top[unique_first(owner[at_top])[1]]
        who = emps[owner[starts]]
        self.best[who], self.top[who] = idx[pick], top
        score[pick] = -np.inf
        self.second[who] = np.maximum.reduceat(score, starts)


def _group_cumsum(group: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Running sum of values within each group, in the given order."""
    order = np.argsort(group, kind="stable")
    csum = np.cumsum(values[order])
    g = group[order]
    start = np.ones(len(g), bool)
    start[1:] = g[1:] != g[:-1]
    base = np.repeat(csum[start] - values[order][start], np.diff(np.append(np.flatnonzero(start), len(g))))
    out = np.empty(len(values))
    out[order] = csum - base
    return out


def _running_fit(state: PlanState, emp: np.ndarray, cost: np.ndarray, sess: np.ndarray) -> np.ndarray:
    """Which rows (in priority order) fit if all earlier rows are counted: a conservative, feasible cut."""
    inst = state.inst
    fits = np.cumsum(cost) <= state.total_left + 1e-6
    unit = inst.employee_unit[emp]
    fits &= _group_cumsum(unit, cost) <= state.unit_left[unit] + 1e-6
    fits &= _group_cumsum(sess, np.ones(len(sess))) <= state.seats[sess]
    return fits


def greedy_plan(ctx: Context, deadline: Deadline = NO_DEADLINE) -> tuple[np.ndarray, np.ndarray]:
    """The baseline: best gain per Rupiah first, no prices."""
    state = PlanState(ctx, build_options(ctx))
    fill(state, deadline=deadline)
    return state.plan()
