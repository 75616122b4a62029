"""Database → optimiser instance (engine format v1) for a planning scenario, and the arrays needed to read the
result back (reasons, metrics). Bulk reads only: a handful of queries whatever the agency's size.

Mapping (issue 4's model):
- employee: every active employee of the scenario's units; `unit` = the budget unit that pays for them (the
  nearest unit up the tree with its own budget in the scenario, else the top-level perangkat daerah);
  `tags` = [position type]; `jp_floor` = the PNS floor (PP 17/2020 Pasal 203(4)) for PNS, 0 otherwise;
  `jp_cap` = the general cap, lowered to the PPPK cap for PPPK (PP 49/2018 Pasal 40).
- need: the latest closed campaign's `Need` rows with a gap (current position; with `include_next_position`,
  the larger of the current and next-position gaps, PP 11/2017 Pasal 206); weight = priority score / 100.
- programme: an active catalogue programme with at least one planned session in the year; uplift per
  competency, effectiveness (measured by evaluation when registered), JP, cost, eligible position types.
- candidates: each employee may attend only programmes open to their position type that serve one of their gaps
  at a level the programme is meant for (catalogue `min_level`..`max_level`; not assessed = allowed), the best
  `candidates_per_employee` of them (0 = all).
- locked assignments (re-optimising around them) are taken out first: their seats, Rupiah, JP and the gap
  they close are subtracted from the instance, so the engine plans only what is left.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from renbang.catalog.models import PlannedSession
from renbang.catalog.selectors import Offer, programme_offers
from renbang.needs.models import Campaign, Need
from renbang.org.models import OrgUnit
from renbang.people.models import Employee, EmployeeStatus
from renbang.talent import planning as talent_planning

from . import carried
from .models import PlanningScenario


@dataclass
class Locked:
    """An assignment kept as it is when re-optimising."""

    employee_id: int
    programme_id: int
    session_id: int | None
    month: int


@dataclass
class Prepared:
    """The instance dict plus the arrays the result and the metrics are read back with."""

    scenario: PlanningScenario
    instance: dict
    campaign: Campaign | None
    # employees (aligned arrays)
    emp_ids: np.ndarray
    emp_unit: np.ndarray  # budget unit id
    emp_status: list[str]
    emp_type: list[str]
    # needs (aligned arrays)
    need_emp: np.ndarray
    need_comp: np.ndarray
    need_gap: np.ndarray  # gap used by the plan
    need_gap_current: np.ndarray
    need_current: np.ndarray  # -1 = not assessed
    need_required: np.ndarray
    need_next_required: np.ndarray
    need_weight: np.ndarray
    offers: dict[int, list[Offer]]  # programme id → offers (one per competency)
    sessions: dict[int, dict]  # session id → {programme, month, date, capacity}
    unit_budget: dict[int, int]
    budget_total: int
    notes: list[str] = field(default_factory=list)
    locked: list[Locked] = field(default_factory=list)
    changed_effectiveness: list[dict] = field(default_factory=list)
    carried: dict = field(default_factory=dict)  # needs carried from the previous year: what entered the instance
    talent: talent_planning.TalentFlags | None = None  # retirement and successor options (renbang.talent.planning)


def proposed_months(k: int) -> list[int]:
    """k months spread evenly over the year (2 → Mar, Sep; 3 → Feb, Jun, Oct)."""
    return sorted({min(12, max(1, int((j + 0.5) * 12 / k) + 1)) for j in range(k)})


def virtual_session_id(programme_id: int, month: int) -> int:
    """Negative ids name proposed sessions (no catalogue session yet): one per programme and month."""
    return -(programme_id * 100 + month)


def item_key(programme_id: int, session_id: int | None, month: int) -> int:
    return session_id if session_id else virtual_session_id(programme_id, month)


#: `candidates_per_employee` = 0: no short list — every programme open to the employee that serves one of their gaps.
NO_LIMIT = 0


def level_fits(offer: Offer, current: int) -> bool:
    """Whether a programme suits the employee's current level in the offer's competency: the catalogue's
    `min_level`..`max_level` is the range the participant's current level must lie in (a basic course is wasted
    on a level-4 holder, an advanced one is out of reach at level 1). Not assessed (current < 0: the campaign
    measured no level, or the need was carried from an earlier year) is allowed: we cannot tell, and refusing
    would leave the gap without any programme."""
    if current < 0:
        return True
    return (not offer.min_level or current >= offer.min_level) and (not offer.max_level or current <= offer.max_level)


def candidate_programmes(offers: dict[int, list[Offer]], scheduled: set[int], emp_type: list[str],
                         need_emp: np.ndarray, need_comp: np.ndarray, gap: np.ndarray, weight: np.ndarray,
                         k: int, need_current: np.ndarray | None = None,
                         emp_status: list[str] | None = None) -> dict[int, list[int]]:
    """{employee index: the k programmes most worth it for them}: open to their position type (and employment
    status, when `emp_status` is given: Offer.employee_statuses — the CPNS basic training for CPNS), addressing one of
    their gaps at a level the programme is meant for (`level_fits`), ranked by weighted expected closure (then
    by lower cost). Development without a gap to close is not planned (PP 11/2017 Pasal 206), and a short list
    per employee keeps the engine's choice small; k = 0 (`NO_LIMIT`) keeps every programme that qualifies."""
    by_comp: dict[int, list[tuple[int, float, Offer]]] = defaultdict(list)
    types: dict[int, tuple[str, ...]] = {}
    statuses: dict[int, tuple[str, ...]] = {}
    cost: dict[int, int] = {}
    for pid, olist in offers.items():
        if pid not in scheduled:
            continue
        types[pid] = olist[0].position_types
        statuses[pid] = olist[0].employee_statuses
        cost[pid] = olist[0].cost_per_participant
        for o in olist:
            by_comp[o.competency_id].append((pid, float(o.expected_uplift), o))
    current = need_current.tolist() if need_current is not None else [-1] * len(need_emp)
    score: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for i, c, g, w, lv in zip(need_emp.tolist(), need_comp.tolist(), gap.tolist(), weight.tolist(), current,
                              strict=True):
        if g <= 0:
            continue
        for pid, up, o in by_comp.get(c, ()):
            t, st = types[pid], statuses[pid]
            if ((not t or emp_type[i] in t) and (not st or emp_status is None or emp_status[i] in st)
                    and level_fits(o, lv)):
                score[i][pid] += w * min(g, up)
    limit = None if k == NO_LIMIT else k
    return {i: [pid for pid, _v in sorted(sc.items(), key=lambda kv: (-kv[1], cost[kv[0]], kv[0]))[:limit]]
            for i, sc in score.items()}


