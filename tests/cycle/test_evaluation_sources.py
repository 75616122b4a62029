"""The cycle's pages read evaluation's selectors: the flagged programmes on the leaders' dashboard, the feedback an
employee still owes on "my development", effectiveness by method per year and the year's evaluation figures."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from renbang.cycle import reports, sources
from renbang.evaluation import selectors
from renbang.evaluation.models import EvaluationSettings
from tests.evaluation.conftest import ev, give_feedback, make_session  # noqa: F401 (the `ev` fixture)

pytestmark = pytest.mark.django_db


def _disappoint(ev):  # noqa: F811
    give_feedback(ev.session_p, [1, 2, 1, 2, 2, 1, 2, 3, 4, 2, 1, 2])  # 10 of 12 low → P flagged
    give_feedback(ev.session_q, [5, 4, 4, 5, 4, 5, 4, 4, 5, 3, 4, 5])


def test_the_dashboard_shows_the_programme_evaluation_flagged(cycle, ev, login,  # noqa: F811
                                                               django_assert_max_num_queries):
    _disappoint(ev)
    client = login(cycle.users.head)
    end = ev.session_p.end_date  # the dashboard counts the flags of its year: ask for the session's month
    with django_assert_max_num_queries(41):  # +1: the PPK session's verified 2FA device (django-otp)
        response = client.get(f"/siklus/pimpinan/?bulan={end:%Y-%m}")
    flagged = response.context["d"]["flagged"]
    assert flagged["count"] == 1 and flagged["url"] == f"{reverse('evaluation:flagged')}?tahun={end.year}"
    assert flagged["rows"] == [{"title": "Bimtek Integritas",
                                "reason": "10 dari 12 responden menilai manfaatnya rendah",
                                "url": reverse("evaluation:programme_report", args=[ev.p.pk])}]
    body = response.content.decode()
    assert "Bimtek Integritas" in body and reverse("evaluation:flagged") in body
    assert "Evaluasi belum tersedia" not in body


def test_the_dashboard_says_nothing_is_flagged_when_no_programme_disappoints(cycle, ev, login):  # noqa: F811
    give_feedback(ev.session_q, [5, 4, 4, 5, 4, 5, 4, 4, 5, 3, 4, 5])
    response = login(cycle.users.head).get("/siklus/pimpinan/")
    assert response.context["d"]["flagged"]["count"] == 0
    assert "Tidak ada program yang ditandai." in response.content.decode()


def test_my_development_lists_the_feedback_owed_until_it_is_given(cycle, ev, login,  # noqa: F811
                                                                  django_assert_max_num_queries):
    client = login(cycle.users.employee)
    with django_assert_max_num_queries(40):  # ~36 measured with delivery's sessions too (feedback owed: 2)
        response = client.get("/siklus/saya/")
    data = response.context["data"]
    url = reverse("evaluation:feedback", args=[ev.session_p.pk])
    days = EvaluationSettings(agency=cycle.agency).feedback_days
    assert [(f["title"], f["url"], f["due"]) for f in data["feedback_owed"]] == [
        ("Bimtek Integritas", url, ev.session_p.end_date + dt.timedelta(days=days))]
    assert data["owed_count"] == 2  # the session and the mentoring pair
    assert url in response.content.decode()
    give_feedback(ev.session_p, [4])  # the first enrolment is the world's staff member's
    assert login(cycle.users.employee).get("/siklus/saya/").context["data"]["feedback_owed"] == []


def test_feedback_owed_ends_with_the_window_and_is_only_the_employees_own(cycle, ev,  # noqa: F811
                                                                         django_assert_max_num_queries):
    days = EvaluationSettings(agency=cycle.agency).feedback_days
    old = make_session(ev.q, [cycle.staff], days_ago=days + 1)
    with django_assert_max_num_queries(2):
        owed = selectors.feedback_owed(cycle.users.employee, cycle.staff)
    assert [f["session_id"] for f in owed] == [ev.session_p.pk] and old.pk not in {f["session_id"] for f in owed}
    later = timezone.localdate() + dt.timedelta(days=days + 10)
    assert selectors.feedback_owed(cycle.users.employee, cycle.staff, today=later) == []
    assert sources.feedback_owed(cycle.users.supervisor, cycle.staff) == []


def test_the_year_figures_and_effectiveness_by_method_come_from_evaluation(cycle, ev, login):  # noqa: F811
    _disappoint(ev)
    year = ev.session_p.end_date.year
    rows = sources.effectiveness_by_method(cycle.agency.pk, year)
    assert {r["method"]: r["n"] for r in rows} == {ev.p.method.name: 1, ev.q.method.name: 1}
    by_method = {r["method"]: r["score"] for r in rows}
    assert by_method[ev.q.method.name] > by_method[ev.p.method.name]
    assert sources.effectiveness_by_method(cycle.agency.pk, year - 1) == []
    figures = reports.annual_report(cycle.agency, year)["evaluation"]["figures"]
    assert figures["Sesi selesai"] == 2 and figures["Peserta hadir"] == 25
    assert figures["Umpan balik diterima"] == 24 and figures["Program ditandai manfaat rendah"] == 1
    years = login(cycle.users.head).get("/siklus/tahun/").context["data"]["effectiveness"]
    assert years[year] == rows
