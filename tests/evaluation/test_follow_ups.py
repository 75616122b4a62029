"""L3 follow-ups to the supervisor, and reminders (in-app notice + e-mail, not twice a week)."""

import datetime as dt

from django.core import mail
from django.urls import reverse

from renbang.core.models import Notice
from renbang.evaluation import services
from renbang.evaluation.models import FollowUp

from .conftest import make_session


def test_it_adds_months_clipped_to_the_month_end():
    assert services.add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert services.add_months(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)
    assert services.add_months(dt.date(2026, 3, 31), -1) == dt.date(2026, 2, 28)


def test_it_creates_follow_ups_after_the_interval_for_the_supervisor(ev):
    old = make_session(ev.q, [ev.world.staff], days_ago=120)
    assert services.follow_ups_generate(agency=ev.world.agency) == 1  # the recent sessions are not due yet
    follow_up = FollowUp.objects.get()
    assert follow_up.enrolment.session == old and follow_up.supervisor == ev.world.chief
    assert follow_up.due_on == services.add_months(old.end_date, 3)
    assert services.follow_ups_generate(agency=ev.world.agency) == 0  # idempotent


def test_it_lets_only_the_supervisor_answer(ev, login):
    make_session(ev.q, [ev.world.staff], days_ago=120)
    services.follow_ups_generate(agency=ev.world.agency)
    follow_up = FollowUp.objects.get()
    url = reverse("evaluation:follow_up", args=[follow_up.pk])
    assert login(ev.world.users.mentor).post(url, {"applied": "ya"}).status_code == 404  # the boss: not addressed
    response = login(ev.world.users.supervisor).post(url, {"applied": "maybe", "example": "Memakai SOP baru"})
    assert response.status_code == 400 and "Memakai SOP baru" in response.content.decode()
    response = login(ev.world.users.supervisor).post(url, {"applied": "sebagian", "example": "Memakai SOP baru"})
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.applied, follow_up.answered_by) == ("sebagian", ev.world.users.supervisor)


def test_it_counts_follow_ups_in_the_evidence(ev):
    from renbang.evaluation.evidence import programme_evidence

    make_session(ev.q, [ev.world.staff, *ev.people[:3]], days_ago=120)
    services.follow_ups_generate(agency=ev.world.agency)
    FollowUp.objects.filter(enrolment__employee=ev.world.staff).update(applied="ya")
    FollowUp.objects.exclude(enrolment__employee=ev.world.staff).update(applied="belum")
    e = programme_evidence(ev.world.agency.pk)[ev.q.pk]
    assert (e.follow_ups, e.applied_share) == (4, 0.25)


def test_it_reminds_participants_and_supervisors_once_a_week(ev, login, django_capture_on_commit_callbacks):
    ev.world.staff.email = "ahmad@example.go.id"
    ev.world.staff.save()
    make_session(ev.q, [ev.world.staff], days_ago=120)
    client = login(ev.world.users.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("evaluation:reminders"))
    assert response.status_code == 302
    # the staff member owes feedback on P's session; the chief owes the follow-up of the old session
    assert Notice.objects.filter(user=ev.world.users.employee, kind="evaluasi").count() == 1
    assert Notice.objects.filter(user=ev.world.users.supervisor, kind="evaluasi").count() == 1
    assert [m.to for m in mail.outbox] == [["ahmad@example.go.id"]]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("evaluation:reminders"))
    assert Notice.objects.filter(kind="evaluasi").count() == 2


def test_it_refuses_reminders_to_anyone_but_bkpsdm(ev, login):
    assert login(ev.world.users.officer_a).post(reverse("evaluation:reminders")).status_code == 403
    assert not Notice.objects.exists()