def latest_campaign(scenario: PlanningScenario) -> Campaign | None:
    if scenario.campaign_id:
        return scenario.campaign
    return (Campaign.objects.filter(agency_id=scenario.agency_id, status=Campaign.Status.CLOSED)
            .order_by("-year", "-closed_at", "-pk").first())


def budget_unit_map(agency_id: int, budget_unit_ids: set[int]) -> dict[int, int]:
    """{unit id: the unit whose budget pays for it}: nearest ancestor (or itself) with a budget, else the top unit
    below the agency's root (the perangkat daerah). One query over the agency's units."""
    parent = dict(OrgUnit.objects.filter(agency_id=agency_id).values_list("pk", "parent_id"))
    roots = {pk for pk, par in parent.items() if par is None}
    memo: dict[int, int] = {}

    def resolve(uid: int) -> int:
        path = []
        cur = uid
        while cur is not None and cur not in memo:
            path.append(cur)
            if cur in budget_unit_ids:
                break
            nxt = parent.get(cur)
            if nxt is None or (nxt in roots and len(roots) == 1 and cur not in roots):
                break  # `cur` is a top-level unit (the child of the single agency root) or a root itself
            cur = nxt
        answer = memo.get(cur, cur)
        for p in path:
            memo[p] = answer
        return answer

    return {uid: resolve(uid) for uid in parent}


