"""Needs carried over from the previous year into a planning scenario.

Closing a year (the cycle app) writes what stayed open: needs not yet met and plan items not carried out. The
plans app stands before the cycle (dependencies flow one way), so the cycle plugs its rows in here with
`register_carried_source` in its `AppConfig.ready()`, like evaluation does for effectiveness in the catalogue.

How carried needs enter the optimiser's instance (`merge`), when the scenario's `use_carried_needs` is on:
- the needs campaign's measurement wins wherever it has one for the employee × competency (it is as new as
  the carried row or newer; a gap it no longer finds is not planned again);
- where the campaign measured nothing for that pair, the carried need is added with its gap (current level
  unknown: every programme level suits it) and its priority score; an unfinished plan item has no score of its
  own and counts as a mid-priority need (`CARRIED_ITEM_PRIORITY`);
- a need whose plan item of last year was not carried out weighs `carried_boost` times more (PP 11/2017
  Pasal 206: development that was planned for a gap and did not happen is still owed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

ORIGIN_NEED = "need"
ORIGIN_PLAN = "plan"

#: UNVERIFIED (agency policy): the priority score (0–100) given to an unfinished plan item carried without one.
CARRIED_ITEM_PRIORITY = 50


class Carried(NamedTuple):
    """One need carried into `year` (the year of the scenario). A named tuple: a closing carries a row per open
    need of the agency (160,000 at the Medan demo), so sources build them straight from database rows."""

    employee_id: int
    competency_id: int
    origin: str  # ORIGIN_NEED or ORIGIN_PLAN
    gap: int
    next_gap: int = 0
    priority: float = 0.0
    from_year: int | None = None


#: fn(agency_id, year) -> the needs carried into `year`.
CarriedSource = Callable[[int, int], Iterable[Carried]]

_SOURCES: list[tuple[str, CarriedSource]] = []


def register_carried_source(name: str, fn: CarriedSource) -> None:
    """Let a later app (cycle: year closing) hand its carried needs to the planner. Registering a name again
    replaces the earlier function."""
    _SOURCES[:] = [(n, f) for n, f in _SOURCES if n != name]
    _SOURCES.append((name, fn))


def carried_needs(agency_id: int, year: int) -> list[Carried]:
    rows: list[Carried] = []
    for _name, fn in _SOURCES:
        rows.extend(fn(agency_id, year))
    return rows


@dataclass
class Merged:
    """What `merge` did: rows to add to the campaign's needs, and the (employee, competency) pairs to boost."""

    added: list[tuple]  # (employee_id, competency_id, gap, next_gap, current, required, next_required, priority)
    boost: set[tuple[int, int]]
    available: int = 0
    from_years: tuple[int, ...] = ()


def merge(rows: list[Carried], *, measured: set[tuple[int, int]], with_gap: set[tuple[int, int]],
          employees: set[int], competencies: set[int] | None, include_next_position: bool) -> Merged:
    """Decide how carried `rows` enter the instance. `measured`: pairs the campaign has a Need row for (any gap);
    `with_gap`: the pairs among them that the plan will use; `employees`: ids in the scenario's scope."""
    by_pair: dict[tuple[int, int], dict] = {}
    years: set[int] = set()
    available: set[tuple[int, int]] = set()
    for r in rows:
        if r.employee_id not in employees or (competencies and r.competency_id not in competencies):
            continue
        key = (r.employee_id, r.competency_id)
        available.add(key)
        if r.from_year:
            years.add(r.from_year)
        if key in measured and r.origin != ORIGIN_PLAN:
            continue  # the campaign's measurement wins; only an unfinished item can still change its weight
        cur = by_pair.setdefault(key, {"gap": 0, "next_gap": 0, "priority": 0.0, "plan": False})
        cur["gap"] = max(cur["gap"], int(r.gap))
        cur["next_gap"] = max(cur["next_gap"], int(r.next_gap))
        priority = float(r.priority) if r.origin == ORIGIN_NEED or r.priority else CARRIED_ITEM_PRIORITY
        cur["priority"] = max(cur["priority"], priority)
        cur["plan"] = cur["plan"] or r.origin == ORIGIN_PLAN
    added: list[tuple] = []
    boost: set[tuple[int, int]] = set()
    for key, c in sorted(by_pair.items()):
        if key in measured:
            if c["plan"] and key in with_gap:
                boost.add(key)
            continue
        if c["gap"] <= 0 and not (include_next_position and c["next_gap"] > 0):
            continue
        added.append((key[0], key[1], c["gap"], c["next_gap"], None, -1, -1, c["priority"]))
        if c["plan"]:
            boost.add(key)
    return Merged(added=added, boost=boost, available=len(available), from_years=tuple(sorted(years)))
