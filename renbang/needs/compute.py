"""From ORM rows to the engine and back: current levels, then gaps, JPM and priorities, for a whole campaign.

Three steps, each a function, so that the benchmark can time them apart:
`load_inputs` (bulk reads), `compute` (numpy, renbang.engine.gaps) and `write_results` (bulk writes).

Current level (per employee × competency), documented in docs/panduan/analisis-kebutuhan.md:
1. if the campaign accepts assessment-centre results, the most recent AC result dated within the validity
   period before the campaign's end wins;
2. otherwise the weighted mean of the submitted self, supervisor and peer ratings (peers averaged first) with
   the campaign's weights, renormalised over the sources present, rounded half up (2.5 → 3);
3. self and supervisor ratings `NEEDS_DISAGREEMENT_LEVELS` (2) or more apart are flagged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Avg, Case, IntegerField, Value, When
from django.utils import timezone

from renbang.core import figures
from renbang.engine import gaps as engine
from renbang.people.models import PerformanceRecord

from . import selectors
from .models import AgreedNeed, Assessment, AssessmentScore, Campaign, CurrentLevel, JobMatch, Need, PriorityWeights

SOURCES = ("self", "supervisor", "peer")
BATCH = 5000


def _months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 - months
    year = day.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def _fetch(queryset, *fields) -> np.ndarray:
    """An integer matrix of `fields` straight from the database cursor (no model or dict per row)."""
    from django.db import connections

    sql, params = queryset.values_list(*fields).query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return np.array(rows, dtype=np.int64).reshape(-1, len(fields)) if rows else np.zeros((0, len(fields)), np.int64)


def bulk_insert(model, fields: list[str], rows: list[tuple]) -> None:
    """Insert many rows: COPY on PostgreSQL, executemany elsewhere (both far faster than bulk_create).

    Only for derived tables the computation owns (CurrentLevel, Need, JobMatch): no signals, no audit.
    """
    from django.db import connection

    if not rows:
        return
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(f).column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608 (names only)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start:start + BATCH])


def _nullable(values: np.ndarray, digits: int | None = None) -> list:
    """A float column as Python values for the database: NaN → None, else int (or rounded)."""
    return [None if v != v else (round(v, digits) if digits else int(v)) for v in values.tolist()]


def _index(values: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of `values` in the sorted `keys`, and a mask of those found."""
    pos = np.searchsorted(keys, values)
    pos = np.clip(pos, 0, max(len(keys) - 1, 0))
    found = keys[pos] == values if len(keys) else np.zeros(len(values), dtype=bool)
    return pos, found


# --- step 1: current levels --------------------------------------------------------------------------------

