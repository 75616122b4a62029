"""Talent in the annual plan (issue 21, item 4): what the planning adapter (renbang.plans.adapter) asks of talent.

- Retirement (scenario.retirement_rule):
  - "exclude": an employee who leaves during the plan year (TMT pensiun or the day after a PPPK contract end)
    is offered only programmes whose every session month lies before the month they leave (a session is taken
    to end within its month); one who left before the year gets nothing.
  - "weight": the need weights of employees leaving within the plan year or the next are multiplied by
    scenario.retirement_weight (short payback), nothing is refused.
- Successors (scenario.successor_weight > 1): each member of the latest succession group of an active key
  position gets their gap to the target position's standard (PositionStandard vs the campaign's current level,
  not assessed = 0) as a need, with the weight multiplied by the factor (an existing need of the same competency
  takes the larger gap).
The engine stays pure: all of this only changes arrays and candidate lists before the instance is built.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import astuple, dataclass

import numpy as np

from renbang.competencies.models import PositionStandard
from renbang.needs.models import CurrentLevel

from . import succession
from .outlook import retirements

NO_LIMIT_MONTH = 12
DEFAULT_SUCCESSOR_BASE = 0.5  # weight of a successor's new target need before the factor (priority 50 / 100)


@dataclass
class NeedArrays:
    emp: np.ndarray
    comp: np.ndarray
    gap: np.ndarray
    gap_current: np.ndarray
    current: np.ndarray
    required: np.ndarray
    next_required: np.ndarray
    weight: np.ndarray

    def astuple(self) -> tuple:
        return astuple(self)


@dataclass
class TalentFlags:
    """Per employee of the instance: the last month they can finish a session in (12 = whole year, 0 = none),
    whether they leave within the plan year, whether they are a successor; plus what happened (for the page)."""

    last_month: np.ndarray
    leaving: np.ndarray
    successor: np.ndarray
    info: dict


def last_months(agency_id: int, emp_ids: np.ndarray, year: int) -> tuple[np.ndarray, np.ndarray]:
    """(last month in `year` an employee can attend a whole session, leave date as datetime64[D])."""
    from renbang.people.models import Employee

    ret = retirements(agency_id, Employee.objects.filter(pk__in=emp_ids.tolist()))
    pos = {int(e): i for i, e in enumerate(ret.employee_ids.tolist())}
    order = np.array([pos.get(int(e), -1) for e in emp_ids.tolist()], dtype=np.int64)
    dates = np.where(order >= 0, ret.date[np.maximum(order, 0)], np.datetime64("NaT", "D")) if len(order) \
        else np.array([], dtype="datetime64[D]")
    start, end = np.datetime64(dt.date(year, 1, 1), "D"), np.datetime64(dt.date(year + 1, 1, 1), "D")
    months = dates.astype("datetime64[M]").astype(np.int64) % 12 + 1  # 1..12 for real dates
    last = np.full(len(emp_ids), NO_LIMIT_MONTH, dtype=np.int64)
    known = ~np.isnat(dates)
    last[known & (dates < start)] = 0
    during = known & (dates >= start) & (dates < end)
    last[during] = months[during] - 1  # leave on 1 June: sessions up to May
    return last, dates


def adjust(scenario, emp_ids: np.ndarray, needs: NeedArrays, campaign) -> tuple[NeedArrays, TalentFlags]:
    """Apply the scenario's retirement and successor options to the need arrays."""
    n = len(emp_ids)
    year = int(scenario.year)
    last, dates = last_months(scenario.agency_id, emp_ids, year)
    end = np.datetime64(dt.date(year + 1, 1, 1), "D")
    leaving = ~np.isnat(dates) & (dates < end)
    rule = scenario.retirement_rule
    info: dict = {"rule": rule, "leaving": int(leaving.sum()), "weighted": 0, "successors": 0, "added": 0,
                  "raised": 0, "factor": float(scenario.successor_weight)}
    if rule == "weight" and len(needs.emp):
        soon = ~np.isnat(dates) & (dates < np.datetime64(dt.date(year + 2, 1, 1), "D"))
        hit = soon[needs.emp]
        needs.weight = np.where(hit, needs.weight * float(scenario.retirement_weight), needs.weight)
        info["weighted"] = int(soon.sum())
    successor = np.zeros(n, dtype=bool)
    factor = float(scenario.successor_weight)
    index = {int(e): i for i, e in enumerate(emp_ids.tolist())}
    targets = {index[e]: p for e, p in succession.successor_targets(scenario.agency_id).items() if e in index}
    if targets:  # flagged always (the results show their share), weighted only when asked
        successor[list(targets)] = True
        info["successors"] = len(targets)
    if targets and factor > 1:
        needs, added, raised = _successor_needs(needs, targets, factor, emp_ids, campaign)
        info.update(added=added, raised=raised)
    return needs, TalentFlags(last_month=last, leaving=leaving, successor=successor, info=info)


