"""The cycle's reads of the delivery app: the JP ledger (delivery.ledger, the one place JP are summed), enrolments,
certificates and verified external claims. Kept apart from sources.py so that each later app has one adapter."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from django.db.models import Count, Sum
from django.urls import reverse

from renbang.accounts.scoping import for_user
from renbang.catalog.models import ProgrammeCompetency
from renbang.delivery import ledger
from renbang.delivery.models import Certificate, Enrolment, ExternalClaim, Session
from renbang.delivery.selectors import plan_spending
from renbang.org.models import Agency
from renbang.people.models import Employee
from renbang.plans import selectors as plans

#: SIASN keeps diklat struktural/fungsional apart from courses (riwayat diklat vs riwayat kursus); by method code.
RECORD_BY_METHOD = {"KL-STR": "Diklat struktural", "KL-FUN": "Diklat fungsional"}


def jp_of_employee(employee, year: int) -> dict:
    return ledger.employee_jp(employee, year)


def at_risk_summary(user, year: int, limit: int = 8) -> dict:
    """Employees in the user's scope at risk of missing the JP target (delivery's ledger rule), first rows."""
    employees = for_user(Employee.objects.filter(active=True), user)
    led = ledger.jp_ledger(user.agency, year, employees)
    risk = np.flatnonzero(led.at_risk)
    risk = risk[np.lexsort((led.employee_ids[risk], -led.shortfall[risk]))]
    shown = [int(led.employee_ids[i]) for i in risk[:limit]]
    people = Employee.objects.select_related("unit").in_bulk(shown)
    rows = [{"name": people[pk].full_name, "unit": people[pk].unit.name, "jp": float(led.total[i])}
            for pk, i in zip(shown, risk[:limit], strict=True) if pk in people]
    url = reverse("delivery:compliance") if user.has_perm("delivery.view_compliance") else ""
    return {"count": int(led.at_risk.sum()), "of": int(led.subject.sum()),
            "met": int((led.subject & led.compliant).sum()), "rows": rows, "url": url, "target": led.target}


def compliance(agency_id: int, year: int) -> dict:
    led = ledger.jp_ledger(Agency.objects.get(pk=agency_id), year)
    subject = led.subject
    return {"employees": int(subject.sum()), "met": int((subject & led.compliant).sum()), "target": led.target}


def sessions_of(user, employee, year: int) -> list[dict]:
    if user.employee_id != employee.pk:
        return []
    qs = (Enrolment.objects.filter(employee=employee, session__start_date__year=year)
          .exclude(status=Enrolment.Status.CANCELLED).select_related("session__programme")
          .order_by("session__start_date", "pk"))
    return [{"title": e.session.display_title, "date": e.session.start_date, "jp": e.session.jp,
             "status": e.get_status_display() if not e.completed else "Selesai",
             "url": reverse("delivery:session_detail", args=[e.session_id])} for e in qs]


def certificates_of(user, employee) -> list[dict]:
    rows = []
    for c in (Certificate.objects.filter(enrolment__employee=employee, revoked=False)
              .select_related("enrolment__session__programme").order_by("-issued_at")):
        rows.append({"title": c.enrolment.session.display_title, "number": c.number or c.code,
                     "date": c.issued_at.date(), "jp": c.enrolment.jp,
                     "url": reverse("delivery:certificate_pdf", args=[c.pk])})
    for claim in ExternalClaim.objects.filter(employee=employee, status=ExternalClaim.Status.VERIFIED,
                                              ).exclude(certificate_number="").order_by("-end_date"):
        rows.append({"title": claim.title, "number": claim.certificate_number, "date": claim.end_date,
                     "jp": claim.jp, "url": ""})
    return rows


def _targets(programme_ids) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for pid, cid in ProgrammeCompetency.objects.filter(programme_id__in=list(programme_ids)).values_list(
            "programme_id", "competency_id"):
        out[pid].append(cid)
    return out


def _completed(agency_id: int, year: int):
    return Enrolment.objects.filter(completed=True, session__agency_id=agency_id, session__end_date__year=year)


def realised_rows(agency_id: int, year: int) -> dict[str, list[dict]]:
    """Completed participation of the year, split by delivery's one rule (`selectors.plan_spending`):
    "realised" — in the sessions made from the approved plan's items (the plan's realisation, at the item's
    recorded price), "outside" — the year's other sessions (at the catalogue price). Each a list of rows per unit
    (competency None) and per competency (unit None), so that totals by unit never count a participant twice."""
    plan = plans.approved_plan(agency_id, year)
    in_plan, outside = plan_spending(Enrolment.objects.filter(completed=True, session__agency_id=agency_id),
                                     plan, year)
    per = {kind: list(qs.values("employee__unit_id", "session__programme_id")
                      .annotate(n=Count("pk"), jp=Sum("jp"), total=Sum("cost")))
           for kind, qs in (("realised", in_plan), ("outside", outside))}
    targets = _targets({r["session__programme_id"] for rows in per.values() for r in rows})
    return {kind: _by_unit_and_competency(rows, targets) for kind, rows in per.items()}


def _by_unit_and_competency(per: list[dict], targets: dict[int, list[int]]) -> list[dict]:
    rows, by_comp = [], defaultdict(lambda: {"participants": 0, "jp": 0, "budget": 0})
    for r in per:
        figures = {"participants": r["n"], "jp": float(r["jp"] or 0), "budget": int(r["total"] or 0)}
        rows.append({"unit_id": r["employee__unit_id"], "competency_id": None, **figures})
        for cid in targets.get(r["session__programme_id"], []):
            for key, value in figures.items():
                by_comp[cid][key] += value
    return rows + [{"unit_id": None, "competency_id": cid, **figures} for cid, figures in by_comp.items()]


def completed_pairs(agency_id: int, year: int) -> set[tuple[int, int]]:
    per = list(_completed(agency_id, year).values_list("employee_id", "session__programme_id").distinct())
    targets = _targets({p for _e, p in per})
    return {(e, c) for e, p in per for c in targets.get(p, [])}


def history(employee_ids, year: int | None) -> list[dict]:
    """SIASN training-record rows: completed sessions and verified external claims."""
    enrolments = (Enrolment.objects.filter(employee_id__in=employee_ids, completed=True)
                  .select_related("session__programme__method", "session__programme__provider", "certificate"))
    claims = ExternalClaim.objects.filter(employee_id__in=employee_ids, status=ExternalClaim.Status.VERIFIED
                                          ).select_related("method")
    if year:
        enrolments = enrolments.filter(session__end_date__year=year)
        claims = claims.filter(end_date__year=year)
    rows = []
    for e in enrolments.iterator(chunk_size=2000):
        s, programme = e.session, e.session.programme
        certificate = getattr(e, "certificate", None)
        rows.append({"employee_id": e.employee_id, "record": RECORD_BY_METHOD.get(programme.method.code, "Kursus"),
                     "kind": programme.method.name, "name": s.title or programme.title,
                     "provider": programme.provider.name if programme.provider else "",
                     "start": s.start_date, "end": s.end_date, "jp": float(e.jp),
                     "certificate": (certificate.number or certificate.code)
                     if certificate and not certificate.revoked else ""})
    for c in claims.iterator(chunk_size=2000):
        code = c.method.code if c.method else ""
        rows.append({"employee_id": c.employee_id, "record": RECORD_BY_METHOD.get(code, "Kursus"),
                     "kind": c.method.name if c.method else "", "name": c.title, "provider": c.provider_name,
                     "start": c.start_date, "end": c.end_date, "jp": float(c.jp),
                     "certificate": c.certificate_number})
    return rows


def held_sessions(agency_id: int, year: int, month: int):
    return Session.objects.filter(agency_id=agency_id, start_date__year=year, start_date__month=month)
