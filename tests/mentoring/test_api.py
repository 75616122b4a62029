import pytest

from renbang.mentoring.models import Pair
from renbang.mentoring.services import pair_add

EVERYONE = ["admin", "officer_a", "officer_b", "supervisor", "employee", "mentor", "facilitator", "head"]


@pytest.fixture
def far_pair(mentoring):
    return pair_add(programme=mentoring.programme, mentor=mentoring.boss, mentee=mentoring.other)


def test_it_scopes_pairs_to_mentor_mentee_and_managers(mentoring, far_pair, login):
    allowed = {"admin", "head", "mentor", "officer_b"}
    for name in EVERYONE:
        data = login(getattr(mentoring.users, name)).get("/api/v1/mentoring/pairs/").json()
        ids = [p["id"] for p in data["results"]]
        assert (far_pair.pk in ids) == (name in allowed), name


def test_it_lets_only_bkpsdm_run_matching_and_override(mentoring, login):
    p = mentoring.programme.pk
    for name in EVERYONE[1:]:
        client = login(getattr(mentoring.users, name))
        assert client.post(f"/api/v1/mentoring/programmes/{p}/match/").status_code in (403, 404), name
        assert client.post("/api/v1/mentoring/pairs/", {}, content_type="application/json").status_code == 403
    admin = login(mentoring.users.admin)
    assert admin.post(f"/api/v1/mentoring/programmes/{p}/match/").json() == {"created": 2}
    pair = Pair.objects.filter(programme_id=p).first()
    assert admin.post(f"/api/v1/mentoring/pairs/{pair.pk}/lock/").json()["status"] == "locked"
    assert admin.post(f"/api/v1/mentoring/pairs/{pair.pk}/remove/").json()["status"] == "removed"
    bad = admin.post("/api/v1/mentoring/pairs/", {"programme": p, "mentor": mentoring.staff.pk,
                                                  "mentee": mentoring.other.pk}, content_type="application/json")
    assert bad.status_code == 400


def test_it_lets_the_mentee_log_and_give_feedback_but_not_outsiders(mentoring, far_pair, login):
    from tests.factories import UserFactory

    mentee_user = UserFactory(username="siti", agency=mentoring.agency, employee=mentoring.other)
    payload = {"pair": far_pair.pk, "date": "2026-05-12", "topic": "Pelayanan publik", "duration_minutes": 45}
    response = login(mentee_user).post("/api/v1/mentoring/logs/", payload, content_type="application/json")
    assert response.status_code == 201 and response.json()["jp"] == "1.00"
    outsider = login(mentoring.users.employee).post("/api/v1/mentoring/logs/", payload,
                                                    content_type="application/json")
    assert outsider.status_code == 400  # the pair is not visible to them
    officer = login(mentoring.users.officer_b).post("/api/v1/mentoring/logs/", payload,
                                                    content_type="application/json")
    assert officer.status_code == 403
    fb = login(mentee_user).post("/api/v1/mentoring/feedback/", {"pair": far_pair.pk, "rating": 5},
                                 content_type="application/json")
    assert fb.status_code == 201 and fb.json()["side"] == "mentee"
    assert login(mentoring.users.admin).post("/api/v1/mentoring/feedback/", {"pair": far_pair.pk, "rating": 5},
                                             content_type="application/json").status_code == 403


def test_it_lets_everyone_read_programmes_but_only_bkpsdm_create(mentoring, login):
    payload = {"title": "Mentoring Pelayanan", "method": mentoring.programme.method_id,
               "competencies": [mentoring.m2.pk], "start_date": "2026-02-01", "end_date": "2026-06-30"}
    for name in EVERYONE:
        client = login(getattr(mentoring.users, name))
        assert client.get("/api/v1/mentoring/programmes/").status_code == 200
        status = client.post("/api/v1/mentoring/programmes/", payload, content_type="application/json").status_code
        assert status == (201 if name == "admin" else 403), name
    bad = login(mentoring.users.admin).post("/api/v1/mentoring/programmes/", {**payload, "capacity_per_mentor": 7},
                                            content_type="application/json")
    assert bad.status_code == 400
