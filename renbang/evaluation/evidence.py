"""Programme and method effectiveness from the evaluation data: a handful of grouped queries, then the vectorised
maths of renbang.engine.effectiveness. Aggregates only: nothing here names a respondent.

`programme_evidence(agency_id)` is what the pages, the flag, the alternatives and the planning loop all use, so
they can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from django.db.models import Avg, Count, Exists, OuterRef, Q

from renbang.catalog.models import Programme
from renbang.engine import effectiveness as ef

from .models import EvaluationSettings, Feedback, FollowUp, TestScore


def settings_for(agency_id: int | None) -> EvaluationSettings:
    """The agency's evaluation settings (unsaved defaults when BKPSDM has not changed any)."""
    found = EvaluationSettings.objects.filter(agency_id=agency_id).first() if agency_id else None
    return found or EvaluationSettings(agency_id=agency_id)


@dataclass
class Evidence:
    """What is known about one programme (or one method: then `programme_id` is None)."""

    programme_id: int | None
    code: str
    title: str
    method_id: int
    method_code: str
    method_name: str
    prior: float  # catalogue effectiveness (override or method default)
    eligible: int = 0  # participants who attended completed sessions (may give feedback)
    responses: int = 0
    means: dict[str, float] = field(default_factory=dict)  # per score field, NaN if none
    low: int = 0
    low_share: float = float("nan")
    low_lower: float = 0.0
    low_upper: float = 1.0
    flagged: bool = False
    tests: int = 0
    gain: float = float("nan")  # class normalised gain
    follow_ups: int = 0
    applied_share: float = float("nan")
    observed: float = float("nan")  # pooled evidence in [0, 1]
    observations: int = 0
    value: float = 0.0  # shrunk effectiveness
    lower: float = 0.0
    upper: float = 1.0
    programmes: int = 1

    @property
    def response_rate(self) -> float:
        return self.responses / self.eligible if self.eligible else float("nan")

    @property
    def has_evidence(self) -> bool:
        return self.observations > 0

    def value_decimal(self) -> Decimal:
        return Decimal(str(round(self.value, 2)))


def attended_q() -> Q:
    """Enrolments that attended: completed, or present (or late) on at least one day."""
    from renbang.delivery.models import Attendance

    present = Attendance.objects.filter(enrolment=OuterRef("pk"), status__in=Attendance.PRESENT_STATUSES)
    return Q(completed=True) | Q(Exists(present))


def eligible_enrolments(agency_id: int):
    """Enrolments that may give feedback: of a completed session of the agency, having attended."""
    from renbang.delivery.models import Enrolment, Session

    return Enrolment.objects.filter(session__agency_id=agency_id, session__status=Session.Status.COMPLETED).filter(
        attended_q())


def programme_evidence(agency_id: int, programme_ids: Iterable[int] | None = None, *,
                       settings: EvaluationSettings | None = None, with_methods: bool = False,
                       year: int | None = None
                       ) -> dict[int, Evidence] | tuple[dict[int, Evidence], dict[int, Evidence]]:
    """{programme_id: Evidence} for the agency's programmes (all, or `programme_ids`); six queries.

    With `with_methods`, also {method_id: Evidence} pooling the programmes of each method. With `year`, only the
    data of sessions that ended in that year counts (the cycle's yearly figures and years comparison).
    """
    s = settings or settings_for(agency_id)
    programmes = Programme.objects.filter(agency_id=agency_id).select_related("method")
    if programme_ids is not None:
        programmes = programmes.filter(pk__in=list(programme_ids))
    rows = {p.pk: Evidence(programme_id=p.pk, code=p.code, title=p.title, method_id=p.method_id,
                           method_code=p.method.code, method_name=p.method.name, prior=float(p.effectiveness))
            for p in programmes}
    if not rows:
        return (rows, {}) if with_methods else rows
    ids = list(rows)
    key = "enrolment__session__programme_id"
    low = s.low_benefit_score
    annotations = {f: Avg(f) for f in Feedback.SCORE_FIELDS}
    in_year = {"enrolment__session__end_date__year": year} if year else {}
    for r in Feedback.objects.filter(**{f"{key}__in": ids}, **in_year).values(key).annotate(
            n=Count("pk"), low=Count("pk", filter=Q(benefit__lte=low)), **annotations):
        e = rows[r[key]]
        e.responses, e.low = r["n"], r["low"]
        e.means = {f: float(r[f]) for f in Feedback.SCORE_FIELDS}
    for r in eligible_enrolments(agency_id).filter(
            session__programme_id__in=ids, **({"session__end_date__year": year} if year else {})).values(
            "session__programme_id").annotate(n=Count("pk")):
        rows[r["session__programme_id"]].eligible = r["n"]
    scores = np.array(list(TestScore.objects.filter(**{f"{key}__in": ids}, **in_year, pre__isnull=False,
                                                    post__isnull=False).values_list(key, "pre", "post", "maximum")),
                      dtype=np.float64).reshape(-1, 4)
    for pid in np.unique(scores[:, 0]).astype(int) if scores.size else []:
        part = scores[scores[:, 0] == pid]
        rows[pid].tests = int(part.shape[0])
        rows[pid].gain = ef.class_gain(part[:, 1], part[:, 2], part[:, 3])
    for r in FollowUp.objects.filter(**{f"{key}__in": ids}, **in_year).exclude(applied="").values(key).annotate(
            n=Count("pk"), yes=Count("pk", filter=Q(applied=FollowUp.Applied.YES)),
            partly=Count("pk", filter=Q(applied=FollowUp.Applied.PARTLY))):
        e = rows[r[key]]
        e.follow_ups = r["n"]
        e.applied_share = (r["yes"] + 0.5 * r["partly"]) / r["n"]
    _compute(list(rows.values()), s)
    if not with_methods:
        return rows
    return rows, _methods(rows, s)


