"""Permission-matrix rows of the catalogue and mentoring apps (added to ROWS in test_permission_matrix.py).

Each row: (URL name, expected status per actor, kwargs builder, query). The builders create the objects they need
in the `world` fixture: a programme, a routine session, and a mentoring pair boss → other (Dinas Kesehatan), so that
the mentor user sees it through the mentoring grant and officer B through their unit.
"""

from __future__ import annotations

import datetime as dt

ACTORS = ["admin", "officer_a", "officer_b", "supervisor", "employee", "mentor", "facilitator", "head", "anonymous"]


def _table(allowed, refused=403, anonymous=302, everyone=False):
    table = {a: (200 if everyone or a in allowed else refused) for a in ACTORS}
    table["anonymous"] = anonymous
    return table


def page(*allowed, refused=403):
    return _table(allowed, refused)


def api(*allowed, refused=403):
    return _table(allowed, refused, anonymous=401)


ALL = ("admin", "officer_a", "officer_b", "supervisor", "employee", "mentor", "facilitator", "head")
PLANNERS = ("admin", "officer_a", "officer_b", "head")
PAIR_VIEWERS = ("admin", "mentor", "officer_b", "head")


def _programme(w):
    from renbang.catalog.models import Method, Programme, Provider, RecurrenceRule
    from renbang.catalog.services import planned_sessions_generate

    programme = Programme.objects.filter(agency=w.agency, code="MTX-1").first()
    if programme is None:
        provider = Provider.objects.create(agency=w.agency, name="BKPSDM Kota Medan", kind="internal")
        programme = Programme.objects.create(agency=w.agency, code="MTX-1", title="Pelatihan Rutin TIK Bulanan",
                                             method=Method.objects.get(agency=None, code="KL-TEK"),
                                             provider=provider, jp=4)
        rule = RecurrenceRule.objects.create(programme=programme, mode="nth_weekday", weekday=1, nth=2)
        planned_sessions_generate(rule=rule, year=2026)
    return programme


def _pair(w):
    from renbang.catalog.models import Method
    from renbang.mentoring.models import Feedback, Log, MentoringProgramme, Pair, Participant

    pair = Pair.objects.filter(mentor=w.boss, mentee=w.other).first()
    if pair is None:
        programme = MentoringProgramme.objects.create(
            agency=w.agency, title="Mentoring Uji", method=Method.objects.get(agency=None, code="NK-MEN"),
            start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 12, 31))
        Participant.objects.create(programme=programme, employee=w.boss, role="mentor")
        Participant.objects.create(programme=programme, employee=w.other, role="mentee")
        pair = Pair.objects.create(programme=programme, mentor=w.boss, mentee=w.other, reason="uji")
        Log.objects.create(pair=pair, date=dt.date(2026, 3, 3), topic="Uji", duration_minutes=45, jp=1)
        Feedback.objects.create(pair=pair, side="mentee", rating=5)
    return pair


def _competency_query(w):
    from renbang.competencies.models import Competency

    Competency.objects.get_or_create(agency=None, code="M.2", defaults={"name": "Kerja Sama",
                                                                         "competency_type": "manajerial"})
    return {}


def _rule(w):
    from renbang.catalog.models import SuggestionRule

    return {"pk": SuggestionRule.objects.filter(agency=None).order_by("pk").first().pk}


def _method(w):
    from renbang.catalog.models import Method

    return {"pk": Method.objects.get(agency=None, code="NK-ELE").pk}


