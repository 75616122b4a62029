"""L1 feedback: only participants who attended, once each; bad input keeps what was typed."""

import pytest
from django.urls import reverse

from renbang.delivery.models import Enrolment, Session
from renbang.evaluation import services
from renbang.evaluation.models import Feedback

from .conftest import make_session

GOOD = {"relevance": "4", "material": "3", "facilitator": "5", "organisation": "4", "benefit": "2",
        "comment": "Materi terlalu umum"}


def test_it_lets_a_participant_who_attended_give_feedback_once(ev, login):
    client = login(ev.world.users.employee)
    url = reverse("evaluation:feedback", args=[ev.session_p.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, GOOD)
    assert response.status_code == 302
    feedback = Feedback.objects.get(enrolment=ev.enrolment)
    assert (feedback.benefit, feedback.comment) == (2, "Materi terlalu umum")
    again = client.post(url, GOOD | {"benefit": "5"})
    assert again.status_code == 400
    assert "sudah memberi umpan balik" in again.content.decode()
    assert Feedback.objects.get(enrolment=ev.enrolment).benefit == 2


def test_it_hides_the_form_from_anyone_not_enrolled(ev, login):
    url = reverse("evaluation:feedback", args=[ev.session_p.pk])
    for actor in ("supervisor", "mentor", "admin"):
        assert login(getattr(ev.world.users, actor)).get(url).status_code in (403, 404)
    assert login(ev.world.users.supervisor).post(url, GOOD).status_code == 404
    assert not Feedback.objects.exists()


def test_it_refuses_a_participant_who_did_not_attend(ev, login):
    Enrolment.objects.filter(pk=ev.enrolment.pk).update(completed=False)
    client = login(ev.world.users.employee)
    url = reverse("evaluation:feedback", args=[ev.session_p.pk])
    response = client.post(url, GOOD)
    assert response.status_code == 403
    assert "hanya untuk peserta yang hadir" in response.content.decode()
    assert not Feedback.objects.exists()


def test_it_waits_until_the_session_is_closed(ev, login):
    session = make_session(ev.p, [ev.world.staff], status=Session.Status.RUNNING, days_ago=0)
    response = login(ev.world.users.employee).post(reverse("evaluation:feedback", args=[session.pk]), GOOD)
    assert response.status_code == 400
    assert "setelah sesi ditutup" in response.content.decode()


def test_it_closes_the_window_after_the_configured_days(ev, login):
    session = make_session(ev.p, [ev.world.staff], days_ago=90)
    response = login(ev.world.users.employee).post(reverse("evaluation:feedback", args=[session.pk]), GOOD)
    assert response.status_code == 400
    assert "sudah berakhir" in response.content.decode()


def test_it_keeps_what_was_typed_when_a_score_is_missing(ev, login):
    client = login(ev.world.users.employee)
    response = client.post(reverse("evaluation:feedback", args=[ev.session_p.pk]),
                           GOOD | {"benefit": "", "material": "9"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pilih nilai 1 sampai 5." in html
    assert "Materi terlalu umum" in html
    assert not Feedback.objects.exists()


def test_it_refuses_someone_elses_enrolment_in_the_service(ev):
    with pytest.raises(PermissionError):
        services.feedback_submit(enrolment=ev.enrolment, user=ev.world.users.supervisor, data=GOOD)


def test_it_lists_my_sessions_with_their_feedback_state(ev, login):
    client = login(ev.world.users.employee)
    html = client.get(reverse("evaluation:my_evaluations")).content.decode()
    assert "Bimtek Integritas" in html and "Isi umpan balik" in html
    client.post(reverse("evaluation:feedback", args=[ev.session_p.pk]), GOOD)
    assert "Sudah diisi" in client.get(reverse("evaluation:my_evaluations")).content.decode()
