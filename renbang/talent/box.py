"""The talent box (kotak manajemen talenta, PermenPANRB 3/2020): performance × potential on a 3 × 3 grid.

- Performance: the mean score of the SKP predicates (PermenPANRB 6/2022) of the last `performance_years` years
  on record in the agency (default 2), scores and thresholds from TalentSettings (UNVERIFIED defaults).
- Potential (%): a weighted mean of what is measured for the employee, weights renormalised over what exists:
  the JPM to the current position (needs.JobMatch of the latest closed campaign), the match to the NEXT
  position on the career path (PP 11/2017 Pasal 206; needs.Need next_required vs current) and the match of the
  assessment-centre levels (needs.CurrentLevel from_ac) to the current standard. Default thresholds: the JPM
  bands (≥ 90 high, ≥ 78 middle; Peraturan BRIN 3/2023 Pasal 33).
- Box number: TalentSettings.box_numbers (box 9 = high/high); 0 = not placed (no performance or no potential).
Aggregations run in the database (one query per source), the placing in numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import Avg, Case, F, FloatField, QuerySet, Sum, Value, When
from django.db.models.functions import Least

from renbang.needs.models import Campaign, CurrentLevel, JobMatch, Need
from renbang.people.models import Employee, PerformanceRecord

from .models import TalentSettings
from .outlook import settings_for

LEVEL_LABELS = {1: "rendah", 2: "menengah", 3: "tinggi"}


@dataclass
class Box:
    """Aligned arrays over employees (ordered by primary key)."""

    employee_ids: np.ndarray
    performance: np.ndarray  # mean predicate score; NaN = no SKP in the window
    potential: np.ndarray  # %; NaN = nothing measured
    jpm: np.ndarray
    next_match: np.ndarray
    ac_match: np.ndarray
    perf_level: np.ndarray  # 0 unknown, 1..3
    pot_level: np.ndarray
    box: np.ndarray  # 0 = not placed, 1..9
    years: tuple[int, ...]
    campaign: Campaign | None

    def index(self) -> dict[int, int]:
        return {int(e): i for i, e in enumerate(self.employee_ids.tolist())}

    def of(self, employee_id: int) -> dict | None:
        i = self.index().get(employee_id)
        if i is None:
            return None
        return {k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in {
            "performance": float(self.performance[i]), "potential": float(self.potential[i]),
            "jpm": float(self.jpm[i]), "next_match": float(self.next_match[i]), "ac_match": float(self.ac_match[i]),
            "perf_level": int(self.perf_level[i]), "pot_level": int(self.pot_level[i]), "box": int(self.box[i]),
        }.items()}


def latest_campaign(agency_id: int) -> Campaign | None:
    return (Campaign.objects.filter(agency_id=agency_id, status=Campaign.Status.CLOSED)
            .order_by("-year", "-closed_at", "-pk").first())


def _fill(ids: np.ndarray, pairs) -> np.ndarray:
    """Values aligned with `ids` (sorted ascending) from (id, value) pairs; NaN where absent (vectorised)."""
    out = np.full(len(ids), np.nan)
    got = [(e, float(v)) for e, v in pairs if v is not None]
    if not got or not len(ids):
        return out
    keys = np.fromiter((e for e, _v in got), dtype=np.int64, count=len(got))
    values = np.fromiter((v for _e, v in got), dtype=np.float64, count=len(got))
    pos = np.minimum(np.searchsorted(ids, keys), len(ids) - 1)
    hit = ids[pos] == keys
    out[pos[hit]] = values[hit]
    return out


def levels(values: np.ndarray, high: float, mid: float) -> np.ndarray:
    out = np.where(values >= high, 3, np.where(values >= mid, 2, 1))
    return np.where(np.isnan(values), 0, out).astype(np.int8)


def box_numbers(perf: np.ndarray, pot: np.ndarray, numbers: dict[str, int]) -> np.ndarray:
    table = np.zeros((4, 4), dtype=np.int8)
    for key, number in numbers.items():
        p, q = (int(x) for x in key.split("-"))
        table[p, q] = number
    return table[perf, pot]


def compute(agency_id: int, employees: QuerySet[Employee] | None = None, *, conf: TalentSettings | None = None,
            campaign: Campaign | None = None) -> Box:
    conf = conf or settings_for(agency_id)
    qs = employees if employees is not None else Employee.objects.filter(agency_id=agency_id, active=True)
    ids = np.array(list(qs.order_by("pk").values_list("pk", flat=True)), dtype=np.int64)
    scope = qs.values("pk")
    # performance
    records = PerformanceRecord.objects.filter(employee__agency_id=agency_id)
    last = records.order_by("-year").values_list("year", flat=True).first()
    years: tuple[int, ...] = ()
    perf = np.full(len(ids), np.nan)
    if last is not None:
        years = tuple(range(last - int(conf.performance_years) + 1, last + 1))
        score = Case(*[When(predicate=k, then=Value(float(v))) for k, v in conf.predicate_scores.items()],
                     default=None, output_field=FloatField())
        rows = (records.filter(employee_id__in=scope, year__in=years).values("employee_id")
                .annotate(s=Avg(score)).values_list("employee_id", "s"))
        perf = _fill(ids, rows)
    # potential
    campaign = campaign if campaign is not None else latest_campaign(agency_id)
    jpm = next_match = ac = np.full(len(ids), np.nan)
    if campaign is not None:
        jpm = _fill(ids, JobMatch.objects.filter(campaign=campaign, employee_id__in=scope)
                    .values_list("employee_id", "jpm"))
        nxt = (Need.objects.filter(campaign=campaign, employee_id__in=scope, next_required__gt=0,
                                   current__isnull=False)
               .values("employee_id")
               .annotate(got=Sum(Least(F("current"), F("next_required"))), need=Sum("next_required")))
        next_match = _fill(ids, ((r["employee_id"], 100.0 * r["got"] / r["need"]) for r in nxt if r["need"]))
        ac_rows = (CurrentLevel.objects.filter(campaign=campaign, from_ac=True, employee_id__in=scope)
                   .values_list("employee_id", "competency_id", "level"))
        ac_levels = {(e, c): lv for e, c, lv in ac_rows}
        if ac_levels:
            req = Need.objects.filter(campaign=campaign, required__gt=0,
                                      employee_id__in={e for e, _c in ac_levels}).values_list(
                "employee_id", "competency_id", "required")
            got: dict[int, list[float]] = {}
            for e, c, r in req:
                if (e, c) in ac_levels:
                    acc = got.setdefault(e, [0.0, 0.0])
                    acc[0] += min(ac_levels[(e, c)], r)
                    acc[1] += r
            ac = _fill(ids, ((e, 100.0 * a / b) for e, (a, b) in got.items() if b))
    weights = np.array([float(conf.weight_jpm), float(conf.weight_next), float(conf.weight_ac)])
    parts = np.stack([jpm, next_match, ac], axis=1) if len(ids) else np.zeros((0, 3))
    present = ~np.isnan(parts)
    w = np.where(present, weights, 0.0)
    wsum = w.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        potential = np.where(wsum > 0, (np.nan_to_num(parts) * w).sum(axis=1) / np.where(wsum > 0, wsum, 1), np.nan)
    perf_level = levels(perf, float(conf.performance_high), float(conf.performance_mid))
    pot_level = levels(potential, float(conf.potential_high), float(conf.potential_mid))
    number = box_numbers(perf_level, pot_level, conf.box_numbers)
    return Box(employee_ids=ids, performance=perf, potential=potential, jpm=jpm, next_match=next_match,
               ac_match=ac, perf_level=perf_level, pot_level=pot_level, box=number, years=years, campaign=campaign)


def visible_employees(user) -> QuerySet[Employee]:
    """The employees whose box `user` may see (rules.py): through scoping.for_user, never the user themself; a
    supervisor (without an agency or unit role) sees only their subordinates, not rows other grants add."""
    from renbang.accounts import scoping

    qs = scoping.for_user(Employee.objects.filter(active=True), user)
    if user.employee_id:
        qs = qs.exclude(pk=user.employee_id)
    if not (user.is_bkpsdm_admin or user.is_head or user.is_hr_officer):
        if not user.employee_id:
            return qs.none()
        qs = qs.filter(pk__in=Employee.objects.subordinates_of(user.employee_id).values("pk"))
    return qs


def grid(result: Box, numbers: dict[str, int]) -> list[list[dict]]:
    """Rows top (performance high) to bottom, columns potential low → high, each {box, perf, pot, count}."""
    counts = np.zeros((4, 4), dtype=np.int64)
    np.add.at(counts, (result.perf_level, result.pot_level), 1)
    return [[{"perf": p, "pot": q, "count": int(counts[p, q]), "box": int(numbers.get(f"{p}-{q}", 0))}
             for q in (1, 2, 3)] for p in (3, 2, 1)]
