"""Training-needs survey: BKPSDM opens it, employees answer (and may change while open), aggregated per unit."""

import datetime as dt

import time_machine
from django.urls import reverse

from renbang.needs.models import NeedsSurvey, SurveyResponse


def survey(w):
    return NeedsSurvey.objects.create(agency=w.agency, title="Survei 2026", opens_on=dt.date(2026, 3, 1),
                                      closes_on=dt.date(2026, 3, 31))


def test_it_lets_the_admin_open_a_survey(needs_world, login):
    w = needs_world
    data = {"title": "Survei kebutuhan 2027", "opens_on": "2026-03-01", "closes_on": "2026-03-31"}
    assert login(w.users.admin).post(reverse("needs:surveys"), data).status_code == 302
    assert NeedsSurvey.objects.get().agency == w.agency
    assert login(w.users.officer_a).post(reverse("needs:surveys"), data).status_code == 404
    bad = {**data, "closes_on": "2026-01-01"}
    response = login(w.users.admin).post(reverse("needs:surveys"), bad)
    assert response.status_code == 200 and NeedsSurvey.objects.count() == 1


@time_machine.travel(dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC))
def test_it_records_wishes_and_aggregates_them_per_unit(needs_world, login):
    w = needs_world
    s = survey(w)
    url = reverse("needs:survey_answer", args=[s.pk])
    client = login(w.users.employee)
    client.post(url, {"competencies": [w.comps[0].pk, w.comps[2].pk], "wish": "Kursus Excel lanjutan"})
    client.post(url, {"competencies": [w.comps[2].pk], "wish": "Kursus Excel lanjutan"})  # changed while open
    login(w.users.supervisor).post(url, {"competencies": [w.comps[2].pk]})
    answer = SurveyResponse.objects.get(employee=w.staff)
    assert list(answer.competencies.all()) == [w.comps[2]] and SurveyResponse.objects.count() == 2
    page = login(w.users.officer_a).get(reverse("needs:survey_results", args=[s.pk])).content.decode()
    assert "Dinas Pendidikan dan Kebudayaan" in page and "M.3 (2)" in page and "Kursus Excel" in page
    page = login(w.users.officer_b).get(reverse("needs:survey_results", args=[s.pk])).content.decode()
    assert "Kursus Excel" not in page


@time_machine.travel(dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC))
def test_it_refuses_an_empty_answer(needs_world, login):
    w = needs_world
    response = login(w.users.employee).post(reverse("needs:survey_answer", args=[survey(w).pk]), {"wish": " "})
    assert response.status_code == 200 and "paling sedikit satu" in response.content.decode()


@time_machine.travel(dt.datetime(2026, 4, 10, 9, tzinfo=dt.UTC))
def test_it_refuses_answers_after_closing(needs_world, login):
    w = needs_world
    login(w.users.employee).post(reverse("needs:survey_answer", args=[survey(w).pk]), {"wish": "Magang"})
    assert not SurveyResponse.objects.exists()