def scope_unit_ids(scenario: PlanningScenario) -> set[int] | None:
    chosen = list(scenario.units.values_list("pk", flat=True))
    if not chosen:
        return None
    subtree: set[int] = set()
    for uid in chosen:
        subtree.update(OrgUnit.objects.descendants(uid, include_self=True).values_list("pk", flat=True))
    return subtree


def build(scenario: PlanningScenario, *, locked: list[Locked] | None = None) -> Prepared:
    """Read the database once and assemble the engine instance for `scenario`."""
    locked = locked or []
    agency_id = scenario.agency_id
    campaign = latest_campaign(scenario)
    notes: list[str] = []
    if campaign is None:
        notes.append("Belum ada kampanye kebutuhan yang ditutup: tidak ada kesenjangan untuk direncanakan.")

    # --- employees
    emp_qs = Employee.objects.filter(agency_id=agency_id, active=True)
    units_in_scope = scope_unit_ids(scenario)
    if units_in_scope is not None:
        emp_qs = emp_qs.filter(unit_id__in=units_in_scope)
    rows = list(emp_qs.order_by("pk").values_list("pk", "unit_id", "status", "position__position_type"))
    unit_budgets = dict(scenario.unit_budgets.values_list("unit_id", "amount"))
    to_budget_unit = budget_unit_map(agency_id, set(unit_budgets))
    emp_ids = np.array([r[0] for r in rows], dtype=np.int64)
    emp_unit = np.array([to_budget_unit.get(r[1], r[1]) for r in rows], dtype=np.int64)
    emp_status = [r[2] for r in rows]
    emp_type = [r[3] or "" for r in rows]
    index = {int(pk): i for i, pk in enumerate(emp_ids)}

    # --- needs
    comp_scope = set(scenario.competencies.values_list("pk", flat=True))
    need_rows: list[tuple] = []
    if campaign is not None:
        nq = Need.objects.filter(campaign=campaign, employee_id__in=emp_qs.values("pk"))
        nq = nq.filter(gap__gt=0) if not scenario.include_next_position else nq.exclude(gap=0, next_gap=0)
        if comp_scope:
            nq = nq.filter(competency_id__in=comp_scope)
        need_rows = list(nq.values_list("employee_id", "competency_id", "gap", "next_gap", "current", "required",
                                        "next_required", "priority"))
    need_rows, boost_pairs, carried_info = _with_carried(scenario, campaign, index, comp_scope, need_rows)
    keep = [r for r in need_rows if r[0] in index]
    need_emp = np.array([index[r[0]] for r in keep], dtype=np.int64)
    need_comp = np.array([r[1] for r in keep], dtype=np.int64)
    gap_cur = np.array([r[2] for r in keep], dtype=np.float64)
    gap_next = np.array([r[3] for r in keep], dtype=np.float64)
    need_gap = np.maximum(gap_cur, gap_next) if scenario.include_next_position else gap_cur.copy()
    need_current = np.array([-1 if r[4] is None else r[4] for r in keep], dtype=np.int64)
    need_required = np.array([r[5] for r in keep], dtype=np.int64)
    need_next_required = np.array([r[6] for r in keep], dtype=np.int64)
    need_weight = np.maximum(np.array([float(r[7]) for r in keep], dtype=np.float64) / 100.0, 0.01)
    if boost_pairs:
        factor = float(scenario.carried_boost)
        for k, r in enumerate(keep):
            if (r[0], r[1]) in boost_pairs:
                need_weight[k] *= factor
    arrays, talent = talent_planning.adjust(scenario, emp_ids, talent_planning.NeedArrays(
        need_emp, need_comp, need_gap, gap_cur, need_current, need_required, need_next_required, need_weight), campaign)
    need_emp, need_comp, need_gap, gap_cur, need_current, need_required, need_next_required, need_weight = \
        arrays.astuple()

    # --- programmes and sessions
    offers_all = programme_offers(agency_id, competency_ids=comp_scope or None, year=scenario.year)
    prog_scope = set(scenario.programmes.values_list("pk", flat=True))
    offers: dict[int, list[Offer]] = defaultdict(list)
    for o in offers_all:
        if not prog_scope or o.programme_id in prog_scope:
            offers[o.programme_id].append(o)
    sessions: dict[int, dict] = {}
    for sid, pid, month, date, capacity in PlannedSession.objects.filter(
            programme_id__in=list(offers), year=scenario.year).order_by("date", "pk").values_list(
            "pk", "programme_id", "month", "date", "capacity"):
        sessions[sid] = {"programme": pid, "month": month, "date": date, "capacity": capacity}
    by_prog: dict[int, list[int]] = defaultdict(list)
    for sid, s in sessions.items():
        by_prog[s["programme"]].append(sid)
    unscheduled = sorted(set(offers) - set(by_prog))
    k = int(scenario.proposed_sessions)
    for pid in unscheduled:
        if k == 0:
            notes.append(f"Program {offers[pid][0].code} tidak punya sesi terjadwal pada {scenario.year}; "
                         "tidak dipakai.")
            continue
        # Proposed sessions (Pasal 207(3)e: the plan sets the schedule): k months spread over the year.
        for month in proposed_months(k):
            sid = virtual_session_id(pid, month)
            sessions[sid] = {"programme": pid, "month": month, "date": None,
                             "capacity": offers[pid][0].capacity_per_session, "proposed": True}
            by_prog[pid].append(sid)
    if k and unscheduled:
        notes.append(f"{len(unscheduled)} program belum punya sesi terjadwal pada {scenario.year}; "
                     f"diberi {k} angkatan usulan masing-masing.")
    changed = []
    for pid, olist in sorted(offers.items()):
        o = olist[0]
        if o.effectiveness_source not in ("method", "programme"):
            changed.append({"programme": pid, "code": o.code, "title": o.title, "source": o.effectiveness_source,
                            "old": float(o.catalogue_effectiveness or 0), "new": float(o.effectiveness)})

    # --- locked assignments: subtract what they already use and close
    seats_used: dict[int, int] = defaultdict(int)
    jp_used = np.zeros(len(emp_ids))
    cost_total = 0
    cost_unit: dict[int, int] = defaultdict(int)
    cover = defaultdict(float)  # (emp index, competency) → expected uplift already planned
    for lk in locked:
        i = index.get(lk.employee_id)
        olist = offers.get(lk.programme_id)
        seats_used[item_key(lk.programme_id, lk.session_id, lk.month)] += 1
        if i is None or not olist:
            continue
        o = olist[0]
        jp_used[i] += o.jp
        cost_total += o.cost_per_participant
        cost_unit[int(emp_unit[i])] += o.cost_per_participant
        for oc in olist:
            cover[(i, oc.competency_id)] += float(oc.expected_uplift)
    left = need_gap.copy()
    if cover:
        for k in range(len(need_emp)):
            got = cover.get((int(need_emp[k]), int(need_comp[k])))
            if got:
                left[k] = max(0.0, left[k] - got)

    candidates = candidate_programmes(offers, set(by_prog), emp_type, need_emp, need_comp, left, need_weight,
                                      int(scenario.candidates_per_employee), need_current, emp_status)
    candidates = talent_planning.filter_candidates(candidates, talent, scenario.retirement_rule, sessions)

    # --- the instance
    floor = int(scenario.jp_floor_pns)
    cap_general = int(scenario.jp_cap_general)
    cap_pppk = min(int(scenario.jp_cap_pppk), cap_general)
    employees = []
    order = np.argsort(need_emp, kind="stable")
    starts = np.searchsorted(need_emp[order], np.arange(len(emp_ids) + 1))
    for i in range(len(emp_ids)):
        ks = order[starts[i]:starts[i + 1]]
        needs = {str(int(need_comp[k])): {"gap": float(left[k]), "weight": round(float(need_weight[k]), 4)}
                 for k in ks if left[k] > 0}
        pppk = EmployeeStatus.is_pppk(emp_status[i])
        cap = (cap_pppk if pppk else cap_general) - jp_used[i]
        tags = [f"p:{pid}" for pid in candidates.get(i, ())]
        employees.append({
            "id": str(int(emp_ids[i])), "unit": str(int(emp_unit[i])), "tags": tags,
            "jp_floor": max(0.0, (floor if emp_status[i] == EmployeeStatus.PNS else 0) - jp_used[i]),
            "jp_cap": max(0.0, float(cap)), "needs": needs,
        })
    programmes = []
    for pid in sorted(by_prog):
        olist = offers[pid]
        o = olist[0]
        programmes.append({
            "id": str(pid), "uplift": {str(x.competency_id): float(x.uplift) for x in olist},
            "effectiveness": min(1.0, float(o.effectiveness)), "jp": float(o.jp), "cost": float(o.cost_per_participant),
            "eligible_tags": [f"p:{pid}"],
            "sessions": [{"id": str(sid), "month": sessions[sid]["month"],
                          "capacity": max(0, sessions[sid]["capacity"] - seats_used.get(sid, 0))}
                         for sid in by_prog[pid]],
        })
    total = int(scenario.budget_total)
    instance = {
        "version": 1,
        "employees": employees,
        "programmes": programmes,
        "budget": {"total": float(max(0, total - cost_total)),
                   "per_unit": {str(u): float(max(0, a - cost_unit.get(u, 0))) for u, a in unit_budgets.items()}},
        "rules": {"max_sessions_per_month": int(scenario.max_sessions_per_month),
                  "jp_floor_weight": float(scenario.jp_floor_weight)},
    }
    return Prepared(
        scenario=scenario, instance=instance, campaign=campaign, emp_ids=emp_ids, emp_unit=emp_unit,
        emp_status=emp_status, emp_type=emp_type, need_emp=need_emp, need_comp=need_comp, need_gap=need_gap,
        need_gap_current=gap_cur, need_current=need_current, need_required=need_required,
        need_next_required=need_next_required, need_weight=need_weight, offers=dict(offers), sessions=sessions,
        unit_budget=unit_budgets, budget_total=total, notes=notes, locked=locked, changed_effectiveness=changed,
        carried=carried_info, talent=talent,
    )


