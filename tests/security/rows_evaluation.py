"""Permission-matrix rows of the evaluation app (added to ROWS in test_permission_matrix.py); see rows_catalog.py.

The builder makes, once per world: a programme on M.1 with a completed session attended by the staff member (whose
supervisor is the chief, the `supervisor` user), the staff member's follow-up, and a review decision.
"""

from __future__ import annotations

from .rows_catalog import ALL, PLANNERS, api, page

RESULTS = PLANNERS  # admin, OPD officers, head: aggregated, anonymous results
WITH_EMPLOYEE = ("supervisor", "employee", "mentor")  # the world's users linked to an employee


def _ev(w):
    if hasattr(w, "ev"):
        return w.ev
    import datetime as dt
    from types import SimpleNamespace

    from django.utils import timezone

    from renbang.catalog.models import Method, Programme, ProgrammeCompetency
    from renbang.competencies.models import Competency
    from renbang.delivery.models import Enrolment, Session
    from renbang.evaluation.models import FollowUp, ProgrammeReview

    comp, _ = Competency.objects.get_or_create(agency=None, code="M.1", defaults={
        "name": "Integritas", "competency_type": "manajerial"})
    programme = Programme.objects.create(agency=w.agency, code="EV-1", title="Bimtek Evaluasi",
                                         method=Method.objects.get(agency=None, code="KL-BIM"), jp=8)
    ProgrammeCompetency.objects.create(programme=programme, competency=comp)
    end = timezone.localdate() - dt.timedelta(days=3)
    session = Session.objects.create(agency=w.agency, programme=programme, start_date=end, end_date=end,
                                     capacity=10, jp=8, status=Session.Status.COMPLETED)
    enrolment = Enrolment.objects.create(session=session, employee=w.staff, status="confirmed", completed=True)
    follow_up = FollowUp.objects.create(enrolment=enrolment, supervisor=w.chief, due_on=end)
    review = ProgrammeReview.objects.create(programme=programme, decision="pertahankan", note="Baik")
    w.ev = SimpleNamespace(programme=programme, session=session, enrolment=enrolment, follow_up=follow_up,
                           review=review)
    return w.ev


ROWS = [
    # Employees without results rights go to their own list; the facilitator (no employee) has nothing here.
    ("evaluation:index", page(*RESULTS) | {"supervisor": 302, "employee": 302, "mentor": 302},
     lambda w: {}, ""),
    ("evaluation:my_evaluations", page(*WITH_EMPLOYEE), lambda w: {}, ""),
    # Only the participant sees the form; for everyone else the session might as well not exist.
    ("evaluation:feedback", page("employee") | {"supervisor": 404, "mentor": 404},
     lambda w: {"session_pk": _ev(w).session.pk}, ""),
    ("evaluation:session_results", page(*RESULTS), lambda w: {"pk": _ev(w).session.pk}, ""),
    ("evaluation:test_scores", page("admin"), lambda w: {"pk": _ev(w).session.pk}, ""),
    ("evaluation:test_scores_export", page("admin"), lambda w: {"pk": _ev(w).session.pk}, ""),
    # Supervisors: the chief (supervisor user) and the boss (mentor user, an indirect supervisor).
    ("evaluation:follow_up_list", page("admin", "supervisor", "mentor"), lambda w: {}, ""),
    ("evaluation:follow_up", page("admin", "supervisor") | {"mentor": 404},
     lambda w: {"pk": _ev(w).follow_up.pk}, ""),
    ("evaluation:programme_list", page(*RESULTS), lambda w: {}, ""),
    ("evaluation:programme_export", page(*RESULTS), lambda w: {}, ""),
    ("evaluation:programme_report", page(*RESULTS), lambda w: {"pk": _ev(w).programme.pk}, ""),
    ("evaluation:programme_pdf", page(*RESULTS), lambda w: {"pk": _ev(w).programme.pk}, ""),
    ("evaluation:review_create", page("admin"), lambda w: {"pk": _ev(w).programme.pk}, ""),
    ("evaluation:method_comparison", page(*RESULTS), lambda w: {}, ""),
    ("evaluation:flagged", page(*RESULTS), lambda w: {}, ""),
    ("evaluation:response_rates", page(*RESULTS), lambda w: {}, "tahun=2026"),
    ("evaluation:response_rates_export", page(*RESULTS), lambda w: {}, ""),
    ("evaluation:settings", page("admin"), lambda w: {}, ""),
    ("api:evaluation-effectiveness", api(*RESULTS), lambda w: {}, ""),
    ("api:evaluation-effectiveness-detail", api(*RESULTS), lambda w: {"pk": _ev(w).programme.pk}, ""),
    ("api:evaluation-review-list", api(*RESULTS), lambda w: {}, ""),
    ("api:evaluation-review-detail", api(*RESULTS), lambda w: {"pk": _ev(w).review.pk}, ""),
    ("api:evaluation-feedback-list", api(*ALL), lambda w: {}, ""),  # one's own only: an empty list is 200
    ("api:evaluation-follow-up-list", api("admin", "supervisor", "mentor"), lambda w: {}, ""),
    ("api:evaluation-follow-up-detail", api("admin", "supervisor") | {"mentor": 404},
     lambda w: {"pk": _ev(w).follow_up.pk}, ""),
]
EXEMPT: dict[str, str] = {
    "evaluation:reminders": "POST-only; tested in tests/evaluation/test_follow_ups.py",
    "api:evaluation-feedback-detail": "one's own feedback only; tested in tests/evaluation/test_api.py",
}
