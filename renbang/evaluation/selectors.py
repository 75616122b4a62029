"""Reads of evaluation for the pages: a participant's own sessions, anonymous results (nothing below the
anonymity floor), response rates, the supervisor's follow-ups, and the L3/L4 descriptions of a programme."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from renbang.accounts.scoping import for_user
from renbang.core.home import once
from renbang.engine import effectiveness as ef

from .evidence import attended_q, eligible_enrolments, programme_evidence, settings_for
from .models import EvaluationSettings, Feedback, FollowUp, ProgrammeReview, TestScore


def my_sessions(user) -> QuerySet:
    """The user's enrolments in completed sessions they attended, newest first, with `has_feedback`."""
    from renbang.delivery.models import Enrolment, Session

    if not user.employee_id:
        return Enrolment.objects.none()
    return Enrolment.objects.filter(employee_id=user.employee_id, session__status=Session.Status.COMPLETED).filter(
        attended_q()).annotate(has_feedback=Exists(Feedback.objects.filter(enrolment=OuterRef("pk")))).select_related(
        "session__programme").order_by("-session__end_date", "-pk")


@dataclass
class Results:
    """Aggregated L1 answers of a set of enrolments; `shown` is False below the anonymity floor."""

    responses: int
    eligible: int
    anonymity_min: int
    shown: bool
    summaries: dict[str, ef.LikertSummary] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)
    tests: int = 0
    gain: float = float("nan")
    mean_pre: float = float("nan")
    mean_post: float = float("nan")

    @property
    def rate(self) -> float:
        return self.responses / self.eligible if self.eligible else float("nan")

    @property
    def gain_shown(self) -> bool:
        return not np.isnan(self.gain)

    @property
    def rate_pct(self) -> float | None:
        return None if not self.eligible else 100.0 * self.responses / self.eligible


def results_for(enrolments: QuerySet, s: EvaluationSettings, *, eligible: int) -> Results:
    """Results of the feedback given on `enrolments` (one session, or all sessions of a programme)."""
    feedback = Feedback.objects.filter(enrolment__in=enrolments)
    values = np.array(list(feedback.values_list(*Feedback.SCORE_FIELDS)), dtype=np.float64).reshape(
        -1, len(Feedback.SCORE_FIELDS))
    n = int(values.shape[0])
    res = Results(responses=n, eligible=eligible, anonymity_min=s.anonymity_min, shown=n >= s.anonymity_min)
    scores = np.array(list(TestScore.objects.filter(enrolment__in=enrolments, pre__isnull=False,
                                                    post__isnull=False).values_list("pre", "post", "maximum")),
                      dtype=np.float64).reshape(-1, 3)
    res.tests = int(scores.shape[0])
    if res.tests >= s.anonymity_min:
        res.gain = ef.class_gain(scores[:, 0], scores[:, 1], scores[:, 2])
        res.mean_pre = float(np.mean(scores[:, 0] / scores[:, 2] * 100))
        res.mean_post = float(np.mean(scores[:, 1] / scores[:, 2] * 100))
    if not res.shown:
        return res
    for i, name in enumerate(Feedback.SCORE_FIELDS):
        res.summaries[name] = ef.likert_summary(values[:, i], low_score=s.low_benefit_score,
                                                confidence=float(s.confidence))
    # Comments without names or dates, in a fixed order that does not follow the order of submission.
    res.comments = sorted(c.strip() for c in feedback.exclude(comment="").values_list("comment", flat=True))
    return res


def session_results(session, s: EvaluationSettings) -> Results:
    from renbang.delivery.models import Enrolment

    enrolments = Enrolment.objects.filter(session=session)
    eligible = eligible_enrolments(session.agency_id).filter(session=session).count()
    return results_for(enrolments, s, eligible=eligible)


def programme_results(programme, s: EvaluationSettings) -> Results:
    from renbang.delivery.models import Enrolment

    enrolments = Enrolment.objects.filter(session__programme=programme)
    eligible = eligible_enrolments(programme.agency_id).filter(session__programme=programme).count()
    return results_for(enrolments, s, eligible=eligible)


def response_rates(agency_id: int, *, year: int | None = None, programme_id: int | None = None) -> QuerySet:
    """Completed sessions with `eligible` (attended) and `responses` (feedback given), newest first; 1 query."""
    from renbang.delivery.models import Session

    eligible = eligible_enrolments(agency_id).filter(session=OuterRef("pk")).values("session").annotate(
        c=Count("pk")).values("c")
    qs = Session.objects.filter(agency_id=agency_id, status=Session.Status.COMPLETED)
    if year:
        qs = qs.filter(end_date__year=year)
    if programme_id:
        qs = qs.filter(programme_id=programme_id)
    return qs.annotate(
        eligible=Coalesce(Subquery(eligible, output_field=IntegerField()), 0),
        responses=Count("enrolments__feedback", distinct=True),
    ).select_related("programme").order_by("-end_date", "-pk")


