"""REST endpoints: aggregates only, one's own feedback, the addressed supervisor's follow-ups."""

from django.urls import reverse
from rest_framework.test import APIClient

from renbang.evaluation import services
from renbang.evaluation.models import Feedback, FollowUp, ProgrammeReview

from .conftest import give_feedback, make_session


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_it_lists_effectiveness_without_breakdowns_below_the_floor(ev):
    give_feedback(ev.session_p, [1, 1, 1])
    give_feedback(ev.session_q, [5] * 12)
    rows = {r["code"]: r for r in _api(ev.world.users.head).get(reverse("api:evaluation-effectiveness")).json()}
    assert rows["P-BIM"]["responses"] == 3 and rows["P-BIM"]["low_share"] is None
    assert rows["Q-ELE"]["benefit_mean"] == 5.0 and rows["Q-ELE"]["flagged"] is False
    assert _api(ev.world.users.employee).get(reverse("api:evaluation-effectiveness")).status_code == 403


def test_it_gives_alternatives_of_a_flagged_programme(ev):
    give_feedback(ev.session_p, [1, 2, 1, 2, 2, 1, 2, 3, 4, 2, 1, 2])
    give_feedback(ev.session_q, [5, 4, 4, 5, 4, 5, 4, 4, 5, 3, 4, 5])
    data = _api(ev.world.users.admin).get(reverse("api:evaluation-effectiveness-detail", args=[ev.p.pk])).json()
    assert data["flagged"] is True
    assert data["alternatives"][0]["programme"] == ev.q.pk and data["alternatives"][0]["reason"]


def test_it_records_a_review_only_for_bkpsdm(ev):
    url = reverse("api:evaluation-review-list")
    body = {"programme": ev.p.pk, "decision": "perbaiki", "note": "Tambah studi kasus"}
    assert _api(ev.world.users.officer_a).post(url, body).status_code == 403
    response = _api(ev.world.users.admin).post(url, body)
    assert response.status_code == 201, response.content
    assert ProgrammeReview.objects.get().decided_by == ev.world.users.admin
    bad = _api(ev.world.users.admin).post(url, {"programme": ev.p.pk, "decision": "ganti", "note": "x"})
    assert bad.status_code == 400 and "replacement" in bad.json()


def test_it_takes_the_participants_own_feedback_once(ev):
    client = _api(ev.world.users.employee)
    url = reverse("api:evaluation-feedback-list")
    body = {"session": ev.session_p.pk, "relevance": 4, "material": 4, "facilitator": 5, "organisation": 3,
            "benefit": 2, "comment": ""}
    assert client.post(url, body).status_code == 201
    assert client.post(url, body).status_code == 400
    assert [f["session_id"] for f in client.get(url).json()["results"]] == [ev.session_p.pk]
    own = Feedback.objects.get()
    assert client.get(reverse("api:evaluation-feedback-detail", args=[own.pk])).status_code == 200
    other = _api(ev.world.users.supervisor)
    assert other.post(url, body).status_code == 400
    assert other.get(reverse("api:evaluation-feedback-detail", args=[own.pk])).status_code == 404
    assert _api(ev.world.users.admin).get(url).json()["results"] == []  # nobody reads others' answers


def test_it_lets_the_supervisor_answer_a_follow_up(ev):
    make_session(ev.q, [ev.world.staff], days_ago=120)
    services.follow_ups_generate(agency=ev.world.agency)
    follow_up = FollowUp.objects.get()
    url = reverse("api:evaluation-follow-up-detail", args=[follow_up.pk])
    assert _api(ev.world.users.mentor).patch(url, {"applied": "ya"}).status_code == 404
    assert _api(ev.world.users.supervisor).patch(url, {"applied": "nanti"}).status_code == 400
    assert _api(ev.world.users.supervisor).patch(url, {"applied": "ya"}).status_code == 200
    follow_up.refresh_from_db()
    assert follow_up.applied == "ya"