ROWS = [
    ("catalog:programme_list", page(*ALL), lambda w: {}, ""),
    ("catalog:export", page(*ALL), lambda w: {}, ""),
    ("catalog:import", page("admin"), lambda w: {}, ""),
    ("catalog:programme_create", page("admin"), lambda w: {}, ""),
    ("catalog:programme_detail", page(*ALL), lambda w: {"pk": _programme(w).pk}, ""),
    ("catalog:programme_edit", page("admin"), lambda w: {"pk": _programme(w).pk}, ""),
    ("catalog:session_list", page(*ALL), lambda w: {}, "tahun=2026"),
    ("catalog:method_list", page(*ALL), lambda w: {}, ""),
    ("catalog:method_edit", page("admin"), _method, ""),
    ("catalog:provider_list", page(*ALL), lambda w: {}, ""),
    ("catalog:provider_create", page("admin"), lambda w: {}, ""),
    ("catalog:provider_edit", page("admin"), lambda w: {"pk": _programme(w).provider_id}, ""),
    ("catalog:suggest", page(*PLANNERS), _competency_query, "gap=1"),
    ("catalog:rule_list", page(*PLANNERS), lambda w: {}, ""),
    ("catalog:rule_create", page("admin"), lambda w: {}, ""),
    ("catalog:rule_edit", page("admin"), _rule, ""),
    ("mentoring:programme_list", page(*ALL), lambda w: {}, ""),
    ("mentoring:programme_create", page("admin"), lambda w: {}, ""),
    ("mentoring:programme_detail", page(*ALL), lambda w: {"pk": _pair(w).programme_id}, ""),
    ("mentoring:programme_edit", page("admin"), lambda w: {"pk": _pair(w).programme_id}, ""),
    ("mentoring:pair_detail", page(*PAIR_VIEWERS, refused=404), lambda w: {"pair_pk": _pair(w).pk}, ""),
    ("api:method-list", api(*ALL), lambda w: {}, ""),
    ("api:method-detail", api(*ALL), _method, ""),
    ("api:provider-list", api(*ALL), lambda w: {}, ""),
    ("api:provider-detail", api(*ALL), lambda w: {"pk": _programme(w).provider_id}, ""),
    ("api:programme-list", api(*ALL), lambda w: {}, ""),
    ("api:programme-detail", api(*ALL), lambda w: {"pk": _programme(w).pk}, ""),
    ("api:plannedsession-list", api(*ALL), lambda w: {}, ""),
    ("api:plannedsession-detail", api(*ALL), lambda w: {"pk": _programme(w).planned_sessions.first().pk}, ""),
    ("api:suggestionrule-list", api(*ALL), lambda w: {}, ""),
    ("api:suggestionrule-detail", api(*ALL), _rule, ""),
    ("api:catalog-suggestions", api(*PLANNERS), _competency_query, "competency=M.2&gap=1"),
    ("api:catalog-offers", api(*ALL), lambda w: {}, "year=2026"),
    ("api:mentoringprogramme-list", api(*ALL), lambda w: {}, ""),
    ("api:mentoringprogramme-detail", api(*ALL), lambda w: {"pk": _pair(w).programme_id}, ""),
    ("api:mentoringparticipant-list", api(*ALL), lambda w: {}, ""),
    ("api:mentoringparticipant-detail", api(*PAIR_VIEWERS, refused=404),
     lambda w: {"pk": _pair(w).programme.participants.get(role="mentee").pk}, ""),
    ("api:mentoringpair-list", api(*ALL), lambda w: {}, ""),
    ("api:mentoringpair-detail", api(*PAIR_VIEWERS, refused=404), lambda w: {"pk": _pair(w).pk}, ""),
    ("api:mentoringlog-list", api(*ALL), lambda w: {}, ""),
    ("api:mentoringlog-detail", api(*PAIR_VIEWERS, refused=404), lambda w: {"pk": _pair(w).logs.get().pk}, ""),
    ("api:mentoringfeedback-list", api(*ALL), lambda w: {}, ""),
    ("api:mentoringfeedback-detail", api(*PAIR_VIEWERS, refused=404),
     lambda w: {"pk": _pair(w).feedback.get().pk}, ""),
]

POST_ONLY = (
    "catalog:programme_delete", "catalog:recurrence_add", "catalog:recurrence_delete", "catalog:rule_delete",
    "mentoring:participants_add", "mentoring:participant_remove", "mentoring:programme_match", "mentoring:pair_add",
    "mentoring:pair_action", "mentoring:log_delete", "api:mentoringprogramme-match", "api:mentoringpair-lock",
    "api:mentoringpair-unlock", "api:mentoringpair-remove",
)
EXEMPT = dict.fromkeys(POST_ONLY, "POST-only; tested in tests/catalog or tests/mentoring")
