"""Permission-matrix rows of the cycle app (added to ROWS in test_permission_matrix.py); see rows_catalog.py.

Users with an employee record: supervisor (chief), employee (staff), mentor (boss). Staff viewers (dashboard,
bulk exports): BKPSDM, both OPD officers, the head and anyone with subordinates. Years: BKPSDM, head, officers.
The agency's yearly report: BKPSDM and the head.
"""

from __future__ import annotations

from .rows_catalog import ALL, PLANNERS, api, page

WITH_EMPLOYEE = ("supervisor", "employee", "mentor")
STAFF = ("admin", "officer_a", "officer_b", "supervisor", "mentor", "head")
SEES_STAFF_MEMBER = ("admin", "officer_a", "supervisor", "employee", "mentor", "head")


def _closing(w):
    from renbang.core.models import Job, JobStatus
    from renbang.cycle.models import YearClosing

    closing = YearClosing.objects.filter(agency=w.agency, year=2025).first()
    if closing is None:
        job = Job.objects.create(kind="cycle.close_year", agency=w.agency, status=JobStatus.DONE,
                                 params={"agency_id": w.agency.pk, "year": 2025}, result={"carried": 1})
        closing = YearClosing.objects.create(agency=w.agency, year=2025, status="closed", carried=1, job=job)
    return closing


def _carried(w):
    from renbang.competencies.models import Competency
    from renbang.cycle.models import CarriedNeed

    comp, _ = Competency.objects.get_or_create(code="M.1", agency=None,
                                               defaults={"name": "Integritas", "competency_type": "manajerial"})
    row, _ = CarriedNeed.objects.get_or_create(agency=w.agency, from_year=2025, year=2026, employee=w.staff,
                                               unit=w.section_a, competency=comp, origin="need",
                                               defaults={"gap": 1})
    return row


def _carried_year(w):
    _carried(w)  # the staff member's carried need, seen by who sees them
    return {"year": 2026}


def _with(**overrides):
    def table(*allowed, refused=403, anonymous=302):
        result = page(*allowed, refused=refused)
        result["anonymous"] = anonymous
        return result | overrides
    return table


ROWS: list = [
    ("cycle:my_development", page(*WITH_EMPLOYEE), lambda w: {}, ""),
    ("cycle:my_history", _with(admin=404, officer_a=404, officer_b=404, head=404)(*WITH_EMPLOYEE),
     lambda w: {}, ""),
    ("cycle:dashboard", page(*STAFF), lambda w: {}, ""),
    ("cycle:dashboard_pdf", page(*STAFF), lambda w: {}, "bulan=2026-11"),
    ("cycle:years", page(*PLANNERS), lambda w: {}, ""),
    ("cycle:year_detail", page(*PLANNERS), lambda w: {"year": 2026}, ""),
    ("cycle:carried", page(*PLANNERS), _carried_year, ""),
    ("cycle:close_job", page(*PLANNERS), lambda w: {"pk": _closing(w).job_id}, ""),
    ("cycle:reports", page(*STAFF), lambda w: {}, ""),
    ("cycle:bulk_history", page(*STAFF), lambda w: {}, ""),
    ("cycle:employee_history", _with(officer_b=404)(*SEES_STAFF_MEMBER), lambda w: {"pk": w.staff.pk}, ""),
    ("cycle:annual_pdf", page("admin", "head"), lambda w: {"year": 2025}, ""),
    ("cycle:annual_xlsx", page("admin", "head"), lambda w: {"year": 2025}, ""),
    ("api:cycle-my-development", api(*WITH_EMPLOYEE), lambda w: {}, ""),
    ("api:cycle-dashboard", api(*STAFF), lambda w: {}, ""),
    ("api:cycle-yearclosing-list", api(*PLANNERS), lambda w: {}, ""),
    ("api:cycle-yearclosing-detail", api(*PLANNERS), lambda w: {"pk": _closing(w).pk}, ""),
    ("api:cycle-carriedneed-list", api(*ALL), lambda w: {}, ""),
    ("api:cycle-carriedneed-detail", api(*SEES_STAFF_MEMBER, refused=404), lambda w: {"pk": _carried(w).pk}, ""),
]
EXEMPT: dict[str, str] = {
    "cycle:year_close": "POST-only; allowed and refused actors in tests/cycle/test_years.py",
}
