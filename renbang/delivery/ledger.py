"""The JP ledger: the ONE place that sums an employee's development hours (JP) of a year.

Sources (PP 11/2017 Pasal 203(4): at least 20 JP a year for each PNS; PP 49/2018 Pasal 40: PPPK at most 24 JP,
flagged here, never blocked):
- completed sessions: `Enrolment.jp` of completed enrolments, in the year of the session's end date (one row per
  session and employee, so a session is never counted twice);
- verified external claims: `ExternalClaim.jp`, in the year of the claim's end date;
- mentoring logs of the employee as mentee: `mentoring.Log.jp` (already converted by the programme's method,
  mentoring.services), in the year of the meeting;
- the training history kept in BKN SIASN (`TrainingRecord.jp`, pulled by the siasn app), in the year of its end
  date (or its year when SIASN gives no date), except the records linked to a session, claim or mentoring pair
  above: the same training is counted once.
Upcoming JP (active enrolments in sessions not yet closed that end in the year) feed the at-risk forecast.

Sums are aggregated in the database (one query per source) and aligned per employee with numpy, so the ledger of
25,000 employees is a handful of queries and vector operations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from django.db.models import Q, Sum
from django.utils import timezone

from renbang.accounts import scoping
from renbang.core import figures
from renbang.mentoring.models import Log
from renbang.org.models import OrgUnit
from renbang.people.models import Employee, EmployeeStatus

from .models import Enrolment, ExternalClaim, Session, TrainingRecord

PPPK = (EmployeeStatus.PPPK, EmployeeStatus.PPPK_PART_TIME)


@dataclass
class Ledger:
    year: int
    target: float
    pppk_cap: float
    employee_ids: np.ndarray
    unit_ids: np.ndarray
    pppk: np.ndarray
    sessions: np.ndarray
    claims: np.ndarray
    mentoring: np.ndarray
    upcoming: np.ndarray
    include_pppk: bool = False
    history: np.ndarray | None = None  # SIASN training history not already counted above

    @property
    def total(self) -> np.ndarray:
        total = self.sessions + self.claims + self.mentoring
        return total if self.history is None else total + self.history

    @property
    def subject(self) -> np.ndarray:
        """Employees the 20 JP target applies to (PNS/CPNS; PPPK only when the agency opts in)."""
        return np.ones_like(self.pppk) if self.include_pppk else ~self.pppk

    @property
    def compliant(self) -> np.ndarray:
        return self.total >= self.target - 1e-9

    @property
    def pppk_over(self) -> np.ndarray:
        return self.pppk & (self.total > self.pppk_cap + 1e-9)

    @property
    def at_risk(self) -> np.ndarray:
        """Subject to the target, not there yet, and even the sessions they are enrolled in will not get them
        there by December."""
        return self.subject & ~self.compliant & (self.total + self.upcoming < self.target - 1e-9)

    @property
    def shortfall(self) -> np.ndarray:
        return np.clip(self.target - self.total, 0, None)

    def index_of(self, employee_id: int) -> int | None:
        i = int(np.searchsorted(self.employee_ids, employee_id))
        return i if i < len(self.employee_ids) and self.employee_ids[i] == employee_id else None

    def row(self, employee_id: int) -> dict | None:
        i = self.index_of(employee_id)
        if i is None:
            return None
        return {"sessions": self.sessions[i], "claims": self.claims[i], "mentoring": self.mentoring[i],
                "history": self.history[i] if self.history is not None else 0.0,
                "total": self.total[i], "upcoming": self.upcoming[i], "compliant": bool(self.compliant[i]),
                "at_risk": bool(self.at_risk[i]), "pppk_over": bool(self.pppk_over[i]),
                "subject": bool(self.subject[i]), "shortfall": self.shortfall[i]}


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _place(ids: np.ndarray, pairs) -> np.ndarray:
    """Sum (employee_id, value) pairs into an array aligned with the sorted `ids` (others ignored)."""
    out = np.zeros(len(ids), dtype=float)
    if not pairs or not len(ids):
        return out
    keys = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
    vals = np.fromiter((float(p[1] or 0) for p in pairs), dtype=float, count=len(pairs))
    idx = np.searchsorted(ids, keys)
    idx_clipped = np.minimum(idx, len(ids) - 1)
    ok = (idx < len(ids)) & (ids[idx_clipped] == keys)
    np.add.at(out, idx_clipped[ok], vals[ok])
    return out


def jp_ledger(agency, year: int, employees=None, *, today: dt.date | None = None,
              only: list[int] | None = None) -> Ledger:
    """The ledger of `year` for the agency's active employees (or the given Employee queryset, already scoped).
    `only`: the ids of the few employees the queryset holds (one person, a page of staff), so that the sums are
    read for them alone instead of summed over the whole agency and then narrowed (the same figures)."""
    from .services import settings_for

    rules = settings_for(agency)
    start, end = _year_bounds(year)
    today = today or timezone.localdate()
    qs = employees if employees is not None else Employee.objects.filter(agency=agency, active=True)
    rows = list(qs.order_by("pk").values_list("pk", "unit_id", "status"))
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    units = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))
    pppk = np.fromiter((r[2] in PPPK for r in rows), dtype=bool, count=len(rows))
    agency_id = agency.pk
    person = {"employee_id__in": only} if only is not None else {}
    sessions = list(Enrolment.objects.filter(
        completed=True, session__agency_id=agency_id, session__end_date__gte=start, session__end_date__lte=end,
        **person,
    ).values("employee_id").annotate(s=Sum("jp")).values_list("employee_id", "s").order_by())
    claims = list(ExternalClaim.objects.filter(
        status=ExternalClaim.Status.VERIFIED, employee__agency_id=agency_id, end_date__gte=start, end_date__lte=end,
        **person,
    ).values("employee_id").annotate(s=Sum("jp")).values_list("employee_id", "s").order_by())
    mentoring = list(Log.objects.filter(
        pair__programme__agency_id=agency_id, date__gte=start, date__lte=end,
        **({"pair__mentee_id__in": only} if only is not None else {}),
    ).values("pair__mentee_id").annotate(s=Sum("jp")).values_list("pair__mentee_id", "s").order_by())
    history = list(_history_in(start, end).filter(employee__agency_id=agency_id, **person).values(
        "employee_id").annotate(s=Sum("jp")).values_list("employee_id", "s").order_by())
    upcoming = list(Enrolment.objects.filter(
        status__in=Enrolment.ACTIVE, completed=False, session__agency_id=agency_id,
        session__status__in=[Session.Status.DRAFT, Session.Status.SCHEDULED, Session.Status.RUNNING],
        session__end_date__gte=max(start, today), session__end_date__lte=end, **person,
    ).values("employee_id").annotate(s=Sum("session__jp")).values_list("employee_id", "s").order_by())
    return Ledger(year=year, target=float(rules.jp_target), pppk_cap=float(rules.pppk_jp_cap), employee_ids=ids,
                  unit_ids=units, pppk=pppk, sessions=_place(ids, sessions), claims=_place(ids, claims),
                  mentoring=_place(ids, mentoring), upcoming=_place(ids, upcoming),
                  include_pppk=rules.include_pppk_in_target, history=_place(ids, history))


def scope_ledger(user, year: int) -> tuple[Ledger, list[dict], dt.datetime]:
    """(the ledger of the active employees `user` sees, its rows per OPD, when they were computed): computed once
    per scope (the whole agency, an OPD officer's unit subtrees: `scoping.shared_viewer`), day and data version
    (`core.figures`: the models the ledger reads are watched in DeliveryConfig.ready) and shared by everyone of
    that scope; a user whose rows are theirs alone (a supervisor's staff) has entries of their own."""
    viewer = scoping.shared_viewer(user)
    who, key = (viewer, viewer.key) if viewer is not None else (user, f"user{user.pk}")
    agency = user.agency

    def compute():
        led = jp_ledger(agency, year, scoping.for_user(Employee.objects.filter(active=True), who))
        return led, compliance_by_opd(led, agency.pk)

    (led, units), computed_at = figures.cached("jp-ledger", [key, year, timezone.localdate().isoformat()], compute)
    return led, units, computed_at


def _history_in(start: dt.date, end: dt.date):
    """SIASN training records of the period that are not the same training as one Renbang already counts."""
    in_period = Q(end_date__gte=start, end_date__lte=end) | Q(end_date__isnull=True, year=start.year)
    return TrainingRecord.objects.filter(in_period, enrolment__isnull=True, claim__isnull=True,
                                         mentoring_pair__isnull=True)


def employee_jp(employee, year: int) -> dict:
    """One employee's totals (the same ledger, narrowed to them), with the agency's JP `target` the ledger read."""
    ledger = jp_ledger(employee.agency, year, Employee.objects.filter(pk=employee.pk), only=[employee.pk])
    return {**(ledger.row(employee.pk) or {}), "target": ledger.target}


def employee_jp_lines(employee, year: int) -> list[dict]:
    """The items behind an employee's JP of the year, for the 'JP saya' page (date order)."""
    start, end = _year_bounds(year)
    lines = []
    for e in Enrolment.objects.filter(employee=employee, completed=True, session__end_date__gte=start,
                                      session__end_date__lte=end).select_related("session__programme",
                                                                                 "certificate"):
        lines.append({"date": e.session.end_date, "kind": "session", "title": e.session.display_title,
                      "jp": e.jp, "enrolment": e, "certificate": getattr(e, "certificate", None)})
    for c in ExternalClaim.objects.filter(employee=employee, status=ExternalClaim.Status.VERIFIED,
                                          end_date__gte=start, end_date__lte=end):
        lines.append({"date": c.end_date, "kind": "claim", "title": c.title, "jp": c.jp, "claim": c})
    for log in Log.objects.filter(pair__mentee=employee, date__gte=start, date__lte=end).select_related(
            "pair__mentor"):
        lines.append({"date": log.date, "kind": "mentoring", "title": log.topic, "jp": log.jp, "log": log})
    for r in _history_in(start, end).filter(employee=employee):
        lines.append({"date": r.end_date or end, "kind": "siasn", "title": r.title, "jp": r.jp, "record": r})
    lines.sort(key=lambda x: (x["date"], x["kind"]))
    return lines


def _roots_for(agency_id) -> tuple[dict[int, int], dict[int, str]]:
    """unit id → its top-level unit (OPD) id, and names of the top-level units."""
    rows = list(OrgUnit.objects.filter(agency_id=agency_id).values_list("pk", "parent_id", "name"))
    parent = {pk: p for pk, p, _n in rows}
    names = {pk: n for pk, _p, n in rows}
    root: dict[int, int] = {}
    for pk in parent:
        chain, cur = [], pk
        while cur is not None and cur not in root and len(chain) < 50:
            chain.append(cur)
            cur = parent.get(cur)
        top = root[cur] if cur in root else (chain[-1] if chain else pk)
        for c in chain:
            root[c] = top
    return root, {pk: names[pk] for pk in set(root.values())}


def median_jp(led: Ledger, mask: np.ndarray | None = None) -> float | None:
    """The median JP of the employees subject to the target (within `mask`), None when there are none.

    The median, not the mean: one long course — a leadership training (PKA, PKP, PKN) or the CPNS basic training
    runs to hundreds of JP (Peraturan LAN on their curricula) — lifts a unit's mean far above what most of its
    employees have, while the 20 JP right (PP 11/2017 Pasal 203(4), as amended by PP 17/2020) is per employee."""
    chosen = led.subject if mask is None else led.subject & mask
    return float(np.median(led.total[chosen])) if chosen.any() else None


def compliance_by_opd(led: Ledger, agency_id: int) -> list[dict]:
    """Per OPD (top-level unit): employees subject to the target, compliant, at risk, PPPK over the cap, and the
    median JP of those subject to the target (`median_jp`)."""
    root, names = _roots_for(agency_id)
    if not len(led.employee_ids):
        return []
    tops = np.fromiter((root.get(int(u), int(u)) for u in led.unit_ids), dtype=np.int64, count=len(led.unit_ids))
    keys, inv = np.unique(tops, return_inverse=True)
    subject = led.subject
    result = []
    n_subject = np.bincount(inv, weights=subject, minlength=len(keys))
    n_ok = np.bincount(inv, weights=subject & led.compliant, minlength=len(keys))
    n_risk = np.bincount(inv, weights=led.at_risk, minlength=len(keys))
    n_over = np.bincount(inv, weights=led.pppk_over, minlength=len(keys))
    n_all = np.bincount(inv, minlength=len(keys))
    for i, key in enumerate(keys):
        result.append({"unit_id": int(key), "name": names.get(int(key), "-"), "employees": int(n_all[i]),
                       "subject": int(n_subject[i]), "compliant": int(n_ok[i]), "at_risk": int(n_risk[i]),
                       "pppk_over": int(n_over[i]), "median_jp": median_jp(led, inv == i),
                       "percent": float(100 * n_ok[i] / n_subject[i]) if n_subject[i] else 0.0})
    result.sort(key=lambda r: (r["percent"], r["name"]))
    return result