def _with_carried(scenario: PlanningScenario, campaign: Campaign | None, index: dict[int, int],
                  comp_scope: set[int], need_rows: list[tuple]) -> tuple[list[tuple], set[tuple[int, int]], dict]:
    """The campaign's need rows plus the needs carried from the closed previous year (see `carried.merge`), the
    (employee, competency) pairs whose weight is boosted, and what happened (for the result page)."""
    info = {"enabled": bool(scenario.use_carried_needs), "boost": float(scenario.carried_boost), "available": 0,
            "added": 0, "boosted": 0, "from_years": []}
    if not scenario.use_carried_needs:
        return need_rows, set(), info
    rows = carried.carried_needs(scenario.agency_id, scenario.year)
    if not rows:
        return need_rows, set(), info
    with_gap = {(r[0], r[1]) for r in need_rows}
    # measured = the campaign's pairs: those with a gap are in need_rows already; ask only for the rest (the rows
    # the gap filter left out), and only for competencies of carried pairs not yet known
    measured = set(with_gap)
    pending = {(r.employee_id, r.competency_id) for r in rows} - with_gap
    if campaign is not None and pending:
        rest = Need.objects.filter(campaign=campaign, competency_id__in={c for _e, c in pending})
        rest = rest.filter(gap=0, next_gap=0) if scenario.include_next_position else rest.filter(gap=0)
        measured.update(pair for pair in rest.values_list("employee_id", "competency_id").iterator(chunk_size=5000)
                        if pair in pending)
    merged = carried.merge(rows, measured=measured, with_gap=with_gap, employees=set(index),
                           competencies=comp_scope or None, include_next_position=scenario.include_next_position)
    info.update(available=merged.available, added=len(merged.added), boosted=len(merged.boost),
                from_years=list(merged.from_years))
    return need_rows + merged.added, merged.boost, info