def _compute(items: list[Evidence], s: EvaluationSettings) -> None:
    """Fill the Wilson interval, the flag and the shrunk estimate of each item (vectorised over items)."""
    confidence = float(s.confidence)
    n = np.array([e.responses for e in items], dtype=np.float64)
    k = np.array([e.low for e in items], dtype=np.float64)
    p, lo, up = ef.wilson_interval(k, n, confidence)
    flags = ef.flag_low_benefit(k, n, min_responses=s.min_responses, threshold=float(s.low_benefit_threshold),
                                confidence=confidence)
    benefit = np.array([e.means.get("benefit", np.nan) for e in items], dtype=np.float64)
    gains = np.clip(np.array([e.gain for e in items], dtype=np.float64), 0.0, 1.0)
    applied = np.array([e.applied_share for e in items], dtype=np.float64)
    means = np.vstack([ef.likert_to_unit(benefit), gains, applied])
    counts = np.vstack([n, [e.tests for e in items], [e.follow_ups for e in items]]).astype(np.float64)
    pooled, obs = ef.pool_levels(means, counts, [float(s.weight_l1), float(s.weight_l2), float(s.weight_l3)])
    prior = np.array([e.prior for e in items], dtype=np.float64)
    est = ef.shrunk_effectiveness(pooled, obs, prior, prior_strength=float(s.prior_strength),
                                  confidence=confidence)
    for i, e in enumerate(items):
        e.low_share, e.low_lower, e.low_upper, e.flagged = float(p[i]), float(lo[i]), float(up[i]), bool(flags[i])
        e.observed, e.observations = float(pooled[i]), int(obs[i])
        e.value, e.lower, e.upper = float(est.value[i]), float(est.lower[i]), float(est.upper[i])


def _methods(rows: dict[int, Evidence], s: EvaluationSettings) -> dict[int, Evidence]:
    """Pool programme evidence per method: sums of counts, response-weighted means; prior = method default."""
    from renbang.catalog.models import Method

    grouped: dict[int, list[Evidence]] = {}
    for e in rows.values():
        grouped.setdefault(e.method_id, []).append(e)
    defaults = dict(Method.objects.filter(pk__in=list(grouped)).values_list("pk", "effectiveness"))
    out: dict[int, Evidence] = {}
    for mid, items in grouped.items():
        first = items[0]
        m = Evidence(programme_id=None, code=first.method_code, title=first.method_name, method_id=mid,
                     method_code=first.method_code, method_name=first.method_name,
                     prior=float(defaults.get(mid, first.prior)), programmes=len(items))
        m.responses = sum(e.responses for e in items)
        m.eligible = sum(e.eligible for e in items)
        m.low = sum(e.low for e in items)
        if m.responses:
            m.means = {f: sum(e.means.get(f, 0.0) * e.responses for e in items) / m.responses
                       for f in Feedback.SCORE_FIELDS}
        m.tests = sum(e.tests for e in items)
        if m.tests:
            m.gain = sum(e.gain * e.tests for e in items if e.tests and not np.isnan(e.gain)) / m.tests
        m.follow_ups = sum(e.follow_ups for e in items)
        if m.follow_ups:
            m.applied_share = sum(e.applied_share * e.follow_ups for e in items if e.follow_ups) / m.follow_ups
        out[mid] = m
    _compute(list(out.values()), s)
    return out


def loop_effectiveness(agency_id: int, programme_ids: set[int]) -> dict[int, Decimal]:
    """The effectiveness source registered with the catalogue (closing the loop into planning): the shrunk
    estimate of each programme with at least `loop_min_responses` observations, as a Decimal in [0, 1]."""
    if not agency_id or not programme_ids:
        return {}
    s = settings_for(agency_id)
    rows = programme_evidence(agency_id, programme_ids, settings=s)
    return {pid: e.value_decimal() for pid, e in rows.items() if e.observations >= s.loop_min_responses}