def compute_current_levels(campaign: Campaign) -> int:
    """Materialise CurrentLevel rows for the campaign's target employees; returns the number of rows."""
    employees = np.array(sorted(selectors.target_employees(campaign).values_list("pk", flat=True)), dtype=np.int64)
    scores = AssessmentScore.objects.filter(assessment__campaign=campaign,
                                            assessment__status=Assessment.Status.SUBMITTED,
                                            assessment__source__in=SOURCES)
    source_index = Case(*(When(assessment__source=name, then=Value(i)) for i, name in enumerate(SOURCES)),
                        output_field=IntegerField())
    fetched = _fetch(scores.annotate(src=source_index), "assessment__employee_id", "competency_id", "level", "src")
    rows, src_all = fetched[:, :3], fetched[:, 3]
    ac_rows = np.zeros((0, 3), dtype=np.int64)
    if campaign.ac_on:
        since = _months_before(campaign.period_end, campaign.validity_months)
        ac = (AssessmentScore.objects.filter(assessment__source="ac", assessment__assessed_on__gte=since,
                                             assessment__assessed_on__lte=campaign.period_end,
                                             assessment__employee__agency_id=campaign.agency_id)
              .order_by("assessment__assessed_on", "assessment_id"))
        ac_rows = _fetch(ac, "assessment__employee_id", "competency_id", "level")
    competencies = np.unique(np.concatenate([rows[:, 1], ac_rows[:, 1]]))
    n_e, n_k = len(employees), len(competencies)
    sums = np.zeros((n_e, n_k, 3))
    counts = np.zeros((n_e, n_k, 3))
    if len(rows):
        src = src_all
        ei, found = _index(rows[:, 0], employees)
        ki, _ = _index(rows[:, 1], competencies)
        np.add.at(sums, (ei[found], ki[found], src[found]), rows[found, 2])
        np.add.at(counts, (ei[found], ki[found], src[found]), 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        levels = np.where(counts > 0, sums / np.where(counts > 0, counts, 1), np.nan)
    w = campaign.source_weights()
    combined = engine.combine_levels(levels, [w["self"], w["supervisor"], w["peer"]])
    from_ac = np.zeros((n_e, n_k), dtype=bool)
    if len(ac_rows):
        ei, found = _index(ac_rows[:, 0], employees)
        ki, _ = _index(ac_rows[:, 1], competencies)
        # rows are ordered by date: a later assignment overwrites, so the most recent result wins
        combined[ei[found], ki[found]] = ac_rows[found, 2]
        from_ac[ei[found], ki[found]] = True
    threshold = int(settings.RENBANG["NEEDS_DISAGREEMENT_LEVELS"])
    flags = engine.disagreement(levels[:, :, 0], levels[:, :, 1], threshold) if n_k else np.zeros((n_e, 0), bool)
    e_idx, k_idx = np.nonzero(~np.isnan(combined))
    records = list(zip(
        [campaign.pk] * len(e_idx), employees[e_idx].tolist(), competencies[k_idx].tolist(),
        combined[e_idx, k_idx].astype(int).tolist(), from_ac[e_idx, k_idx].tolist(),
        _nullable(levels[e_idx, k_idx, 0]), _nullable(levels[e_idx, k_idx, 1]),
        _nullable(levels[e_idx, k_idx, 2], 2), flags[e_idx, k_idx].tolist(), strict=True))
    CurrentLevel.objects.filter(campaign=campaign).delete()
    bulk_insert(CurrentLevel, ["campaign", "employee", "competency", "level", "from_ac", "self_level",
                               "supervisor_level", "peer_level", "disagreement"], records)
    return len(records)


# --- step 2: gaps, JPM, priorities -------------------------------------------------------------------------

@dataclass
class Inputs:
    employees: np.ndarray  # E ids, sorted
    units: np.ndarray  # E unit ids
    competencies: np.ndarray  # K ids, sorted
    required: np.ndarray  # E×K (0 = not required)
    next_required: np.ndarray  # E×K
    current: np.ndarray  # E×K, NaN = not assessed
    predicates: list[str | None]  # E
    importance: np.ndarray  # K in [0, 1]
    weights: engine.Weights
    performance_map: dict[str, float]


@dataclass
class Results:
    gap: np.ndarray
    next_gap: np.ndarray
    jpm: np.ndarray
    bands: list[str]
    performance_gap: np.ndarray
    priority: np.ndarray


def weights_for(agency_id: int) -> PriorityWeights:
    weights = PriorityWeights.objects.filter(agency_id=agency_id).first()
    return weights or PriorityWeights(agency_id=agency_id)


def load_inputs(campaign: Campaign) -> Inputs:
    """Every row the computation needs, in a handful of bulk queries."""
    staff = _fetch(selectors.target_employees(campaign).order_by("pk"), "pk", "unit_id", "position_id")
    employees, units, positions = staff[:, 0], staff[:, 1], staff[:, 2]
    current_std, next_std = selectors.career_required_levels(set(positions.tolist()))
    levels = _fetch(CurrentLevel.objects.filter(campaign=campaign).order_by(), "employee_id", "competency_id",
                    "level")
    comp_ids = {c for table in (current_std, next_std) for row in table.values() for c in row}
    competencies = np.array(sorted(comp_ids), dtype=np.int64)
    n_e, n_k = len(employees), len(competencies)
    pos_ids = np.array(sorted(set(positions.tolist())), dtype=np.int64)
    req_p = np.zeros((len(pos_ids), n_k))
    next_p = np.zeros((len(pos_ids), n_k))
    k_of = {int(c): i for i, c in enumerate(competencies)}
    for p, pid in enumerate(pos_ids.tolist()):
        for c, lvl in current_std.get(pid, {}).items():
            req_p[p, k_of[c]] = lvl
        for c, lvl in next_std.get(pid, {}).items():
            next_p[p, k_of[c]] = lvl
    p_idx, _ = _index(positions, pos_ids)
    required = req_p[p_idx] if n_e else np.zeros((0, n_k))
    next_required = next_p[p_idx] if n_e else np.zeros((0, n_k))
    current = np.full((n_e, n_k), np.nan)
    if len(levels) and n_k:
        ei, found_e = _index(levels[:, 0], employees)
        ki, found_k = _index(levels[:, 1], competencies)
        ok = found_e & found_k
        current[ei[ok], ki[ok]] = levels[ok, 2]
    predicate_of = dict(PerformanceRecord.objects.filter(employee__agency_id=campaign.agency_id,
                                                         year__lte=campaign.year)
                        .order_by("employee_id", "year").values_list("employee_id", "predicate"))
    predicates = [predicate_of.get(int(e)) for e in employees]
    importance = np.full(n_k, 0.5)  # DIF "sedang" on all three: (2 + 2 + 2 − 3) / 6
    dif = (AgreedNeed.objects.filter(focus_group__agency_id=campaign.agency_id, focus_group__campaign=campaign)
           .values("competency_id").annotate(d=Avg("difficulty"), i=Avg("importance"), f=Avg("frequency")))
    for row in dif:
        if row["competency_id"] in k_of:
            importance[k_of[row["competency_id"]]] = float(engine.dif_score(row["d"], row["i"], row["f"]))
    weights = weights_for(campaign.agency_id)
    return Inputs(employees, units, competencies, required, next_required, current, predicates, importance,
                  weights.engine_weights(), dict(weights.performance_gap_map))


def compute(inputs: Inputs) -> Results:
    gap = engine.gaps(inputs.required, inputs.current)
    next_gap = engine.gaps(inputs.next_required, inputs.current)
    jpm = engine.jpm(inputs.required, inputs.current)
    perf = engine.performance_gap(inputs.predicates, inputs.performance_map)
    priority = engine.priority(gap, inputs.importance[None, :], perf[:, None], next_gap, inputs.weights)
    return Results(gap, next_gap, jpm, engine.jpm_bands(jpm), perf, priority)


def write_results(campaign: Campaign, inputs: Inputs, results: Results) -> int:
    e_idx, k_idx = np.nonzero((inputs.required > 0) | (inputs.next_required > 0))
    emp, unit = inputs.employees.tolist(), inputs.units.tolist()
    cur = inputs.current
    current = _nullable(cur[e_idx, k_idx])
    needs = list(zip(
        [campaign.pk] * len(e_idx), inputs.employees[e_idx].tolist(), inputs.units[e_idx].tolist(),
        inputs.competencies[k_idx].tolist(), inputs.required[e_idx, k_idx].astype(int).tolist(), current,
        results.gap[e_idx, k_idx].astype(int).tolist(), inputs.next_required[e_idx, k_idx].astype(int).tolist(),
        results.next_gap[e_idx, k_idx].astype(int).tolist(), np.round(results.priority[e_idx, k_idx], 2).tolist(),
        strict=True))
    matches = [
        (campaign.pk, emp[e], unit[e], None if np.isnan(results.jpm[e]) else round(float(results.jpm[e]), 2),
         results.bands[e], round(float(results.performance_gap[e]), 2), inputs.predicates[e] or "")
        for e in range(len(emp))
    ]
    Need.objects.filter(campaign=campaign).delete()
    JobMatch.objects.filter(campaign=campaign).delete()
    bulk_insert(Need, ["campaign", "employee", "unit", "competency", "required", "current", "gap", "next_required",
                       "next_gap", "priority"], needs)
    bulk_insert(JobMatch, ["campaign", "employee", "unit", "jpm", "band", "performance_gap", "predicate"], matches)
    return len(needs)


def compute_needs(campaign: Campaign, job=None) -> int:
    _report(job, 45, "Membaca standar kompetensi, level saat ini dan predikat kinerja…")
    inputs = load_inputs(campaign)
    _report(job, 60, "Menghitung kesenjangan, JPM dan prioritas…")
    results = compute(inputs)
    _report(job, 70, "Menyimpan hasil…")
    with transaction.atomic():
        return write_results(campaign, inputs, results)


def _report(job, percent: int, message: str) -> None:
    if job is not None:
        job.report(percent, message)


def compute_campaign(campaign: Campaign, job=None) -> dict:
    """Current levels, then needs, for a closed campaign (inline or from the job worker).

    Each step writes in its own transaction and the progress is reported between them, outside any
    transaction, so that the campaign page (polling the Job) sees it while the worker runs.
    """
    _report(job, 5, "Menghitung level kompetensi saat ini…")
    with transaction.atomic():
        levels = compute_current_levels(campaign)
    needs = compute_needs(campaign, job)
    campaign.computed_at = timezone.now()
    Campaign.objects.filter(pk=campaign.pk).update(computed_at=campaign.computed_at)
    figures.bump()  # the needs were written in bulk (no signals): the figures made of them are read again
    _report(job, 95, f"Selesai: {needs} baris kebutuhan.")
    return {"current_levels": levels, "needs": needs}