def follow_ups_for(user, *, pending_only: bool = False) -> QuerySet:
    """Follow-ups the user answers: their own subordinates' (as the addressed supervisor); all for BKPSDM."""
    qs = for_user(FollowUp.objects.all(), user).select_related(
        "enrolment__employee", "enrolment__session__programme", "supervisor")
    if not user.is_bkpsdm_admin:
        qs = qs.filter(supervisor_id=user.employee_id) if user.employee_id else qs.none()
    if pending_only:
        qs = qs.filter(applied="")
    return qs.order_by("applied", "due_on", "pk")


# ----- L3 level change and L4 performance, descriptive -----------------------------------------------------------


@dataclass
class Change:
    pairs: int = 0  # participant × competency (L3) or participants (L4) with both before and after
    up: int = 0
    same: int = 0
    down: int = 0
    mean: float = float("nan")
    before: Counter = field(default_factory=Counter)
    after: Counter = field(default_factory=Counter)


def _summarise(change: Change, deltas: list[int]) -> Change:
    if deltas:
        arr = np.asarray(deltas)
        change.pairs, change.mean = int(arr.size), float(arr.mean())
        change.up, change.same, change.down = (int((arr > 0).sum()), int((arr == 0).sum()), int((arr < 0).sum()))
    return change


def level_change(programme) -> Change:
    """L3: for each completer × competency the programme targets, the level from the last computed campaign that
    ended before the session started and from the first that started after it ended (needs' CurrentLevel)."""
    from renbang.delivery.models import Enrolment
    from renbang.needs.models import CurrentLevel

    comps = list(programme.targets.values_list("competency_id", flat=True))
    done = list(Enrolment.objects.filter(session__programme=programme, completed=True).values_list(
        "employee_id", "session__start_date", "session__end_date"))
    change = Change()
    if not comps or not done:
        return change
    levels: dict[tuple[int, int], list[tuple]] = {}
    for emp, comp, level, start, end in CurrentLevel.objects.filter(
            employee_id__in={d[0] for d in done}, competency_id__in=comps,
            campaign__computed_at__isnull=False).values_list(
            "employee_id", "competency_id", "level", "campaign__period_start", "campaign__period_end"):
        levels.setdefault((emp, comp), []).append((start, end, level))
    deltas = []
    for emp, start, end in done:
        for comp in comps:
            rows = levels.get((emp, comp), [])
            before = [r for r in rows if r[1] < start]
            after = [r for r in rows if r[0] > end]
            if not before or not after:
                continue
            b = max(before, key=lambda r: r[1])[2]
            a = min(after, key=lambda r: r[0])[2]
            deltas.append(a - b)
    return _summarise(change, deltas)


def performance_change(programme) -> Change:
    """L4, descriptive only: each completer's SKP predicate of the last year before the session and of the first
    year from the year it ended (PermenPANRB 6/2022 predicates). No causal claim: many things change performance."""
    from renbang.delivery.models import Enrolment
    from renbang.people.models import PerformanceRecord, Predicate

    done = list(Enrolment.objects.filter(session__programme=programme, completed=True).values_list(
        "employee_id", "session__start_date", "session__end_date"))
    change = Change()
    if not done:
        return change
    records: dict[int, list[tuple[int, str]]] = {}
    for emp, year, predicate in PerformanceRecord.objects.filter(employee_id__in={d[0] for d in done}).values_list(
            "employee_id", "year", "predicate"):
        records.setdefault(emp, []).append((year, predicate))
    order = {p: i for i, p in enumerate(reversed(Predicate.values))}  # higher is better
    deltas = []
    for emp, start, end in done:
        rows = records.get(emp, [])
        before = [r for r in rows if r[0] < start.year]
        after = [r for r in rows if r[0] >= end.year]
        if not before or not after:
            continue
        b = max(before)[1]
        a = min(after)[1]
        change.before[Predicate(b).label] += 1
        change.after[Predicate(a).label] += 1
        deltas.append(order[a] - order[b])
    return _summarise(change, deltas)


def sessions_of_programme(programme) -> QuerySet:
    return response_rates(programme.agency_id, programme_id=programme.pk)


def flagged_ids(evidence: dict) -> list[int]:
    return sorted((pid for pid, e in evidence.items() if e.flagged),
                  key=lambda pid: -evidence[pid].low_lower)


# ----- what the cycle app reads (renbang.cycle.sources) ---------------------------------------------------------