def _successor_needs(needs: NeedArrays, targets: dict[int, int], factor: float, emp_ids: np.ndarray,
                     campaign) -> tuple[NeedArrays, int, int]:
    standard: dict[int, dict[int, int]] = {}
    for pid, cid, level in PositionStandard.objects.filter(position_id__in=set(targets.values())) \
            .values_list("position_id", "competency_id", "required_level"):
        standard.setdefault(pid, {})[cid] = level
    current: dict[tuple[int, int], int] = {}
    if campaign is not None:
        ids = [int(emp_ids[i]) for i in targets]
        current = {(e, c): lv for e, c, lv in CurrentLevel.objects.filter(campaign=campaign, employee_id__in=ids)
                   .values_list("employee_id", "competency_id", "level")}
    row_of = {(int(e), int(c)): k for k, (e, c) in enumerate(zip(needs.emp.tolist(), needs.comp.tolist(),
                                                                 strict=True))}
    base = {}
    for i in targets:
        mine = needs.weight[needs.emp == i]
        base[i] = float(mine.mean()) if len(mine) else DEFAULT_SUCCESSOR_BASE
    new: list[tuple] = []
    raised = 0
    weight, gap, next_required = needs.weight.copy(), needs.gap.copy(), needs.next_required.copy()
    for i, pid in targets.items():
        for cid, req in standard.get(pid, {}).items():
            k = row_of.get((i, cid))
            cur = current.get((int(emp_ids[i]), cid))
            if k is not None and needs.current[k] >= 0:
                cur = int(needs.current[k])  # the level the campaign's need row was computed from
            tgap = max(0, req - (cur or 0))
            if k is not None:
                weight[k] *= factor
                if tgap > gap[k]:
                    gap[k] = tgap
                    next_required[k] = max(next_required[k], req)
                raised += 1
            elif tgap > 0:
                new.append((i, cid, tgap, 0.0, -1 if cur is None else cur, 0, req, base[i] * factor))
    if new:
        cols = list(zip(*new, strict=True))
        out = NeedArrays(
            emp=np.concatenate([needs.emp, np.array(cols[0], np.int64)]),
            comp=np.concatenate([needs.comp, np.array(cols[1], np.int64)]),
            gap=np.concatenate([gap, np.array(cols[2], np.float64)]),
            gap_current=np.concatenate([needs.gap_current, np.array(cols[3], np.float64)]),
            current=np.concatenate([needs.current, np.array(cols[4], np.int64)]),
            required=np.concatenate([needs.required, np.array(cols[5], np.int64)]),
            next_required=np.concatenate([next_required, np.array(cols[6], np.int64)]),
            weight=np.concatenate([weight, np.array(cols[7], np.float64)]),
        )
        return out, len(new), raised
    needs.weight, needs.gap, needs.next_required = weight, gap, next_required
    return needs, 0, raised


def filter_candidates(candidates: dict[int, list[int]], flags: TalentFlags, rule: str,
                      sessions: dict[int, dict]) -> dict[int, list[int]]:
    """With rule "exclude": drop, for each employee leaving in the year, the programmes with a session in or after
    the month they leave (the engine may pick any session of a candidate programme)."""
    if rule != "exclude":
        return candidates
    latest: dict[int, int] = {}
    for s in sessions.values():
        latest[s["programme"]] = max(latest.get(s["programme"], 0), int(s["month"]))
    out = {}
    for i, pids in candidates.items():
        limit = int(flags.last_month[i])
        out[i] = pids if limit >= NO_LIMIT_MONTH else [p for p in pids if latest.get(p, 13) <= limit]
    return out


def summary(flags: TalentFlags | None, emp_idx: np.ndarray, cost: np.ndarray) -> dict:
    """Development spent on employees leaving within the year and the share going to successors of key positions."""
    if flags is None:
        return {}
    total = float(cost.sum())
    leaving = flags.leaving[emp_idx] if len(emp_idx) else np.zeros(0, bool)
    successor = flags.successor[emp_idx] if len(emp_idx) else np.zeros(0, bool)
    spent_leaving = float(cost[leaving].sum())
    spent_successors = float(cost[successor].sum())
    return {**flags.info, "cost_leaving": spent_leaving, "people_leaving_planned": len(set(emp_idx[leaving]
                                                                                               .tolist())),
            "cost_successors": spent_successors,
            "successor_share": spent_successors / total * 100 if total else 0.0,
            "leaving_share": spent_leaving / total * 100 if total else 0.0,
            "successors_planned": len(set(emp_idx[successor].tolist()))}


__all__ = ["NeedArrays", "TalentFlags", "adjust", "filter_candidates", "summary"]
