import pytest

from renbang.mentoring.models import Log, MentoringProgramme, Pair
from renbang.mentoring.services import pair_add

EVERYONE = ["admin", "officer_a", "officer_b", "supervisor", "employee", "mentor", "facilitator", "head"]


@pytest.fixture
def far_pair(mentoring):
    """boss (the mentor user) → other (Dinas Kesehatan): not in boss's chain of command."""
    return pair_add(programme=mentoring.programme, mentor=mentoring.boss, mentee=mentoring.other)


def test_it_shows_programme_pages_by_role(mentoring, login):
    p = mentoring.programme.pk
    for url, allowed in (("/mentoring/", EVERYONE), (f"/mentoring/{p}/", EVERYONE), ("/mentoring/baru/", ["admin"]),
                         (f"/mentoring/{p}/ubah/", ["admin"])):
        for name in EVERYONE:
            status = login(getattr(mentoring.users, name)).get(url).status_code
            assert status == (200 if name in allowed else 403), (url, name, status)


def test_it_lets_only_bkpsdm_run_and_override_the_matching(mentoring, far_pair, login):
    p = mentoring.programme.pk
    posts = [f"/mentoring/{p}/pasangkan/", f"/mentoring/{p}/peserta/", f"/mentoring/{p}/pasangan/tambah/",
             f"/mentoring/pasangan/{far_pair.pk}/lock/", f"/mentoring/pasangan/{far_pair.pk}/remove/"]
    for name in EVERYONE[1:]:
        for url in posts:
            assert login(getattr(mentoring.users, name)).post(url, {}).status_code == 403, (url, name)
    admin = login(mentoring.users.admin)
    assert admin.post(f"/mentoring/{p}/pasangkan/").status_code == 302
    assert admin.post(f"/mentoring/pasangan/{far_pair.pk}/lock/").status_code == 302
    assert admin.post(f"/mentoring/pasangan/{far_pair.pk}/explode/").status_code == 404
    page = admin.get(f"/mentoring/{p}/").content.decode()
    assert "Siti Nasution" in page and "Menutup kesenjangan" in page


def test_it_shows_a_pair_to_its_mentor_mentee_and_managers_only(mentoring, far_pair, login):
    allowed = {"admin", "head", "mentor", "officer_b"}
    for name in EVERYONE:
        status = login(getattr(mentoring.users, name)).get(f"/mentoring/pasangan/{far_pair.pk}/").status_code
        assert status == (200 if name in allowed else 404), (name, status)


def test_it_lists_my_pairs_for_the_mentee(mentoring, login):
    pair_add(programme=mentoring.programme, mentor=mentoring.chief, mentee=mentoring.staff)
    page = login(mentoring.users.employee).get("/mentoring/").content.decode()
    assert "Pasangan mentoring saya" in page and "Butet Siregar" in page


def test_it_records_a_log_and_feedback_from_the_pair_page(mentoring, far_pair, login):
    mentor = login(mentoring.users.mentor)
    url = f"/mentoring/pasangan/{far_pair.pk}/"
    response = mentor.post(url, {"log-date": "2026-04-14", "log-topic": "Delegasi tugas", "log-duration_minutes": 135,
                                 "log-notes": "Latihan memberi umpan balik"})
    assert response.status_code == 302
    assert Log.objects.get(pair=far_pair).jp == 3
    assert mentor.post(url, {"fb-rating": 5, "fb-comment": "Mentee antusias"}).status_code == 302
    bad = mentor.post(url, {"log-date": "bukan tanggal", "log-topic": "", "log-duration_minutes": "x"})
    assert bad.status_code == 400 and "Delegasi tugas" in bad.content.decode()
    officer = login(mentoring.users.officer_b).post(url, {"log-date": "2026-04-14", "log-topic": "x",
                                                          "log-duration_minutes": 30})
    assert officer.status_code == 400 and Log.objects.count() == 1


def test_it_creates_a_programme_from_the_form_and_explains_bad_dates(mentoring, login):
    admin = login(mentoring.users.admin)
    data = {"title": "Mentoring TIK", "method": mentoring.programme.method_id, "competencies": [mentoring.m2.pk],
            "start_date": "2026-12-01", "end_date": "2026-01-01", "capacity_per_mentor": 2, "gap_weight": 100,
            "same_unit_bonus": 10, "same_family_bonus": 5, "status": "draft"}
    bad = admin.post("/mentoring/baru/", data)
    assert bad.status_code == 200 and "tidak boleh sebelum" in bad.content.decode()
    data["end_date"] = "2026-12-31"
    data["start_date"] = "2026-02-01"
    assert admin.post("/mentoring/baru/", data).status_code == 302
    assert MentoringProgramme.objects.filter(title="Mentoring TIK").exists()


def test_it_lists_pairs_in_bounded_queries(mentoring, login, django_assert_max_num_queries):
    from renbang.mentoring.models import Participant
    from tests.factories import EmployeeFactory

    for i in range(60):
        mentor = EmployeeFactory(agency=mentoring.agency, position=mentoring.positions.administrator,
                                 unit=mentoring.unit_a, rank="IV/b", name=f"Mentor {i:02d}")
        mentee = EmployeeFactory(agency=mentoring.agency, position=mentoring.positions.staff, unit=mentoring.unit_a,
                                 rank="II/a", name=f"Mentee {i:02d}")
        Participant.objects.create(programme=mentoring.programme, employee=mentor, role="mentor")
        Participant.objects.create(programme=mentoring.programme, employee=mentee, role="mentee")
        Pair.objects.create(programme=mentoring.programme, mentor=mentor, mentee=mentee, reason="uji")
    client = login(mentoring.users.admin)
    # +1 the role grants (User.roles, once per request), +1 django-otp re-reading the verified device
    with django_assert_max_num_queries(18):
        assert client.get(f"/mentoring/{mentoring.programme.pk}/?page=2").status_code == 200