def flagged_for_user(user, year: int, *, limit: int = 5) -> dict | None:
    """{"count", "ids", "undecided": flagged programmes with no decision recorded in `year`, "rows": the `limit`
    most clearly flagged as {title, reason, url}, "url": the flagged page} of the programmes in the user's scope,
    flagged on the evidence of the sessions that ended in `year` (the dashboard's year; the link opens the flagged
    page for the same year, so the figure and the page agree). The year's evidence is `year_evidence`, shared
    with the cycle's step on the home page (computed once there)."""
    from renbang.catalog.models import Programme

    if not user.agency_id:
        return None
    _sessions, evidence, _methods = year_evidence(user.agency_id, year)
    sees = user.has_perm("evaluation.view_results")
    out = {"count": 0, "ids": [], "undecided": [], "rows": [], "year": year,
           "url": f'{reverse("evaluation:flagged")}?tahun={year}' if sees else None}
    flagged_here = [pid for pid, e in evidence.items() if e.flagged]
    if not flagged_here:
        return out
    in_scope = set(for_user(Programme.objects.filter(pk__in=flagged_here), user).values_list("pk", flat=True))
    flagged = [pid for pid in flagged_ids(evidence) if pid in in_scope]
    out["count"] = len(flagged)
    out["ids"] = flagged
    out["undecided"] = undecided(flagged, year)
    out["rows"] = [{"title": evidence[pid].title, "url": reverse("evaluation:programme_report", args=[pid])
                    if sees else None,
                    "reason": _("%(low)s dari %(n)s responden menilai manfaatnya rendah") % {
                        "low": evidence[pid].low, "n": evidence[pid].responses}}
                   for pid in flagged[:limit]]
    return out


def undecided(programme_ids: list[int], year: int) -> list[int]:
    """Of these (flagged) programmes, those with no decision (ProgrammeReview) recorded in `year`, order kept."""
    if not programme_ids:
        return []
    decided = set(ProgrammeReview.objects.filter(programme_id__in=programme_ids, decided_at__year=year)
                  .values_list("programme_id", flat=True))
    return [pid for pid in programme_ids if pid not in decided]


def feedback_owed(user, employee, *, today: dt.date | None = None) -> list[dict]:
    """The employee's attended sessions still waiting for their feedback within the feedback window, as
    {title, due, url} (the evaluation feedback form), soonest due first. Only the user's own: [] for anyone else."""
    if not user.employee_id or employee is None or user.employee_id != employee.pk:
        return []
    today = today or timezone.localdate()
    # Newest first, so the sessions still open come first; the settings are read only when there is any.
    rows = list(my_sessions(user).filter(has_feedback=False, session__end_date__lte=today)[:50])
    if not rows:
        return []
    days = dt.timedelta(days=settings_for(employee.agency_id).feedback_days)
    owed = [{"title": e.session.programme.title, "session_id": e.session_id, "due": e.session.end_date + days,
             "url": reverse("evaluation:feedback", args=[e.session_id])} for e in rows
            if today <= e.session.end_date + days]
    return sorted(owed, key=lambda r: (r["due"], r["session_id"]))


def year_evidence(agency_id: int, year: int):
    """(completed sessions of the year per method, programme and method evidence of the year): the evidence of
    every programme with a session that ended in `year`. Once per home page (`renbang.core.home.once`): the
    flagged-programmes task and the cycle's evaluation step both read it."""
    return once(("evaluation.year_evidence", agency_id, year), lambda: _year_evidence(agency_id, year))


def _year_evidence(agency_id: int, year: int):
    from renbang.delivery.models import Session

    sessions = list(Session.objects.filter(agency_id=agency_id, status=Session.Status.COMPLETED,
                                           end_date__year=year).values_list("programme_id", "programme__method_id"))
    if not sessions:
        return Counter(), {}, {}
    evidence, methods = programme_evidence(agency_id, {p for p, _m in sessions}, with_methods=True, year=year)
    return Counter(m for _p, m in sessions), evidence, methods


def effectiveness_by_method(agency_id: int, year: int) -> list[dict]:
    """Rows {method, score, n} of the methods evaluated in the year: the measured effectiveness (the catalogue's
    value shrunk toward the year's evidence, in [0, 1]) and the number of completed sessions, best first."""
    sessions, _evidence, methods = year_evidence(agency_id, year)
    rows = [{"method": m.method_name, "score": round(m.value, 2), "n": sessions[mid]}
            for mid, m in methods.items() if m.has_evidence]
    return sorted(rows, key=lambda r: (-r["score"], r["method"]))


def year_figures(agency_id: int, year: int) -> dict:
    """{"sessions", "attended", "responses", "rate" (% or None), "flagged"} of the year's evaluation."""
    sessions, evidence, _methods = year_evidence(agency_id, year)
    eligible = sum(e.eligible for e in evidence.values())
    responses = sum(e.responses for e in evidence.values())
    return {"sessions": sum(sessions.values()), "attended": eligible, "responses": responses,
            "rate": round(100 * responses / eligible, 1) if eligible else None,
            "flagged": sum(1 for e in evidence.values() if e.flagged)}


def year_summary(agency_id: int, year: int) -> dict:
    """{"figures": {label: value}} of the year's evaluation for the yearly report (aggregates only)."""
    f = year_figures(agency_id, year)
    return {"figures": {
        _("Sesi selesai"): f["sessions"],
        _("Peserta hadir"): f["attended"],
        _("Umpan balik diterima"): f["responses"],
        _("Tingkat respons (%)"): "–" if f["rate"] is None else f["rate"],
        _("Program ditandai manfaat rendah"): f["flagged"],
    }}
